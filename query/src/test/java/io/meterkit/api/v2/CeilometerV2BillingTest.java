package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.assertOk;
import static io.meterkit.api.ApiTestSupport.json;
import static io.meterkit.api.ApiTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ApiTestSupport;
import io.meterkit.api.MeterApi;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The billing aggregates, calendar periods, {@code timezone} and {@code as_of} of v2 statistics and
 * sample listings, as JSON (expected arithmetic in the comments).
 */
class CeilometerV2BillingTest {
  private static final long RECORDED = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();

  private final ManualClock clock = ManualClock.at(Instant.ofEpochMilli(RECORDED));
  private final MeterStore store = MeterStore.create(StoreConfig.builder().clock(clock).build());
  private final MeterApi api = MeterApi.builder(store).clock(clock).build();

  CeilometerV2BillingTest() {
    // memory.usage (gauge, GB) of vm-1: 2 GB from Berlin's midnight of 2026-03-29, 4 GB from noon.
    store.record(gauge(2, "2026-03-28T23:00:00Z"));
    store.record(gauge(4, "2026-03-29T10:00:00Z"));
    // disk.read.bytes (cumulative, B) of vm-1: 1000, 1600, a reset to 300, 900.
    store.record(counter(1000, "2026-03-10T00:00:00Z"));
    store.record(counter(1600, "2026-03-10T00:30:00Z"));
    store.record(counter(300, "2026-03-10T01:30:00Z"));
    store.record(counter(900, "2026-03-10T02:00:00Z"));
  }

  private static Sample gauge(double gb, String iso) {
    return Sample.builder("memory.usage", MeterType.GAUGE, "GB")
        .volume(gb)
        .timestamp(Instant.parse(iso))
        .resourceId("vm-1")
        .projectId("p-1")
        .build();
  }

  private static Sample counter(double bytes, String iso) {
    return Sample.builder("disk.read.bytes", MeterType.CUMULATIVE, "B")
        .volume(bytes)
        .timestamp(Instant.parse(iso))
        .resourceId("vm-1")
        .projectId("p-1")
        .build();
  }

  private ApiResponse get(String pathAndQuery) {
    return api.handle(ApiTestSupport.get(pathAndQuery));
  }

  private static String between(String from, String to) {
    return "q.field=timestamp&q.op=ge&q.value=" + from + "&q.field=timestamp&q.op=lt&q.value=" + to;
  }

  @Test
  void aBerlinDayAcrossTheSpringChangeIsTwentyThreeHoursWithItsOffsets() {
    // 2 GB for 11 h (23:00Z to 10:00Z) + 4 GB for 12 h (to 22:00Z) = 79,200 + 172,800 = 252,000
    // GB-s over 82,800 s: twa 3.0434782608695654 GB.
    assertOk(
        get(
            "/v2/meters/memory.usage/statistics?period=day&timezone=Europe/Berlin"
                + "&aggregate.func=count&aggregate.func=integral&aggregate.func=twa&"
                + between("2026-03-28T23:00:00", "2026-03-29T22:00:00")),
        parse(
            "[{\"aggregate\": {\"count\": 2, \"integral\": 252000.0, \"twa\": 3.0434782608695654},"
                + " \"count\": 2, \"duration\": 39600.0, \"duration_end\": \"2026-03-29T10:00:00\","
                + " \"duration_start\": \"2026-03-28T23:00:00\", \"groupby\": null,"
                + " \"period\": 82800, \"period_end\": \"2026-03-30T00:00:00+02:00\","
                + " \"period_start\": \"2026-03-29T00:00:00+01:00\", \"unit\": \"GB\"}]"));
  }

  @Test
  void hourlyIncreaseAcrossAResetAndPercentilesByTheirParameter() {
    // Hour 0: +600, and 150 of the reset's 300 spread over 00:30-01:30: 750. Hour 1: the other
    // 150, then +600 to 02:00 (the sample after the range): 750. Percentiles: 1000, 1600 and 300.
    assertOk(
        get(
            // The N-th aggregate.param pairs with the N-th aggregate.func: percentiles first.
            "/v2/meters/disk.read.bytes/statistics?period=3600"
                + "&aggregate.func=percentile&aggregate.param=50"
                + "&aggregate.func=percentile&aggregate.param=95&aggregate.func=increase&"
                + between("2026-03-10T00:00:00", "2026-03-10T02:00:00")),
        parse(
            "[{\"aggregate\": {\"increase\": 750.0, \"percentile/50\": 1000.0,"
                + " \"percentile/95\": 1600.0}, \"duration\": 1800.0,"
                + " \"duration_end\": \"2026-03-10T00:30:00\","
                + " \"duration_start\": \"2026-03-10T00:00:00\", \"groupby\": null,"
                + " \"period\": 3600, \"period_end\": \"2026-03-10T01:00:00\","
                + " \"period_start\": \"2026-03-10T00:00:00\", \"unit\": \"B\"},"
                + " {\"aggregate\": {\"increase\": 750.0, \"percentile/50\": 300.0,"
                + " \"percentile/95\": 300.0}, \"duration\": 0.0,"
                + " \"duration_end\": \"2026-03-10T01:30:00\","
                + " \"duration_start\": \"2026-03-10T01:30:00\", \"groupby\": null,"
                + " \"period\": 3600, \"period_end\": \"2026-03-10T02:00:00\","
                + " \"period_start\": \"2026-03-10T01:00:00\", \"unit\": \"B\"}]"));
  }

  @Test
  void aRangeBetweenTwoSamplesHasARowWithoutSamples() {
    // 10 of the 30 minutes of 1000 -> 1600: 200. No sample: no mean, no durations.
    assertOk(
        get(
            "/v2/meters/disk.read.bytes/statistics?aggregate.func=increase&aggregate.func=avg"
                + "&aggregate.func=count&"
                + between("2026-03-10T00:10:00", "2026-03-10T00:20:00")),
        parse(
            "[{\"aggregate\": {\"increase\": 200.0, \"avg\": null, \"count\": 0}, \"avg\": null,"
                + " \"count\": 0, \"duration\": null, \"duration_end\": null,"
                + " \"duration_start\": null, \"groupby\": null, \"period\": 0,"
                + " \"period_end\": null, \"period_start\": null, \"unit\": \"B\"}]"));
  }

  @Test
  void calendarPeriodsAreNotBoundByTheK5Window() {
    // No timestamp term: a numeric period would cover only the last period x 1440 seconds
    // before now (2026-04-01); a calendar period covers every sample. March in UTC: 31 days.
    JsonNode rows =
        json(get("/v2/meters/disk.read.bytes/statistics?period=month&aggregate.func=count"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("count").asLong()).isEqualTo(4);
    assertThat(rows.get(0).path("period").asLong()).isEqualTo(2_678_400);
    assertThat(rows.get(0).path("period_start").asText()).isEqualTo("2026-03-01T00:00:00");
  }

  @Test
  void aTimezoneWithoutAPeriodPrintsThePeriodBoundsWithItsOffset() {
    JsonNode row = json(get("/v2/meters/memory.usage/statistics?timezone=America/New_York")).get(0);

    assertThat(row.path("period_start").asText()).isEqualTo("2026-03-28T19:00:00-04:00");
    assertThat(row.path("period_end").asText()).isEqualTo("2026-03-29T06:00:00-04:00");
    assertThat(row.path("duration_start").asText()).isEqualTo("2026-03-28T23:00:00");
  }

  @Test
  void asOfReproducesWhatWasRecordedByThenInStatisticsAndListings() {
    clock.advance(Duration.ofDays(1)); // a day later, a late sample of 2026-03-10 arrives
    store.record(counter(2000, "2026-03-10T03:00:00Z"));
    String statistics =
        "/v2/meters/disk.read.bytes/statistics?aggregate.func=count&aggregate.func=increase";

    // As of the first recording: 1000 -> 1600, reset 300, -> 900: 600 + 300 + 600 = 1500.
    // Today: and 900 -> 2000: 2600.
    JsonNode then = json(get(statistics + "&as_of=2026-04-01T00:00:00Z")).get(0);
    assertThat(then.path("count").asLong()).isEqualTo(4);
    assertThat(then.path("aggregate").path("increase").asDouble()).isEqualTo(1500);
    JsonNode now = json(get(statistics)).get(0);
    assertThat(now.path("count").asLong()).isEqualTo(5);
    assertThat(now.path("aggregate").path("increase").asDouble()).isEqualTo(2600);
    assertThat(json(get("/v2/meters/disk.read.bytes?as_of=2026-04-01T00:00:00"))).hasSize(4);
    assertThat(json(get("/v2/meters/disk.read.bytes"))).hasSize(5);
    assertThat(json(get("/v2/samples?as_of=2026-03-31T23:59:59"))).isEmpty();
    assertThat(json(get("/v2/samples?as_of=2026-04-02T00:00:00"))).hasSize(7);
  }
}
