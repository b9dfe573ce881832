package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of {@link QueryEngine#statistics}: on seeded random data sets (see {@link
 * RandomData}) and random queries, the engine's rows equal those of the {@link
 * ReferenceQueryEngine}: exactly, apart from sum, avg and stddev, which may differ by the rounding
 * of another summation order.
 */
class StatisticsPropertyTest {
  private static final int QUERIES_PER_DATA_SET = 15;

  static LongStream seeds() {
    return LongStream.range(0, 160).map(i -> 0x5EED_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void statisticsEqualTheReferenceOnRandomDataAndQueries(long seed) {
    RandomData data = new RandomData(seed, false);
    StoreSnapshot snapshot = data.store.snapshot();
    for (int i = 0; i < QUERIES_PER_DATA_SET; i++) {
      StatisticsQuery query = data.statisticsQuery();
      String context = data.description + "; query " + i + ": " + describe(query);
      assertSameStatistics(
          data.engine.statistics(snapshot, query), data.reference.statistics(query), context);
    }
  }

  /**
   * Asserts equal rows: every field exactly, except sum and avg within {@code 1e-9} relative plus
   * {@code 1e-12} per row of the largest magnitude (a bound on the error of any summation order of
   * doubles), and stddev within {@code 1e-9} relative plus {@code 1e-14} of that magnitude (about
   * 90 ulps).
   */
  static void assertSameStatistics(
      List<Statistics> actual, List<Statistics> expected, String context) {
    assertThat(actual.stream().map(StatisticsPropertyTest::exactPart).toList())
        .as(context)
        .isEqualTo(expected.stream().map(StatisticsPropertyTest::exactPart).toList());
    for (int i = 0; i < expected.size(); i++) {
      Statistics a = actual.get(i);
      Statistics e = expected.get(i);
      String where = context + "; row " + i + ": " + e;
      double magnitude = Math.max(Math.abs(e.min()), Math.abs(e.max()));
      double sumTolerance = 1e-9 * Math.abs(e.sum()) + 1e-12 * e.count() * magnitude;
      assertThat(a.sum()).as(where + " sum").isCloseTo(e.sum(), within(sumTolerance));
      assertThat(a.avg())
          .as(where + " avg")
          .isCloseTo(e.avg(), within(1e-9 * Math.abs(e.avg()) + sumTolerance / e.count()));
      if (e.stddev() == null) {
        assertThat(a.stddev()).as(where + " stddev").isNull();
      } else {
        assertThat(a.stddev())
            .as(where + " stddev")
            .isCloseTo(e.stddev(), within(1e-9 * e.stddev() + 1e-14 * magnitude));
      }
      if (e.groupBy() != null) {
        assertThat(new ArrayList<>(a.groupBy().keySet()))
            .as(where + " group-by labels in query order")
            .containsExactlyElementsOf(e.groupBy().keySet());
      }
    }
  }

  /** The row with sum, avg and stddev zeroed (stddev stays null when absent). */
  private static Statistics exactPart(Statistics s) {
    return new Statistics(
        s.groupBy(),
        s.count(),
        0,
        0,
        s.min(),
        s.max(),
        s.stddev() == null ? null : 0.0,
        s.cardinalities(),
        s.unit(),
        s.durationStartMillis(),
        s.durationEndMillis(),
        s.durationSeconds(),
        s.periodSeconds(),
        s.periodStartMillis(),
        s.periodEndMillis());
  }

  /** The query with its bounds as given (its toString shows only the converted range). */
  static String describe(StatisticsQuery query) {
    return query
        + " start="
        + query.start().map(b -> (b.inclusive() ? "ge " : "gt ") + b.millis()).orElse("none")
        + " end="
        + query.end().map(b -> (b.inclusive() ? "le " : "lt ") + b.millis()).orElse("none")
        + " offset="
        + query.searchOffsetMillis();
  }
}
