package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.assertJson;
import static io.meterkit.api.ApiTestSupport.golden;
import static io.meterkit.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ApiTestSupport;
import io.meterkit.api.MeterApi;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The curl examples of K5's v2 documentation (list meters, meter statistics), run against data that
 * reproduces the documented responses.
 */
class SpecExamplesTest {
  private static final String PROJECT = "610678ac162147c4a5e838190a80994e";
  private static final String USER = "0382c98eaf574d1ab5751a3e938b744d";
  private static final String SOURCE = "89b0b9f21b414cd39354a1b8056aef87:my_source";

  private static MeterApi listMetersApi() {
    MeterStore store = ApiTestSupport.emptyStore();
    for (String resource : List.of("my_resource", "my_resource2")) {
      store.record(
          Sample.builder("my_meter", MeterType.GAUGE, "test")
              .volume(1)
              .timestamp(Instant.parse("2014-10-22T00:00:00Z"))
              .resourceId(resource)
              .projectId(PROJECT)
              .userId(USER)
              .source(SOURCE)
              .build());
    }
    return MeterApi.builder(store).build();
  }

  /**
   * The documented meter ids ({@code ZGVtb19yZXNvdXJjZTAwMyt0ZXN0bWV0ZXIwMDU=\n}) encode {@code
   * demo_resource003+testmeter005} and end in a newline, artefacts of the example; the golden file
   * holds the ids meterkit derives for these resources. Every other field is as documented.
   */
  @Test
  void listMetersExample1ListsAllMeters() {
    ApiResponse response = listMetersApi().handle(ApiTestSupport.get("/v2/meters"));
    assertThat(response.status()).isEqualTo(200);
    assertJson(json(response), golden("v2-list-meters-example.json"));
  }

  @Test
  void listMetersExample2FiltersByUserAndResource() {
    ApiResponse response =
        listMetersApi()
            .handle(
                ApiTestSupport.get(
                    "/v2/meters?q.field=user_id&q.op=eq&q.value="
                        + USER
                        + "&q.field=resource_id&q.op=eq&q.value=my_resource"));
    ArrayNode expected = (ArrayNode) golden("v2-list-meters-example.json");
    expected.remove(1);
    assertJson(json(response), expected);
  }

  /**
   * Generates {@code count} samples of one user whose min, max and sum are the documented ones: one
   * min, one max, the rest equal, the last of them chosen so that the exact total rounds to the
   * documented sum. Timestamps run evenly from {@code first} to {@code last}.
   */
  private static List<Sample> userSamples(
      String user, int count, String min, String max, String sum, String first, String last) {
    double minimum = Double.parseDouble(min);
    double maximum = Double.parseDouble(max);
    BigDecimal restTotal =
        new BigDecimal(Double.parseDouble(sum))
            .subtract(new BigDecimal(minimum))
            .subtract(new BigDecimal(maximum));
    double middle = restTotal.doubleValue() / (count - 2);
    double lastValue =
        restTotal
            .subtract(new BigDecimal(middle).multiply(BigDecimal.valueOf(count - 3)))
            .doubleValue();
    long from = Instant.parse(first).toEpochMilli();
    long to = Instant.parse(last).toEpochMilli();
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double volume = i == 0 ? minimum : i == 1 ? maximum : i == count - 1 ? lastValue : middle;
      long timestamp = i == count - 1 ? to : from + (to - from) / (count - 1) * i;
      samples.add(
          Sample.builder("my_meter", MeterType.GAUGE, "%")
              .volume(volume)
              .timestampMillis(timestamp)
              .resourceId("vm-" + user.substring(0, 4))
              .projectId(PROJECT)
              .userId(user)
              .build());
    }
    return samples;
  }

  private static MeterStore statisticsData() {
    MeterStore store = ApiTestSupport.emptyStore();
    // Example 1 documents duration_end values 59 minutes after its own `lt` bound
    // (2014-10-23T00:00:00), which no sample inside the requested window can produce once
    // durations are clamped to the bounds. The data therefore ends at 23:59:22 and 23:59:05 of
    // the 22nd; count, min, max, sum, avg and duration_start are as documented, and the golden
    // file's duration, duration_end and period_end follow from these last samples.
    store.recordAll(
        userSamples(
            "f2ee0c983abf4c65aa44b3328b8a484f",
            1716,
            "0.0172413793103448",
            "0.314285714285714",
            "71.712351983640303",
            "2014-10-22T00:00:12Z",
            "2014-10-22T23:59:22Z"));
    store.recordAll(
        userSamples(
            "0d6293fbdf8948f090b8195bebd8ee8b",
            905,
            "0.0280373831775701",
            "0.36956521739130399",
            "44.242629074575603",
            "2014-10-22T00:01:27Z",
            "2014-10-22T23:59:05Z"));
    return store;
  }

  @Test
  void statisticsExample1GroupsByUserWithinATimeRange() {
    MeterApi api = MeterApi.builder(statisticsData()).build();
    ApiResponse response =
        api.handle(
            ApiTestSupport.get(
                "/v2/meters/my_meter/statistics?groupby=user_id&q.field=timestamp&q.op=gt"
                    + "&q.value=2014-10-22T00:00:00&q.field=timestamp&q.op=lt"
                    + "&q.value=2014-10-23T00:00:00"));
    assertThat(response.status()).isEqualTo(200);
    JsonNode actual = json(response);
    JsonNode expected = golden("v2-statistics-example-1.json");
    assertThat(actual).hasSize(2);
    for (int i = 0; i < 2; i++) {
      ObjectNode row = (ObjectNode) actual.get(i);
      ObjectNode documented = (ObjectNode) expected.get(i);
      // sum and avg: equal up to the last bits of a 17-digit decimal
      assertThat(row.remove("sum").doubleValue())
          .isCloseTo(documented.remove("sum").doubleValue(), within(1e-12));
      assertThat(row.remove("avg").doubleValue())
          .isCloseTo(documented.remove("avg").doubleValue(), within(1e-15));
      assertJson(row, documented);
    }
  }

  @Test
  void statisticsExample2ReturnsHourlyMaxAndMinOnly() {
    // No timestamp: K5 takes the 14 days (3600 x 1440 s, capped) before "now", 01:00 on the 23rd.
    MeterApi api =
        MeterApi.builder(statisticsData())
            .clock(ApiTestSupport.clockAt("2014-10-23T01:00:00Z"))
            .build();
    JsonNode rows =
        json(
            api.handle(
                ApiTestSupport.get(
                    "/v2/meters/my_meter/statistics?period=3600&aggregate.func=max&aggregate.func=min")));
    assertThat(rows).hasSize(24);
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (JsonNode row : rows) {
      assertThat(row.fieldNames())
          .toIterable()
          .containsExactlyInAnyOrder(
              "aggregate",
              "duration",
              "duration_end",
              "duration_start",
              "groupby",
              "max",
              "min",
              "period",
              "period_end",
              "period_start",
              "unit");
      assertThat(row.path("period").asLong()).isEqualTo(3600);
      assertThat(row.path("aggregate").path("max").doubleValue())
          .isEqualTo(row.path("max").doubleValue());
      max = Math.max(max, row.path("max").doubleValue());
      min = Math.min(min, row.path("min").doubleValue());
    }
    assertThat(rows.get(0).path("period_start").asText()).isEqualTo("2014-10-22T00:00:00");
    assertThat(rows.get(0).path("period_end").asText()).isEqualTo("2014-10-22T01:00:00");
    assertThat(rows.get(23).path("period_start").asText()).isEqualTo("2014-10-22T23:00:00");
    assertThat(max).isEqualTo(0.36956521739130399);
    assertThat(min).isEqualTo(0.0172413793103448);
  }
}
