package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of {@link QueryEngine#statistics}: on seeded random data sets (see {@link
 * RandomData}) and random queries (fixed and calendar periods in random zones, as-of instants,
 * every aggregate including increase, integral, twa and percentiles), the engine's rows equal those
 * of the {@link ReferenceQueryEngine}: exactly, apart from sum, avg, stddev, increase, integral and
 * twa, which may differ by the rounding of another summation order. A query one refuses, the other
 * refuses with the same field and rule.
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
      assertSameOutcome(data, snapshot, query, context);
    }
  }

  /** Asserts that both engines refuse {@code query} alike, or give the same rows. */
  static void assertSameOutcome(
      RandomData data, StoreSnapshot snapshot, StatisticsQuery query, String context) {
    List<Statistics> actual;
    try {
      actual = data.engine.statistics(snapshot, query);
    } catch (InvalidQueryException refused) {
      assertThatExceptionOfType(InvalidQueryException.class)
          .as(context + ": the reference refuses too")
          .isThrownBy(() -> data.reference.statistics(query, data.clock.millis()))
          .satisfies(
              e -> {
                assertThat(e.violation().field()).isEqualTo(refused.violation().field());
                assertThat(e.violation().rule()).isEqualTo(refused.violation().rule());
              });
      return;
    }
    assertSameStatistics(
        actual, data.reference.statistics(query, data.clock.millis()), data.magnitude(), context);
  }

  /**
   * Asserts equal rows: every field exactly, except sum and avg within {@code 1e-9} relative plus
   * {@code 1e-12} per row of the largest magnitude (a bound on the error of any summation order of
   * doubles), stddev within {@code 1e-9} relative plus {@code 1e-14} of that magnitude (about 90
   * ulps), and increase, integral and twa within {@code 1e-9} relative plus {@code 1e-9} of {@code
   * scale} (the largest volume magnitude of the data; times the row's seconds for integrals).
   */
  static void assertSameStatistics(
      List<Statistics> actual, List<Statistics> expected, double scale, String context) {
    assertThat(actual.stream().map(StatisticsPropertyTest::exactPart).toList())
        .as(context)
        .isEqualTo(expected.stream().map(StatisticsPropertyTest::exactPart).toList());
    for (int i = 0; i < expected.size(); i++) {
      Statistics a = actual.get(i);
      Statistics e = expected.get(i);
      String where = context + "; row " + i + ": " + e;
      double magnitude = e.count() == 0 ? 0 : Math.max(Math.abs(e.min()), Math.abs(e.max()));
      double sumTolerance = 1e-9 * Math.abs(e.sum()) + 1e-12 * e.count() * magnitude;
      assertThat(a.sum()).as(where + " sum").isCloseTo(e.sum(), within(sumTolerance));
      if (e.count() > 0) {
        assertThat(a.avg())
            .as(where + " avg")
            .isCloseTo(e.avg(), within(1e-9 * Math.abs(e.avg()) + sumTolerance / e.count()));
      }
      if (e.stddev() == null) {
        assertThat(a.stddev()).as(where + " stddev").isNull();
      } else {
        assertThat(a.stddev())
            .as(where + " stddev")
            .isCloseTo(e.stddev(), within(1e-9 * e.stddev() + 1e-14 * magnitude));
      }
      assertCloseOrNull(a.increase(), e.increase(), 1e-9 * scale, where + " increase");
      double seconds =
          e.periodSeconds() > 0
              ? e.periodSeconds()
              : e.durationSeconds() == null ? 0 : e.durationSeconds();
      assertCloseOrNull(
          a.integral(), e.integral(), 1e-9 * scale * Math.max(1, seconds), where + " integral");
      assertCloseOrNull(a.twa(), e.twa(), 1e-9 * scale, where + " twa");
      if (e.groupBy() != null) {
        assertThat(new ArrayList<>(a.groupBy().keySet()))
            .as(where + " group-by labels in query order")
            .containsExactlyElementsOf(e.groupBy().keySet());
      }
    }
  }

  private static void assertCloseOrNull(Double actual, Double expected, double slack, String what) {
    if (expected == null) {
      assertThat(actual).as(what).isNull();
    } else {
      assertThat(actual).as(what).isNotNull();
      assertThat(actual)
          .as(what)
          .isCloseTo(expected, within(1e-9 * Math.abs(expected) + slack + Double.MIN_VALUE));
    }
  }

  /**
   * The row with sum, avg, stddev, increase, integral and twa zeroed (each stays null when absent),
   * and avg NaN when the row has no sample.
   */
  private static Statistics exactPart(Statistics s) {
    return new Statistics(
        s.groupBy(),
        s.count(),
        0,
        s.count() == 0 ? s.avg() : 0,
        s.min(),
        s.max(),
        s.stddev() == null ? null : 0.0,
        s.cardinalities(),
        s.increase() == null ? null : 0.0,
        s.integral() == null ? null : 0.0,
        s.twa() == null ? null : 0.0,
        s.percentiles(),
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
        + query.searchOffsetMillis()
        + " asOf="
        + query.asOf().map(Object::toString).orElse("none");
  }
}
