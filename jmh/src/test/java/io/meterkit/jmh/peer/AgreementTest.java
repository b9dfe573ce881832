package io.meterkit.jmh.peer;

import static io.meterkit.jmh.state.Answers.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * meterkit (default chunks, and small chunks so that most rows are sealed), H2 and DuckDB give the
 * naive baseline's answers to Q1–Q4, with their rows in the order each documents (neither side is
 * sorted before the comparison), on two fixtures: the small one the smoke tests share and the 1 M
 * samples the benchmarks run on.
 *
 * <p>meterkit orders rows by period start, then group value. With a period (Q3) the period start is
 * the bucket's; without one (Q2) it is the row's duration start, the first sample time of the group
 * in the range, which this test computes from the raw samples. The SQL peers order Q2 by project
 * and Q3 by bucket, then resource.
 */
class AgreementTest {
  private static final long DAY_MILLIS = 86_400_000;

  /** 20 polls of the fleet, 100 minutes: Q3's day holds two hourly buckets. */
  @Nested
  class OnTheSmallFixture extends Agreement {
    OnTheSmallFixture() {
      super(TestData.small(), 2);
    }
  }

  /** 1,000 polls of the fleet, 3.5 days: Q3 is a whole day of 24 hourly buckets, 24,000 rows. */
  @Nested
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  class OnTheMillionSamplesOfTheBenchmarks extends Agreement {
    OnTheMillionSamplesOfTheBenchmarks() {
      super(DataState.of(1_000_000), 24);
    }

    @Test
    void theSamplesSpanMoreThanThreeDays() {
      LongSummaryStatistics times =
          data.list().stream().mapToLong(Sample::timestampMillis).summaryStatistics();
      assertThat(times.getMax() - times.getMin()).isGreaterThan(3 * DAY_MILLIS);
    }
  }

  /** The checks, run once per fixture; the stores are loaded once per fixture. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Agreement {
    final DataState data;
    private final int q3Buckets;
    private final Workload w;
    private NaiveStore naive;
    private H2Peer h2;
    private DuckDbPeer duckDb;

    Agreement(DataState data, int q3Buckets) {
      this.data = data;
      this.q3Buckets = q3Buckets;
      this.w = data.workload;
    }

    @BeforeAll
    void load() throws SQLException {
      naive = TestData.naive(data);
      h2 = H2Peer.open();
      h2.load(data.list());
      h2.prepare(w);
      duckDb = DuckDbPeer.open();
      duckDb.load(data.list());
      duckDb.prepare(w);
    }

    @AfterAll
    void close() throws SQLException {
      h2.close();
      duckDb.close();
    }

    @Test
    void theFixtureGivesEveryQuerySomethingToDo() {
      assertThat(naive.q1(w).getCount()).isBetween(data.size * 45L / 100, data.size * 55L / 100);
      assertThat(naive.q2(w)).hasSize(50);
      assertThat(naive.q3(w)).hasSize(q3Buckets);
      // Every resource is polled 12 times an hour, so each bucket holds a row per resource.
      assertThat(TestData.rows(naive.q3(w))).hasSize(q3Buckets * 1_000);
      assertThat(naive.q4(w)).isPresent();
    }

    @Test
    void meterkitWithDefaultChunksAgreesWithTheNaiveBaseline() {
      checkMeterkit(MeterkitState.load(data.list()));
    }

    @Test
    void meterkitWithSmallSealedChunksAgreesWithTheNaiveBaseline() {
      checkMeterkit(MeterkitState.load(data.list(), StoreConfig.builder().chunkRows(1024).build()));
    }

    private void checkMeterkit(MeterStore store) {
      StoreSnapshot snapshot = store.snapshot();
      QueryEngine engine = new QueryEngine(store);
      MeterkitQueries q = MeterkitQueries.of(w);
      assertSameRows(
          "meterkit Q1",
          TestData.rows(engine.statistics(snapshot, q.q1()), w),
          TestData.rows(naive.q1(w)));
      Map<String, Long> firstTimes = firstTimeOfEachProjectInQ1Range();
      List<Statistics> q2 = engine.statistics(snapshot, q.q2());
      assertSameRows(
          "meterkit Q2",
          TestData.rows(q2, w),
          TestData.rows(naive.q2(w)).stream()
              .sorted(
                  Comparator.comparing((ResultRow row) -> firstTimes.get(row.group()))
                      .thenComparing(ResultRow::group))
              .toList());
      for (Statistics row : q2) {
        assertThat(row.periodStartMillis())
            .as("meterkit Q2 period start is the group's first sample time: %s", row)
            .isEqualTo(firstTimes.get(row.groupBy().get("project_id")));
      }
      List<Statistics> q3 = engine.statistics(snapshot, q.q3());
      assertSameRows("meterkit Q3", TestData.rows(q3, w), TestData.rows(naive.q3(w)));
      for (Statistics row : q3) {
        assertThat((row.periodStartMillis() - w.dayFromMillis()) % w.q3PeriodMillis())
            .as("meterkit Q3 periods start on the hours of the day: %s", row)
            .isZero();
        assertThat(row.periodEndMillis() - row.periodStartMillis())
            .as("meterkit Q3 periods last an hour: %s", row)
            .isEqualTo(w.q3PeriodMillis());
      }
      List<Statistics> q4 = engine.statistics(snapshot, q.q4());
      assertThat(q4).hasSize(1);
      assertThat(q4.get(0).max()).isEqualTo(naive.q4(w).getAsDouble());
    }

    private Map<String, Long> firstTimeOfEachProjectInQ1Range() {
      Map<String, Long> first = new HashMap<>();
      for (Sample sample : data.list()) {
        long t = sample.timestampMillis();
        if (t >= w.q1FromMillis() && t < w.q1ToMillis()) {
          first.merge(sample.projectId(), t, Math::min);
        }
      }
      return first;
    }

    @Test
    void h2AgreesWithTheNaiveBaseline() throws SQLException {
      checkSql("h2", h2);
    }

    @Test
    void duckDbAgreesWithTheNaiveBaseline() throws SQLException {
      checkSql("duckdb", duckDb);
    }

    private void checkSql(String who, SqlPeer peer) throws SQLException {
      assertSameRows(who + " Q1", List.of(peer.q1()), TestData.rows(naive.q1(w)));
      assertSameRows(who + " Q2", peer.q2(), TestData.rows(naive.q2(w)));
      assertSameRows(who + " Q3", peer.q3(), TestData.rows(naive.q3(w)));
      assertThat(peer.q4()).as(who + " Q4").isEqualTo(naive.q4(w).getAsDouble());
    }

    @Test
    void duckDbReportsAtLeastTheRawBytesOfTheTimestampsAndVolumesItHolds() throws SQLException {
      // MemoryFootprint quotes this figure; 8 B of BIGINT and 8 B of DOUBLE per row is its floor.
      assertThat(duckDb.reportedBytes()).isGreaterThanOrEqualTo(16L * data.size);
    }
  }
}
