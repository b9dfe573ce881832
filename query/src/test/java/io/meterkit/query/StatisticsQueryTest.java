package io.meterkit.query;

import static io.meterkit.query.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.TimeRange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The builder of {@link StatisticsQuery}: validation messages and how bounds become a range. */
class StatisticsQueryTest {
  private static final String MAX_PERIOD = "3162240000"; // 100 * 366 * 24 * 3600

  @Test
  void aQueryWithoutAMeterIsRefused() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> StatisticsQuery.builder(null).build())
        .withMessage("meter is required, got: null");
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> StatisticsQuery.builder("  ").build())
        .withMessage("meter is required, got: ''");
  }

  @Test
  void aNegativeSearchOffsetIsRefusedWithItsValue() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> StatisticsQuery.builder("cpu_util").searchOffsetMillis(-1).build())
        .withMessage("search offset must be >= 0, got: -1 ms");
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, -60, 3_162_240_001L, Long.MAX_VALUE})
  void aPeriodOutsideZeroToAHundredYearsIsRefusedWithItsValue(long seconds) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> StatisticsQuery.builder("cpu_util").periodSeconds(seconds).build())
        .withMessage("period must be in [0, " + MAX_PERIOD + "] seconds, got: " + seconds);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 60, 1_209_600, 3_162_240_000L})
  void aPeriodFromZeroToAHundredYearsIsAccepted(long seconds) {
    assertThat(StatisticsQuery.builder("cpu_util").periodSeconds(seconds).build().periodSeconds())
        .isEqualTo(seconds);
  }

  @ParameterizedTest(name = "{0} {1} with {2} {3}")
  @CsvSource({
    "ge, 2014-10-23T00:00:00, lt, 2014-10-22T00:00:00",
    "gt, 2014-10-23T00:00:00, le, 2014-10-22T00:00:00",
    "ge, 2014-10-23T00:00:00, le, 2014-10-22T23:59:59.999",
    "gt, 2014-10-23T00:00:00, lt, 2014-10-22T23:59:59.999"
  })
  void aStartBoundAfterTheEndBoundIsRefusedWithBothValues(
      String startOp, String startIso, String endOp, String endIso) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () ->
                StatisticsQuery.builder("cpu_util")
                    .start(bound(startOp, startIso))
                    .end(bound(endOp, endIso))
                    .build())
        .withMessage(
            "the start bound must not be after the end bound, got: " + startIso + " > " + endIso);
  }

  /**
   * Bounds become the half-open search range {@code [from, to)}: {@code gt t} starts at {@code t +
   * 1 ms}, {@code le t} ends at {@code t + 1 ms}; the search offset widens both sides. Equal bound
   * values are not "start after end": they give an empty range, which an offset still widens.
   */
  @ParameterizedTest(name = "{0} {1}, {2} {3}, offset {4} ms: [{5}, {6})")
  @CsvSource({
    "ge, 2014-10-22T10:00:00, lt, 2014-10-22T11:00:00,      0, 2014-10-22T10:00:00,"
        + " 2014-10-22T11:00:00",
    "gt, 2014-10-22T10:00:00, lt, 2014-10-22T11:00:00,      0, 2014-10-22T10:00:00.001,"
        + " 2014-10-22T11:00:00",
    "ge, 2014-10-22T10:00:00, le, 2014-10-22T11:00:00,      0, 2014-10-22T10:00:00,"
        + " 2014-10-22T11:00:00.001",
    "gt, 2014-10-22T10:00:00, le, 2014-10-22T11:00:00,      0, 2014-10-22T10:00:00.001,"
        + " 2014-10-22T11:00:00.001",
    "ge, 2014-10-22T10:00:00, lt, 2014-10-22T11:00:00, 300000, 2014-10-22T09:55:00,"
        + " 2014-10-22T11:05:00",
    "gt, 2014-10-22T10:00:00, le, 2014-10-22T11:00:00, 300000, 2014-10-22T09:55:00.001,"
        + " 2014-10-22T11:05:00.001",
    "ge, 2014-10-22T10:00:00, lt, 2014-10-22T10:00:00,      0, 2014-10-22T10:00:00,"
        + " 2014-10-22T10:00:00",
    "ge, 2014-10-22T10:00:00, le, 2014-10-22T10:00:00,      0, 2014-10-22T10:00:00,"
        + " 2014-10-22T10:00:00.001",
    "gt, 2014-10-22T10:00:00, le, 2014-10-22T10:00:00,      0, 2014-10-22T10:00:00.001,"
        + " 2014-10-22T10:00:00.001",
    "gt, 2014-10-22T10:00:00, lt, 2014-10-22T10:00:00,      0, 2014-10-22T10:00:00,"
        + " 2014-10-22T10:00:00",
    "gt, 2014-10-22T10:00:00, lt, 2014-10-22T10:00:00,      1, 2014-10-22T10:00:00,"
        + " 2014-10-22T10:00:00.001",
    "gt, 2014-10-22T10:00:00, lt, 2014-10-22T10:00:00, 300000, 2014-10-22T09:55:00.001,"
        + " 2014-10-22T10:05:00",
    "ge, 2014-10-22T10:00:00, lt, 2014-10-22T10:00:00, 300000, 2014-10-22T09:55:00,"
        + " 2014-10-22T10:05:00"
  })
  void boundsBecomeAHalfOpenRangeWidenedByTheSearchOffset(
      String startOp,
      String startIso,
      String endOp,
      String endIso,
      long offsetMillis,
      String fromIso,
      String toIso) {
    StatisticsQuery query =
        StatisticsQuery.builder("cpu_util")
            .start(bound(startOp, startIso))
            .end(bound(endOp, endIso))
            .searchOffsetMillis(offsetMillis)
            .build();

    assertThat(query.searchRange()).isEqualTo(TimeRange.of(t(fromIso), t(toIso)));
  }

  @Test
  void withoutBoundsTheRangeIsEverythingWhateverTheOffset() {
    assertThat(StatisticsQuery.builder("cpu_util").build().searchRange()).isEqualTo(TimeRange.ALL);
    assertThat(StatisticsQuery.builder("cpu_util").searchOffsetMillis(60_000).build().searchRange())
        .isEqualTo(TimeRange.ALL);
    assertThat(
            StatisticsQuery.builder("cpu_util")
                .end(TimeBound.exclusive(t("2014-10-22T00:00:00")))
                .searchOffsetMillis(60_000)
                .build()
                .searchRange())
        .isEqualTo(TimeRange.of(Long.MIN_VALUE, t("2014-10-22T00:01:00")));
  }

  @Test
  void theFixedAnchorIsTheStartBoundAsGivenMinusTheSearchOffset() {
    long start = t("2014-10-22T10:00:00");
    assertThat(
            StatisticsQuery.builder("m")
                .start(TimeBound.inclusive(start))
                .build()
                .fixedAnchorMillis())
        .contains(start);
    assertThat(
            StatisticsQuery.builder("m")
                .start(TimeBound.exclusive(start))
                .build()
                .fixedAnchorMillis())
        .contains(start);
    assertThat(
            StatisticsQuery.builder("m")
                .start(TimeBound.exclusive(start))
                .searchOffsetMillis(300_000)
                .build()
                .fixedAnchorMillis())
        .contains(t("2014-10-22T09:55:00"));
    assertThat(
            StatisticsQuery.builder("m")
                .end(TimeBound.exclusive(start))
                .build()
                .fixedAnchorMillis())
        .isEmpty();
  }

  @Test
  void groupByFieldsKeepTheirOrderAndDropDuplicates() {
    StatisticsQuery query =
        StatisticsQuery.builder("m")
            .groupBy(GroupBy.of(Dimension.USER_ID), GroupBy.metadata("flavor", "metadata.flavor"))
            .groupBy(GroupBy.of(Dimension.USER_ID), GroupBy.of(Dimension.PROJECT_ID))
            .build();

    assertThat(query.groupBy())
        .containsExactly(
            GroupBy.of(Dimension.USER_ID),
            GroupBy.metadata("flavor", "metadata.flavor"),
            GroupBy.of(Dimension.PROJECT_ID));
  }

  @Test
  void withoutRequestedAggregatesTheFiveStandardOnesAreComputed() {
    StatisticsQuery query = StatisticsQuery.builder("m").build();

    assertThat(query.aggregations()).isEqualTo(Aggregation.STANDARD);
    assertThat(query.computes(AggregateFunction.STDDEV)).isFalse();
    assertThat(query.computes(AggregateFunction.AVG)).isTrue();
  }

  @Test
  void requestedAggregatesKeepTheirOrderAndDropDuplicates() {
    StatisticsQuery query =
        StatisticsQuery.builder("m")
            .aggregations(
                Aggregation.of(AggregateFunction.MAX),
                Aggregation.cardinality(Dimension.USER_ID),
                Aggregation.of(AggregateFunction.MAX),
                Aggregation.cardinality(Dimension.PROJECT_ID),
                Aggregation.cardinality(Dimension.USER_ID))
            .build();

    assertThat(query.aggregations())
        .isEqualTo(
            List.of(
                Aggregation.of(AggregateFunction.MAX),
                Aggregation.cardinality(Dimension.USER_ID),
                Aggregation.cardinality(Dimension.PROJECT_ID)));
    assertThat(query.computes(AggregateFunction.COUNT)).isFalse();
  }

  static TimeBound bound(String op, String iso) {
    switch (op) {
      case "ge":
      case "le":
        return TimeBound.inclusive(t(iso));
      case "gt":
      case "lt":
        return TimeBound.exclusive(t(iso));
      default:
        throw new IllegalArgumentException("op must be ge, gt, le or lt, got: " + op);
    }
  }
}
