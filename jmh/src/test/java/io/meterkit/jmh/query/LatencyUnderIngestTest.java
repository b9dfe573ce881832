package io.meterkit.jmh.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
import io.meterkit.jmh.state.LiveFeed;
import io.meterkit.jmh.state.SampleGenerator;
import io.meterkit.jmh.state.TestData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyUnderIngestTest {
  @Test
  void percentilesAreNearestRankOverTheSortedLatencies() {
    long[] sorted = new long[200];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i + 1;
    }

    assertThat(LatencyUnderIngest.percentile(sorted, 0.5)).isEqualTo(100);
    assertThat(LatencyUnderIngest.percentile(sorted, 0.99)).isEqualTo(198);
    assertThat(LatencyUnderIngest.percentile(sorted, 0.999)).isEqualTo(200);
    assertThat(LatencyUnderIngest.percentile(new long[] {7}, 0.99)).isEqualTo(7);
  }

  @Test
  void aPhasePoolsItsWindowsAndKeepsTheRangeOfTheirP99() {
    LatencyUnderIngest.Phase phase =
        LatencyUnderIngest.Phase.of(new long[][] {{1_000, 3_000, 2_000}, {9_000, 4_000}});

    assertThat(phase.sorted()).containsExactly(1_000, 2_000, 3_000, 4_000, 9_000);
    assertThat(phase.windowP99()).containsExactly(3_000, 9_000);
    assertThat(phase.json()).contains("\"p50\": 3.000").contains("\"windowP99Max\": 9.000");
  }

  @Test
  void theLiveFeedContinuesTheDataSetInTimeResourceByResource() {
    LiveFeed feed = new LiveFeed(TestData.SIZE);
    long dataEnd =
        SampleGenerator.EPOCH_MILLIS
            + SampleGenerator.intervals(TestData.SIZE) * SampleGenerator.INTERVAL_MILLIS;
    Map<String, Long> latest = new HashMap<>();
    List<Sample> samples = feed.next(3_000);
    samples.addAll(feed.next(2_000));
    for (Sample sample : samples) {
      assertThat(sample.timestampMillis()).isGreaterThanOrEqualTo(dataEnd);
      Long previous = latest.put(sample.resourceId(), sample.timestampMillis());
      if (previous != null) {
        assertThat(sample.timestampMillis() - previous).isEqualTo(SampleGenerator.INTERVAL_MILLIS);
      }
    }
    assertThat(latest).hasSize(1_000);
    assertThat(feed.startMillis()).isEqualTo(dataEnd);
  }
}
