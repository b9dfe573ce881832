package io.meterkit.jmh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.jmh.state.ListState;
import io.meterkit.jmh.state.TestData;
import io.meterkit.store.MeterStore;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Every ingest benchmark method stores the whole small fixture. */
class IngestBenchmarksTest {
  private final ListState list = listState();

  private static ListState listState() {
    ListState state = new ListState();
    state.generate(TestData.small());
    return state;
  }

  @Test
  void recordAllStoresEverySample() {
    MeterStore store = new MeterkitIngestBenchmark().recordAll(list);
    assertThat(store.snapshot().sampleCount()).isEqualTo(TestData.SIZE);
  }

  @Test
  void recordStoresTheNextSampleAndWrapsAround() {
    MeterkitIngestBenchmark benchmark = new MeterkitIngestBenchmark();
    MeterkitIngestBenchmark.RecordState state = new MeterkitIngestBenchmark.RecordState();
    state.data(list);
    state.renew();
    for (int i = 0; i < TestData.SIZE + 10; i++) {
      assertThat(benchmark.record(state)).isTrue();
    }
    assertThat(state.next).isEqualTo(10);
    assertThat(state.store.snapshot().sampleCount()).isEqualTo(TestData.SIZE + 10);
  }

  @Test
  void peersLoadEverySample() throws SQLException {
    PeerIngestBenchmark benchmark = new PeerIngestBenchmark();
    assertThat(benchmark.naive(list).size()).isEqualTo(TestData.SIZE);
    assertThat(benchmark.duckDb(list)).isEqualTo(TestData.SIZE);
    assertThat(benchmark.h2(list)).isEqualTo(TestData.SIZE);
  }
}
