package io.meterkit.jmh.peer;

import static io.meterkit.jmh.state.Answers.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.jmh.state.DataState;
import io.meterkit.jmh.state.MeterkitQueries;
import io.meterkit.jmh.state.MeterkitState;
import io.meterkit.jmh.state.TestData;
import io.meterkit.jmh.state.Workload;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.Statistics;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.spi.StoreSnapshot;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * meterkit (default chunks, and small chunks so that most rows are sealed), H2 and DuckDB give the
 * naive baseline's answers to Q1–Q4 on the small fixture.
 */
class AgreementTest {
  private static DataState data;
  private static Workload w;
  private static NaiveStore naive;
  private static H2Peer h2;
  private static DuckDbPeer duckDb;

  @BeforeAll
  static void load() throws SQLException {
    data = TestData.small();
    w = data.workload;
    naive = TestData.naive(data);
    h2 = H2Peer.open();
    h2.load(data.samples());
    h2.prepare(w);
    duckDb = DuckDbPeer.open();
    duckDb.load(data.samples());
    duckDb.prepare(w);
  }

  @AfterAll
  static void close() throws SQLException {
    h2.close();
    duckDb.close();
  }

  @Test
  void theFixtureGivesEveryQuerySomethingToDo() {
    assertThat(naive.q1(w).getCount()).isBetween(9_000L, 11_000L);
    assertThat(naive.q2(w)).hasSize(50);
    assertThat(TestData.rows(naive.q3(w))).hasSizeGreaterThan(1_000);
    assertThat(naive.q4(w)).isPresent();
  }

  @Test
  void meterkitWithDefaultChunksAgreesWithTheNaiveBaseline() {
    checkMeterkit(MeterkitState.load(data.list()));
  }

  @Test
  void meterkitWithSmallSealedChunksAgreesWithTheNaiveBaseline() {
    checkMeterkit(
        MeterkitState.load(data.samples(), StoreConfig.builder().chunkRows(1024).build()));
  }

  private static void checkMeterkit(MeterStore store) {
    StoreSnapshot snapshot = store.snapshot();
    QueryEngine engine = new QueryEngine(store);
    MeterkitQueries q = MeterkitQueries.of(w);
    assertSameRows(
        "meterkit Q1",
        TestData.rows(engine.statistics(snapshot, q.q1()), w),
        TestData.rows(naive.q1(w)));
    assertSameRows(
        "meterkit Q2",
        TestData.rows(engine.statistics(snapshot, q.q2()), w),
        TestData.rows(naive.q2(w)));
    assertSameRows(
        "meterkit Q3",
        TestData.rows(engine.statistics(snapshot, q.q3()), w),
        TestData.rows(naive.q3(w)));
    List<Statistics> q4 = engine.statistics(snapshot, q.q4());
    assertThat(q4).hasSize(1);
    assertThat(q4.get(0).max()).isEqualTo(naive.q4(w).getAsDouble());
  }

  @Test
  void h2AgreesWithTheNaiveBaseline() throws SQLException {
    checkSql("h2", h2);
  }

  @Test
  void duckDbAgreesWithTheNaiveBaseline() throws SQLException {
    checkSql("duckdb", duckDb);
  }

  private static void checkSql(String who, SqlPeer peer) throws SQLException {
    assertSameRows(who + " Q1", List.of(peer.q1()), TestData.rows(naive.q1(w)));
    assertSameRows(who + " Q2", peer.q2(), TestData.rows(naive.q2(w)));
    assertSameRows(who + " Q3", peer.q3(), TestData.rows(naive.q3(w)));
    assertThat(peer.q4()).as(who + " Q4").isEqualTo(naive.q4(w).getAsDouble());
  }

  @Test
  void duckDbReportsTheMemoryItHolds() throws SQLException {
    assertThat(duckDb.reportedBytes()).isPositive();
  }
}
