package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.List;
import java.util.Objects;

/**
 * One requested aggregate: a function and, for {@link AggregateFunction#CARDINALITY}, the dimension
 * whose distinct values it counts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param function the function
 * @param parameter the counted dimension for cardinality; null otherwise
 */
public record Aggregation(AggregateFunction function, Dimension parameter) {
  /** The five standard aggregates, computed when a query selects none. */
  public static final List<Aggregation> STANDARD =
      List.of(
          of(AggregateFunction.COUNT),
          of(AggregateFunction.SUM),
          of(AggregateFunction.AVG),
          of(AggregateFunction.MIN),
          of(AggregateFunction.MAX));

  /**
   * Checks the parameter.
   *
   * @throws InvalidQueryException when cardinality lacks a resource, project or user parameter, or
   *     another function has one
   */
  public Aggregation {
    Objects.requireNonNull(function, "function");
    if (function.takesParameter()) {
      if (parameter == null || parameter == Dimension.SOURCE) {
        throw new InvalidQueryException(
            Violation.of(
                QueryField.AGGREGATE_PARAMETER,
                Rule.NOT_ONE_OF,
                parameter == null ? null : parameter.fieldName(),
                "resource_id",
                "project_id",
                "user_id"),
            "aggregate.param of cardinality must be one of resource_id, project_id, user_id, got: "
                + (parameter == null ? "none" : parameter.fieldName()));
      }
    } else if (parameter != null) {
      throw new InvalidQueryException(
          Violation.of(QueryField.AGGREGATE_PARAMETER, Rule.INCONSISTENT, parameter.fieldName()),
          "aggregate "
              + function.wireName()
              + " takes no parameter, got: "
              + parameter.fieldName());
    }
  }

  /**
   * Returns an aggregate without a parameter.
   *
   * @param function any function but cardinality
   * @return the aggregation
   */
  public static Aggregation of(AggregateFunction function) {
    return new Aggregation(function, null);
  }

  /**
   * Returns the cardinality of a dimension.
   *
   * @param dimension resource, project or user
   * @return the aggregation
   */
  public static Aggregation cardinality(Dimension dimension) {
    return new Aggregation(AggregateFunction.CARDINALITY, dimension);
  }
}
