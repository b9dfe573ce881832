package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.TimeRange;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
        .containsExactly("count", "sum", "avg", "min", "max", "stddev", "cardinality");
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
            "aggregate.func must be one of count, sum, avg, min, max, stddev, cardinality, got: "
                + (text == null ? "null" : "'" + text + "'"));
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
