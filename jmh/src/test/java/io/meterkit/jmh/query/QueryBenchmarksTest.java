package io.meterkit.jmh.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.core.Sample;
import io.meterkit.jmh.state.DataState;
import io.meterkit.jmh.state.DuckDbState;
import io.meterkit.jmh.state.H2State;
import io.meterkit.jmh.state.MeterkitState;
import io.meterkit.jmh.state.NaiveState;
import io.meterkit.jmh.state.RooflineState;
import io.meterkit.jmh.state.SummaryColumns;
import io.meterkit.jmh.state.SummaryState;
import io.meterkit.jmh.state.TestData;
import io.meterkit.jmh.state.Workload;
import io.meterkit.query.Statistics;
import java.sql.SQLException;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every query benchmark method returns a sane answer on the small fixture. */
class QueryBenchmarksTest {
  private static final int PROJECTS = 50;
  private static final int RESOURCES = 1_000;

  private static DataState data;
  private static DoubleSummaryStatistics q1;
  private static double q4;
  private static H2State h2;
  private static DuckDbState duckDb;

  @BeforeAll
  static void load() throws SQLException {
    data = TestData.small();
    q1 = TestData.naive(data).q1(data.workload);
    q4 = TestData.naive(data).q4(data.workload).getAsDouble();
    h2 = new H2State();
    h2.load(data);
    duckDb = new DuckDbState();
    duckDb.load(data);
  }

  @AfterAll
  static void close() throws SQLException {
    H2State.closeAll();
    DuckDbState.closeAll();
  }

  @Test
  void meterkitBenchmarksAnswerEveryQuery() {
    MeterkitState state = new MeterkitState();
    state.load(data);
    MeterkitQueryBenchmark benchmark = new MeterkitQueryBenchmark();
    List<Statistics> first = benchmark.q1(state);
    assertThat(first).hasSize(1);
    assertThat(first.get(0).count()).isEqualTo(q1.getCount());
    assertThat(benchmark.q2(state)).hasSize(PROJECTS);
    // 20 polls of 5 minutes: every resource is in the first two hours of the day.
    assertThat(benchmark.q3(state)).hasSize(2 * RESOURCES);
    assertThat(benchmark.q4(state)).singleElement().extracting(Statistics::max).isEqualTo(q4);
  }

  @Test
  void naiveBenchmarksAnswerEveryQuery() {
    NaiveState state = new NaiveState();
    state.load(data);
    NaiveQueryBenchmark benchmark = new NaiveQueryBenchmark();
    assertThat(benchmark.q1(state).getCount()).isEqualTo(q1.getCount());
    assertThat(benchmark.q2(state)).hasSize(PROJECTS);
    assertThat(TestData.rows(benchmark.q3(state))).hasSize(2 * RESOURCES);
    assertThat(benchmark.q4(state)).hasValue(q4);
  }

  @Test
  void duckDbBenchmarksAnswerEveryQuery() throws SQLException {
    DuckDbQueryBenchmark benchmark = new DuckDbQueryBenchmark();
    assertThat(benchmark.q1(duckDb).count()).isEqualTo(q1.getCount());
    assertThat(benchmark.q2(duckDb)).hasSize(PROJECTS);
    assertThat(benchmark.q3(duckDb)).hasSize(2 * RESOURCES);
    assertThat(benchmark.q4(duckDb)).isEqualTo(q4);
  }

  @Test
  void h2BenchmarksAnswerEveryQuery() throws SQLException {
    H2QueryBenchmark benchmark = new H2QueryBenchmark();
    assertThat(benchmark.q1(h2).count()).isEqualTo(q1.getCount());
    assertThat(benchmark.q2(h2)).hasSize(PROJECTS);
    assertThat(benchmark.q3(h2)).hasSize(2 * RESOURCES);
    assertThat(benchmark.q4(h2)).isEqualTo(q4);
  }

  @Test
  void rooflinesSumWhatQ1Sums() {
    RooflineState state = new RooflineState();
    state.load(data);
    RooflineBenchmark benchmark = new RooflineBenchmark();
    assertThat(state.timestamps).isSorted();
    double all = TestData.naive(data).q1(wholeRange()).getSum();
    assertThat(benchmark.sumDoubles(state)).isCloseTo(all, within(all * 1e-9));
    assertThat(benchmark.rangeFilterSum(state)).isCloseTo(q1.getSum(), within(q1.getSum() * 1e-9));
  }

  @Test
  void summaryFoldRooflinesFoldWhatQ1Folds() {
    SummaryState state = new SummaryState();
    state.load(data);
    RooflineBenchmark benchmark = new RooflineBenchmark();
    double expected = q1.getCount() + q1.getSum() + q1.getMin() + q1.getMax();
    assertThat(benchmark.blockSummaryFold(state)).isCloseTo(expected, within(expected * 1e-12));
    assertThat(benchmark.chunkSummaryFold(state)).isCloseTo(expected, within(expected * 1e-12));
    DoubleSummaryStatistics all = TestData.naive(data).q1(wholeRange());
    double whole = all.getCount() + all.getSum() + all.getMin() + all.getMax();
    // The whole range holds the one chunk of the fixture: folded from its summary.
    assertThat(RooflineBenchmark.fold(state.columns, Long.MIN_VALUE, Long.MAX_VALUE, true))
        .isCloseTo(whole, within(whole * 1e-12));
  }

  @Test
  void summaryColumnsCutChunksIntoBlocksOfOneResourceInTimeOrder() {
    List<Sample> samples = data.list();
    SummaryColumns columns = SummaryColumns.of(samples, samples.size());
    assertThat(columns.chunkCount()).isEqualTo(1);
    int blocks = columns.blockFirst.length;
    assertThat(columns.blockRowStart[blocks]).isEqualTo(samples.size());
    for (int b = 0; b < blocks; b++) {
      int rows = columns.blockRowStart[b + 1] - columns.blockRowStart[b];
      assertThat(rows).isBetween(1, SummaryColumns.BLOCK_ROWS);
      assertThat(columns.blockFirst[b]).isLessThanOrEqualTo(columns.blockLast[b]);
      for (int i = columns.blockRowStart[b] + 1; i < columns.blockRowStart[b + 1]; i++) {
        assertThat(columns.timestamps[i]).isGreaterThanOrEqualTo(columns.timestamps[i - 1]);
      }
    }
    assertThat(columns.chunkCount[0]).isEqualTo(samples.size());
  }

  private static Workload wholeRange() {
    Workload w = data.workload;
    return new Workload(
        w.size(),
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        w.dayFromMillis(),
        w.dayToMillis(),
        w.q3PeriodMillis(),
        w.q4ResourceId());
  }
}
