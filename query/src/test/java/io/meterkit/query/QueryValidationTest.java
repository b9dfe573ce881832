package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.TimeRange;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The values a query is built from refuse invalid input up front, naming it. */
class QueryValidationTest {

  @Test
  void cardinalityWithoutAParameterIsRefused() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> new Aggregation(AggregateFunction.CARDINALITY, null))
        .withMessage(
            "aggregate.param of cardinality must be one of resource_id, project_id, user_id, got:"
                + " none");
  }

  @Test
  void cardinalityOfTheSourceIsRefused() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Aggregation.cardinality(Dimension.SOURCE))
        .withMessage(
            "aggregate.param of cardinality must be one of resource_id, project_id, user_id, got:"
                + " source");
  }

  @ParameterizedTest
  @EnumSource(names = {"COUNT", "SUM", "AVG", "MIN", "MAX", "STDDEV"})
  void otherFunctionsRefuseAParameter(AggregateFunction function) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> new Aggregation(function, Dimension.USER_ID))
        .withMessage("aggregate " + function.wireName() + " takes no parameter, got: user_id");
  }

  @Test
  void aggregateFunctionsParseFromTheirWireNames() {
    assertThat(Arrays.stream(AggregateFunction.values()).map(AggregateFunction::wireName))
        .containsExactly(
            "count",
            "sum",
            "avg",
            "min",
            "max",
            "stddev",
            "cardinality",
            "increase",
            "integral",
            "twa",
            "percentile");
    for (AggregateFunction function : AggregateFunction.values()) {
      assertThat(AggregateFunction.parse(function.wireName())).isEqualTo(function);
    }
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"median", "MAX", ""})
  void anUnknownAggregateFunctionIsRefusedWithItsValue(String text) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> AggregateFunction.parse(text))
        .withMessage(
            "aggregate.func must be one of count, sum, avg, min, max, stddev, cardinality, increase,"
                + " integral, twa, percentile, got: "
                + (text == null ? "null" : "'" + text + "'"));
  }

  @ParameterizedTest
  @EnumSource(names = {"COUNT", "SUM", "AVG", "MIN", "MAX", "STDDEV", "CARDINALITY", "TWA"})
  void onlyPercentileTakesAPercentile(AggregateFunction function) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () ->
                new Aggregation(
                    function,
                    function == AggregateFunction.CARDINALITY ? Dimension.USER_ID : null,
                    Percentile.of("95")))
        .withMessage("aggregate " + function.wireName() + " takes no percentile, got: 95");
  }

  @Test
  void percentileWithoutItsParameterIsRefused() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Aggregation.of(AggregateFunction.PERCENTILE))
        .withMessage("aggregate.param of percentile is required (a number in (0, 100]), got: none");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"0", "0.0", "100.001", "101", "-5", "abc", "", " 95", "1e2", "95.", ".5"})
  void aPercentileOutsideZeroToHundredOrNotADecimalIsRefused(String text) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Percentile.of(text))
        .withMessage(
            "aggregate.param of percentile must be a decimal number in (0, 100], like 95 or 99.9,"
                + " got: "
                + (text == null ? "none" : "'" + text + "'"))
        .satisfies(
            e -> {
              assertThat(e.violation().field()).isEqualTo(QueryField.AGGREGATE_PARAMETER);
              assertThat(e.violation().value()).isEqualTo(text);
            });
  }

  @Test
  void percentilesKeepTheirTextAndLabelTheirResult() {
    assertThat(Aggregation.percentile(Percentile.of("99.90")).label())
        .isEqualTo("percentile/99.90");
    assertThat(Percentile.of("95")).isNotEqualTo(Percentile.of("95.0"));
    assertThat(Percentile.of("95.0").value()).isEqualByComparingTo("95");
    assertThat(Aggregation.cardinality(Dimension.PROJECT_ID).label())
        .isEqualTo("cardinality/project_id");
    assertThat(Aggregation.of(AggregateFunction.TWA).label()).isEqualTo("twa");
  }

  @Test
  void nearestRanksAreTheCeilingOfPTimesNOverAHundred() {
    // ceil(50 * 4 / 100) = 2; ceil(95 * 4 / 100) = ceil(3.8) = 4; ceil(0.1 * 4 / 100) = 1;
    // ceil(99.9 * 1000 / 100) = 999; ceil(100 * 7 / 100) = 7; ceil(33.3333 * 3 / 100) = 1.
    assertThat(Percentile.of("50").rank(4)).isEqualTo(2);
    assertThat(Percentile.of("95").rank(4)).isEqualTo(4);
    assertThat(Percentile.of("0.1").rank(4)).isEqualTo(1);
    assertThat(Percentile.of("99.9").rank(1000)).isEqualTo(999);
    assertThat(Percentile.of("100").rank(7)).isEqualTo(7);
    assertThat(Percentile.of("33.3333").rank(3)).isEqualTo(1);
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> Percentile.of("50").rank(0))
        .withMessage("count must be >= 1, got: 0");
  }

  @ParameterizedTest
  @CsvSource({
    "minute, PT1M",
    "hour, PT1H",
    "day, P1D",
    "DAY, P1D",
    "week, P1W",
    "month, P1M",
    "quarter, P3M",
    "year, P1Y",
    "P2D, P2D",
    "p3w, P3W",
    "P6M, P6M",
    "P10Y, P10Y",
    "PT6H, PT6H",
    "PT15M, PT15M",
    "pt90m, PT90M"
  })
  void calendarPeriodsParseFromNamesAndIsoDurations(String text, String iso) {
    assertThat(Period.parse(text)).isInstanceOf(Period.Calendar.class).hasToString(iso);
  }

  @Test
  void digitsParseAsAFixedPeriodOfSeconds() {
    assertThat(Period.parse("3600")).isEqualTo(Period.ofSeconds(3600));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fortnight", "P1H", "PT1D", "P1DT1H", "P0D", "P-1D", "PT1S", "1.5", ""})
  void otherPeriodsAreRefusedWithTheForms(String text) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Period.parse(text))
        .satisfies(e -> assertThat(e.violation().field()).isEqualTo(QueryField.PERIOD))
        .withMessageContaining(
            text.equals("P0D")
                ? "period must count 1..1000000 days, got: 0"
                : "period must be a number of seconds, minute, hour, day, week, month, quarter, year,"
                    + " P<n>D, P<n>W, P<n>M, P<n>Y, PT<n>H or PT<n>M, got: '"
                    + text
                    + "'");
  }

  @Test
  void dimensionsParseFromTheirFieldNames() {
    for (Dimension dimension : Dimension.values()) {
      assertThat(Dimension.parse(dimension.fieldName())).isEqualTo(dimension);
    }
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> Dimension.parse("tenant_id"))
        .withMessage(
            "field must be one of resource_id, project_id, user_id, source, got: 'tenant_id'");
  }

  @Test
  void aGroupByNamesExactlyOneOfADimensionAndAMetadataKey() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> new GroupBy("both", Dimension.USER_ID, "flavor"))
        .withMessage("group-by both must name exactly one of a dimension and a metadata key");
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> new GroupBy("neither", null, null))
        .withMessage("group-by neither must name exactly one of a dimension and a metadata key");
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> GroupBy.metadata(" ", "resource_metadata. "))
        .withMessage("group-by metadata key must not be blank");
    assertThatNullPointerException()
        .isThrownBy(() -> new GroupBy(null, Dimension.USER_ID, null))
        .withMessage("label");
  }

  @Test
  void aGroupByIsLabelledWithTheFieldAsRequested() {
    assertThat(GroupBy.of(Dimension.PROJECT_ID).label()).isEqualTo("project_id");
    assertThat(GroupBy.metadata("properties.prop_1", "resource_metadata.properties.prop_1"))
        .isEqualTo(new GroupBy("resource_metadata.properties.prop_1", null, "properties.prop_1"));
  }

  @Test
  void filtersCollectAlternativesPerField() {
    Filter filter =
        Filter.builder()
            .equal(Dimension.PROJECT_ID, "p1")
            .equal(Dimension.PROJECT_ID, null)
            .metadata(MetadataMatch.string("flavor", "m1.small"))
            .metadata(MetadataMatch.inferred("flavor", "0"))
            .build();

    assertThat(filter.dimensions().get(Dimension.PROJECT_ID))
        .isEqualTo(new HashSet<>(Arrays.asList("p1", null)));
    assertThat(filter.metadata().get("flavor"))
        .containsExactly(
            MetadataMatch.string("flavor", "m1.small"),
            new MetadataMatch("flavor", "0", ValueType.INTEGER));
    assertThat(filter.toBuilder().build()).isEqualTo(filter);
    assertThat(Filter.NONE.isEmpty()).isTrue();
    assertThat(filter.acceptsMetadata(Map.of("flavor", "0.0"))).isTrue();
    assertThat(filter.acceptsMetadata(Map.of("flavor", "m1.tiny"))).isFalse();
    assertThat(filter.acceptsMetadata(Map.of())).isFalse();
    assertThat(Filter.NONE.dimensions()).isEqualTo(Map.of());
    assertThat(Set.copyOf(filter.metadata().keySet())).containsExactly("flavor");
  }

  @Test
  void aResourceQueryNeedsAFilterAndARange() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ResourceQuery(null, TimeRange.ALL))
        .withMessage("filter");
    assertThatNullPointerException()
        .isThrownBy(() -> new ResourceQuery(Filter.NONE, null))
        .withMessage("lastSampleRange");
  }
}
