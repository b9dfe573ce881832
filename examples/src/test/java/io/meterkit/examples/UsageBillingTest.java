package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.SampleQuery;
import io.meterkit.query.Statistics;
import io.meterkit.query.StatisticsQuery;
import io.meterkit.query.TimeBound;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.StoredSample;
import io.meterkit.testing.ManualClock;
import io.meterkit.testing.SampleSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageBillingTest {
  private static final Instant MAY_1 = Instant.parse("2024-05-01T00:00:00Z");

  private final ManualClock clock = ManualClock.at(MAY_1);
  private final MeterStore store = MeterStore.create(StoreConfig.builder().clock(clock).build());
  private final QueryEngine engine = new QueryEngine(store);

  /** The billing rule under test: the bytes read are the increases between readings. */
  static double bytesRead(QueryEngine engine) {
    List<StoredSample> newestFirst =
        engine.samples(SampleQuery.builder().meter("disk.read.bytes").build());
    double total = 0;
    for (int i = newestFirst.size() - 2; i >= 0; i--) {
      double before = newestFirst.get(i + 1).sample().volume();
      double after = newestFirst.get(i).sample().volume();
      total += after >= before ? after - before : after; // a drop: the counter restarted
    }
    return total;
  }

  @Test
  void aGaugeSampledEveryFiveMinutesAveragesPerHour() {
    store.recordAll(
        SampleSeries.gauge("cpu_util", "%")
            .resource("vm-1")
            .project("acme")
            .every(Duration.ofMinutes(5))
            .from(MAY_1)
            .values(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120) // 00:00 to 00:55
            .values(30) // 01:00
            .toList());

    List<Statistics> hourly =
        engine.statistics(
            StatisticsQuery.builder("cpu_util")
                .start(TimeBound.inclusive(MAY_1.toEpochMilli()))
                .periodSeconds(3600)
                .build());

    assertThat(hourly).extracting(Statistics::avg).containsExactly(65.0, 30.0);
  }

  @Test
  void aCounterIsBilledForWhatItCountedAcrossAGapAndARestart() {
    store.recordAll(
        SampleSeries.cumulative("disk.read.bytes", "B")
            .resource("vm-1")
            .every(Duration.ofMinutes(5))
            .from(MAY_1)
            .values(1_000) // 00:00, the baseline
            .increments(100, 100) // 1100 at 00:05, 1200 at 00:10
            .gap(2) // the agent missed 00:15 and 00:20
            .increments(300) // 1500 at 00:25
            .reset() // the VM restarted: its counter starts again from 0
            .increments(40, 60) // 40 at 00:30, 100 at 00:35
            .toList());

    assertThat(bytesRead(engine)).isEqualTo(600.0); // 100 + 100 + 300 + 40 + 60
    assertThat(engine.samples(SampleQuery.builder().build()))
        .extracting(StoredSample::recordedAtMillis)
        .containsOnly(MAY_1.toEpochMilli()); // recorded_at comes from the manual clock
  }

  @Test
  void theApiWindowEndsAtTheClocksNow() throws Exception {
    store.recordAll(
        SampleSeries.gauge("cpu_util", "%")
            .resource("vm-1")
            .every(Duration.ofHours(1))
            .from(MAY_1)
            .values(10, 20, 30) // 00:00, 01:00, 02:00
            .toList());
    MeterApi api = MeterApi.builder(store).clock(clock).build();
    ApiRequest hourly =
        ApiRequest.builder("GET", "/v2/meters/cpu_util/statistics")
            .rawQuery("period=3600") // no time bounds: the window ends now
            .principal(Principal.anonymousAdmin())
            .build();

    clock.set(Instant.parse("2024-05-01T02:00:00Z"));
    assertThat(rows(api.handle(hourly))).isEqualTo(2); // the 02:00 sample is not before now
    clock.advance(Duration.ofMinutes(1));
    assertThat(rows(api.handle(hourly))).isEqualTo(3);
  }

  private static int rows(ApiResponse response) throws Exception {
    return new ObjectMapper().readTree(response.body()).size();
  }
}
