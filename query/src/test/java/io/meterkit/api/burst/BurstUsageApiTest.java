package io.meterkit.api.burst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The burst-usage routes through {@link MeterApi}, with hand-computed usages and amounts. */
class BurstUsageApiTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Principal ALICE = new Principal("alice", "p-1", List.of("Member"));
  private static final BurstConfig CPU_ONLY =
      new BurstConfig(
          Map.of("cpu", new BigDecimal("0.0001")),
          Map.of("alice", Map.of("cpu", new BigDecimal("2000"))));

  private final MeterStore store = MeterStore.inMemory();
  private final List<Sample> samples = new ArrayList<>();

  @Test
  void burstIsTheSlotLevelAboveTheSubscriptionPricedPerHour() {
    // alice's cpu gauges on 2014-11-16, now = 02:00:
    //   vm1: 1000 @00:00, 3000 @01:00; vm2: 1500 @00:30 (levels add up)
    //   level 1000 [00:00,00:30) -> burst 0; 2500 [00:30,01:00) -> 500; 4500 [01:00,02:00) -> 2500
    //   burst = 500 MHz * 0.5 h + 2500 MHz * 1 h = 2750 MHz.h; amount = 2750 * 0.0001 = 0.275
    //   usage = 2750 MHz.h / 2 h = 1375 MHz
    gauge("cpu", "vm1", "alice", "2014-11-16T00:00:00Z", 1000);
    gauge("cpu", "vm1", "alice", "2014-11-16T01:00:00Z", 3000);
    gauge("cpu", "vm2", "alice", "2014-11-16T00:30:00Z", 1500);
    gauge("cpu", "vm9", "bob", "2014-11-16T00:00:00Z", 99000);
    BurstConfig config =
        new BurstConfig(
            Map.of("cpu", new BigDecimal("0.0001"), "mem", new BigDecimal("0.000000001")),
            Map.of("alice", Map.of("cpu", new BigDecimal("2000"))));
    MeterApi api = api(config, "2014-11-16T02:00:00Z");

    ApiResponse response = api.handle(get("/burstusage/?date=2014-11-16", ALICE));

    assertThat(response.status()).isEqualTo(200);
    JsonNode objects = json(response).get("objects");
    assertThat(objects).hasSize(2);
    assertThat(objects.get(0).get("resource_type").asText()).isEqualTo("cpu");
    assertThat(objects.get(0).get("usage").asLong()).isEqualTo(1375);
    assertThat(response.bodyText()).contains("\"amount\":0.27500000000000000000");
    assertThat(objects.get(1).get("resource_type").asText()).isEqualTo("mem");
    assertThat(objects.get(1).get("usage").asLong()).isZero();
    assertThat(response.bodyText()).contains("\"amount\":0.00000000000000000000");
    // The uuid names (owner, type, period), so clients may keep it: the name-based UUID
    // (version 3, MD5) of "alice\n<type>\n<from>\n<to>", the day clipped at now,
    // [2014-11-16T00:00Z, 02:00Z) = [1416096000000, 1416103200000) ms; computed with an MD5 tool
    // outside this code base.
    assertThat(objects.get(0).get("uuid").asText())
        .isEqualTo("ffada46e-38db-3bc6-ab04-285560b36457");
    assertThat(objects.get(1).get("uuid").asText())
        .isEqualTo("404b13c2-4682-39d7-9b91-9fc40bfeb99d");
  }

  @Test
  void theLevelOfASlotIsItsTimeWeightedAverage() {
    // 0 @00:00, 4000 @00:02:30, 0 @00:05:00: slot [00:00,00:05) averages 2000.
    gauge("cpu", "vm1", "alice", "2014-11-16T00:00:00Z", 0);
    gauge("cpu", "vm1", "alice", "2014-11-16T00:02:30Z", 4000);
    gauge("cpu", "vm1", "alice", "2014-11-16T00:05:00Z", 0);
    // subscribed 2000: the average never exceeds it, so no burst (instantaneous usage did).
    assertThat(period(api(CPU_ONLY, "2014-11-16T00:10:00Z")))
        .isEqualTo("cpu usage=0 amount=0.00000000000000000000");
    // subscribed 1000: burst 1000 MHz for 5 min = 83.33.. MHz.h; amount =
    // 1000*300000*0.0001/3600000
    // = 0.008333.. rounded half-even at 20 digits; usage = 1000 * 5 min / 10 min = 500.
    BurstConfig lower =
        new BurstConfig(CPU_ONLY.prices(), Map.of("alice", Map.of("cpu", new BigDecimal("1000"))));
    assertThat(period(api(lower, "2014-11-16T00:10:00Z")))
        .isEqualTo("cpu usage=500 amount=0.00833333333333333333");
  }

  @Test
  void dailyBurstSplitsAtUtcMidnightMostRecentDayFirst() {
    // 3000 MHz from 2014-11-15T23:00, held until now = 2014-11-16T01:00; subscribed 2000:
    //   the 15th: burst 1000 MHz for 1 h -> amount 0.1; usage = 1000 * 1 h / 24 h = 41.67 -> 42
    //   the 16th: burst 1000 MHz for 1 h of the 1 h elapsed -> amount 0.1; usage 1000
    gauge("cpu", "vm1", "alice", "2014-11-15T23:00:00Z", 3000);
    MeterApi api = api(CPU_ONLY, "2014-11-16T01:00:00Z");

    JsonNode body = json(api.handle(get("/dailyburstusage/?date__gte=2014-11-15", ALICE)));

    assertThat(body.get("meta")).isEqualTo(parse("{\"limit\":20,\"offset\":0,\"total_count\":2}"));
    assertThat(body.get("objects"))
        .isEqualTo(
            parse(
                "[{\"amount\":\"0.10000000000000000000\",\"date\":\"2014-11-16\",\"resource_type\":\"cpu\",\"usage\":1000},"
                    + "{\"amount\":\"0.10000000000000000000\",\"date\":\"2014-11-15\",\"resource_type\":\"cpu\",\"usage\":42}]"));
  }

  @Test
  void dateFiltersSelectDaysAsMidnights() {
    for (int day = 10; day <= 20; day++) {
      gauge("cpu", "vm1", "alice", "2014-11-" + day + "T00:00:00Z", 2000 + day);
    }
    MeterApi api = api(CPU_ONLY, "2014-11-21T00:00:00Z");
    assertThat(days(api, "date=2014-11-15")).isEqualTo("2014-11-15");
    assertThat(days(api, "date__gt=2014-11-18")).isEqualTo("2014-11-20,2014-11-19,2014-11-18");
    assertThat(days(api, "date__gte=2014-11-18")).isEqualTo("2014-11-20,2014-11-19,2014-11-18");
    assertThat(days(api, "date__gt=2014-11-15&date__lt=2014-11-19"))
        .isEqualTo("2014-11-18,2014-11-17,2014-11-16,2014-11-15");
    assertThat(days(api, "date__gte=2014-11-17&date__lte=2014-11-18"))
        .isEqualTo("2014-11-18,2014-11-17");
    assertThat(days(api, "date__gt=2014-11-18&date__lt=2014-11-18")).isEmpty();
  }

  @Test
  void dateFiltersWhoseFirstDayComesAfterTheirLastAreRefused() {
    MeterApi api = api(CPU_ONLY, "2014-11-21T00:00:00Z");
    for (String route : List.of("/burstusage/", "/dailyburstusage/")) {
      ApiResponse response =
          api.handle(get(route + "?date__gte=2014-11-18&date__lte=2014-11-16", ALICE));
      assertThat(response.status()).as(response.bodyText()).isEqualTo(400);
      assertThat(message(response))
          .isEqualTo(
              "the selected days must not start after they end, got: date__gte=2014-11-18 and"
                  + " date__lte=2014-11-16");
    }
    ApiResponse lessThan =
        api.handle(get("/burstusage/?date__gt=2014-11-18&date__lt=2014-11-17", ALICE));
    assertThat(message(lessThan))
        .isEqualTo(
            "the selected days must not start after they end, got: date__gt=2014-11-18 and"
                + " date__lt=2014-11-17");
  }

  @Test
  void theSpecsBurstUsageExampleHasItsShape() {
    gauge("dssd", "vol-1", "alice", "2014-11-01T00:00:00Z", 400L << 30);
    BurstConfig config =
        new BurstConfig(
            Map.of(
                "ip", new BigDecimal("0.0004"),
                "cpu", new BigDecimal("0.0001"),
                "mem", new BigDecimal("0.000000000001"),
                "dssd", new BigDecimal("0.0000000000000012")),
            Map.of("alice", Map.of("dssd", new BigDecimal(112L << 30))));
    MeterApi api = api(config, "2014-11-20T00:00:00Z");

    JsonNode body = json(api.handle(get("/api/2.0/burstusage/", ALICE)));

    assertThat(body.fieldNames()).toIterable().containsExactly("objects");
    assertThat(body.get("objects")).hasSize(4);
    for (JsonNode object : body.get("objects")) {
      assertThat(object.fieldNames())
          .toIterable()
          .containsExactlyInAnyOrder("uuid", "amount", "resource_type", "usage");
      assertThat(object.get("amount").isNumber()).isTrue();
      assertThat(object.get("usage").isIntegralNumber()).isTrue();
    }
    JsonNode dssd = body.get("objects").get(1);
    assertThat(dssd.get("resource_type").asText()).isEqualTo("dssd");
    // (400 - 112) GiB = 288 GiB = 309237645312 bytes over the whole last 30 days... from 11-01.
    // The 30 days before 2014-11-20 start on 2014-10-21, before the first sample: the level is 0
    // until 2014-11-01, so the average is 288 GiB * 19 d / 30 d.
    assertThat(dssd.get("usage").asLong()).isEqualTo(Math.round(309237645312.0 * 19 / 30));
  }

  @Test
  void theSpecsDailyBurstUsageExampleHasItsShapeAndDays() {
    gauge("dssd", "vol-1", "alice", "2014-11-01T00:00:00Z", 288L << 30);
    BurstConfig config =
        new BurstConfig(Map.of("dssd", new BigDecimal("0.0000000000000012")), Map.of());
    MeterApi api = api(config, "2014-11-20T00:00:00Z");

    JsonNode body =
        json(
            api.handle(
                get("/api/2.0/dailyburstusage/?date__gt=2014-11-15&date__lt=2014-11-19", ALICE)));

    assertThat(body.get("meta")).isEqualTo(parse("{\"limit\":20,\"offset\":0,\"total_count\":4}"));
    JsonNode objects = body.get("objects");
    assertThat(objects).hasSize(4);
    List<String> dates = new ArrayList<>();
    for (JsonNode object : objects) {
      dates.add(object.get("date").asText());
      assertThat(object.fieldNames())
          .toIterable()
          .containsExactlyInAnyOrder("amount", "date", "resource_type", "usage");
      assertThat(object.get("resource_type").asText()).isEqualTo("dssd");
      assertThat(object.get("usage").asLong()).isEqualTo(309237645312L);
      // 288 GiB * 24 h * 0.0000000000000012 = 0.0089060441849856
      assertThat(object.get("amount").asText()).isEqualTo("0.00890604418498560000");
    }
    assertThat(dates).containsExactly("2014-11-18", "2014-11-17", "2014-11-16", "2014-11-15");
  }

  @Test
  void dailyBurstPagesWithLimitAndOffset() {
    gauge("cpu", "vm1", "alice", "2014-11-01T00:00:00Z", 2500);
    MeterApi api = api(CPU_ONLY, "2014-11-11T00:00:00Z");
    JsonNode page =
        json(api.handle(get("/dailyburstusage/?date__gte=2014-11-01&limit=3&offset=2", ALICE)));
    assertThat(page.get("meta")).isEqualTo(parse("{\"limit\":3,\"offset\":2,\"total_count\":10}"));
    assertThat(page.at("/objects/0/date").asText()).isEqualTo("2014-11-08");
    assertThat(page.get("objects")).hasSize(3);
    assertThat(
            json(api.handle(get("/dailyburstusage/?date__gte=2014-11-01&limit=0", ALICE)))
                .get("objects"))
        .hasSize(10);
  }

  @Test
  void badParametersAndAnonymousOwnersAreRefused() {
    MeterApi api = api(CPU_ONLY, "2014-11-11T00:00:00Z");
    ApiResponse badDate = api.handle(get("/burstusage/?date=yesterday", ALICE));
    assertThat(message(badDate)).isEqualTo("date must be a date like 2014-10-21, got: 'yesterday'");
    assertThat(json(badDate).get(0).path("error_type").asText()).isEqualTo("validation");
    assertThat(json(badDate).get(0).path("error_point").asText()).isEqualTo("date");
    assertThat(message(api.handle(get("/dailyburstusage/?limit=-1", ALICE))))
        .startsWith("limit must be");
    assertThat(message(api.handle(get("/burstusage/?owner=bob", ALICE))))
        .startsWith("unknown parameter 'owner'");
    ApiResponse anonymous =
        api.handle(get("/burstusage/", new Principal(null, "p-1", List.of("Member"))));
    assertThat(anonymous.status()).isEqualTo(403);
    assertThat(json(anonymous).get(0).path("error_type").asText()).isEqualTo("permission");
    assertThat(json(anonymous).get(0).path("error_point").isNull()).isTrue();
    ApiResponse missing = api.handle(get("/burstusage/nothing/here", ALICE));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(json(missing).get(0).path("error_type").asText()).isEqualTo("notexist");
    assertThat(message(anonymous))
        .isEqualTo("burst usage is reported for the caller, who must be named in X-User-Id");
  }

  @Test
  void aMemberCountsOnlyItsProjectsGaugesAndAnAdminEveryProjects() {
    // alice runs 3000 MHz in p-1 and 5000 MHz in p-2 from 00:00, now = 01:00, subscribed 2000:
    //   as a member of p-1: burst 1000 MHz for 1 h -> usage 1000, amount 0.1
    //   as a member of p-2: burst 3000 MHz -> usage 3000, amount 0.3
    //   as an admin: level 8000, burst 6000 MHz -> usage 6000, amount 0.6
    gauge("cpu", "vm1", "alice", "p-1", "2014-11-16T00:00:00Z", 3000);
    gauge("cpu", "vm2", "alice", "p-2", "2014-11-16T00:00:00Z", 5000);
    MeterApi api = api(CPU_ONLY, "2014-11-16T01:00:00Z");
    Principal aliceInP2 = new Principal("alice", "p-2", List.of("Member"));
    Principal aliceAdmin = new Principal("alice", "p-1", List.of("admin"));

    assertThat(period(api, ALICE)).isEqualTo("cpu usage=1000 amount=0.10000000000000000000");
    assertThat(period(api, aliceInP2)).isEqualTo("cpu usage=3000 amount=0.30000000000000000000");
    assertThat(period(api, aliceAdmin)).isEqualTo("cpu usage=6000 amount=0.60000000000000000000");
    ApiResponse noProject =
        api.handle(get("/dailyburstusage/", new Principal("alice", null, List.of("Member"))));
    assertThat(noProject.status()).isEqualTo(403);
    assertThat(message(noProject))
        .isEqualTo(
            "burst usage of a member counts its project's gauges only; the project must be named"
                + " in X-Project-Id");
  }

  @Test
  void dateFiltersMustLieInTheYearsOfSamples() {
    MeterApi api = api(CPU_ONLY, "2014-11-11T00:00:00Z");
    for (String filter :
        List.of(
            "date__gte=-6000000-01-01", // was a 500: more days than an array holds
            "date__gt=-1000-01-01", // was a million empty days of /dailyburstusage/
            "date__lte=1969-12-31",
            "date=%2B10000-01-01",
            "date__lte=%2B999999999-12-31")) {
      ApiResponse response =
          api.handle(get("/dailyburstusage/?date__lt=2014-11-11&" + filter, ALICE));
      String name = filter.substring(0, filter.indexOf('='));
      String value = filter.substring(filter.indexOf('=') + 1).replace("%2B", "+");
      assertThat(response.status()).as(response.bodyText()).isEqualTo(400);
      assertThat(message(response))
          .isEqualTo(
              value.startsWith("+999")
                  ? name + " must be a date like 2014-10-21, got: '" + value + "'"
                  : name + " must be a date within 1970-01-01..9999-12-31, got: '" + value + "'");
    }
    assertThat(days(api, "date__gte=1970-01-01&date__lte=1970-01-02"))
        .isEqualTo("1970-01-02,1970-01-01");
    assertThat(days(api, "date=9999-12-31")).isEmpty();
  }

  private String period(MeterApi api) {
    return period(api, ALICE);
  }

  private String period(MeterApi api, Principal caller) {
    JsonNode object =
        json(api.handle(get("/burstusage/?date=2014-11-16", caller))).at("/objects/0");
    return object.get("resource_type").asText()
        + " usage="
        + object.get("usage").asLong()
        + " amount="
        + object.get("amount").decimalValue().setScale(20).toPlainString();
  }

  private String days(MeterApi api, String filters) {
    List<String> days = new ArrayList<>();
    for (JsonNode object :
        json(api.handle(get("/dailyburstusage/?limit=0&" + filters, ALICE))).get("objects")) {
      days.add(object.get("date").asText());
    }
    return String.join(",", days);
  }

  private MeterApi api(BurstConfig config, String now) {
    store.recordAll(samples);
    samples.clear();
    Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
    return MeterApi.builder(store)
        .family(new BurstUsageApi(new BurstCalculator(store, config, clock)))
        .build();
  }

  /** A gauge of project p-1, ALICE's project. */
  private void gauge(String type, String resource, String owner, String time, double level) {
    gauge(type, resource, owner, "p-1", time, level);
  }

  private void gauge(
      String type, String resource, String owner, String project, String time, double level) {
    samples.add(
        Sample.builder(type, MeterType.GAUGE, type.equals("cpu") ? "MHz" : "B")
            .volume(level)
            .timestamp(Instant.parse(time))
            .resourceId(resource)
            .projectId(project)
            .userId(owner)
            .build());
  }

  private static ApiRequest get(String pathAndQuery, Principal caller) {
    return ApiRequest.builder("GET", pathAndQuery).principal(caller).build();
  }

  private static JsonNode json(ApiResponse response) {
    return parse(response.bodyText());
  }

  /** The message of CloudSigma's error list, checking the list's shape. */
  private static String message(ApiResponse response) {
    JsonNode errors = json(response);
    assertThat(errors.isArray() && errors.size() == 1).as(response.bodyText()).isTrue();
    assertThat(errors.get(0).size()).isEqualTo(3);
    assertThat(errors.get(0).has("error_point")).isTrue();
    return errors.get(0).path("error_message").asText();
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
