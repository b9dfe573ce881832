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
  void recordStoresTheNextSampleAndStartsAnewStoreWhenTheDataRunOut() {
    MeterkitIngestBenchmark benchmark = new MeterkitIngestBenchmark();
    MeterkitIngestBenchmark.RecordState state = new MeterkitIngestBenchmark.RecordState();
    state.data(list);
    state.renew();
    MeterStore first = state.store;
    for (int i = 0; i < TestData.SIZE + 10; i++) {
      assertThat(benchmark.record(state)).isTrue();
    }
    assertThat(state.next).isEqualTo(10);
    assertThat(first.snapshot().sampleCount()).isEqualTo(TestData.SIZE);
    assertThat(state.store.snapshot().sampleCount()).isEqualTo(10);
  }

  @Test
  void peersLoadEverySampleIntoTheEmptyDatabaseOfTheOperation() throws SQLException {
    PeerIngestBenchmark benchmark = new PeerIngestBenchmark();
    assertThat(benchmark.naive(list).size()).isEqualTo(TestData.SIZE);
    PeerIngestBenchmark.EmptyDuckDb duckDb = new PeerIngestBenchmark.EmptyDuckDb();
    duckDb.openEmpty();
    assertThat(benchmark.duckDb(list, duckDb)).isEqualTo(TestData.SIZE);
    assertThat(duckDb.peer.rowCount()).isEqualTo(TestData.SIZE);
    duckDb.close();
    PeerIngestBenchmark.EmptyH2 h2 = new PeerIngestBenchmark.EmptyH2();
    h2.openEmpty();
    assertThat(benchmark.h2(list, h2)).isEqualTo(TestData.SIZE);
    assertThat(h2.peer.rowCount()).isEqualTo(TestData.SIZE);
    h2.close();
    assertThat(h2.peer).isNull();
  }
}
