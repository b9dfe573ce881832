package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.List;
import java.util.Objects;

/**
 * One requested aggregate: a function and its parameter, if it takes one: the dimension whose
 * distinct values {@link AggregateFunction#CARDINALITY} counts, or the {@link Percentile} of {@link
 * AggregateFunction#PERCENTILE}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param function the function
 * @param parameter the counted dimension for cardinality; null otherwise
 * @param percentile P for percentile; null otherwise
 */
public record Aggregation(AggregateFunction function, Dimension parameter, Percentile percentile) {
  /** The five standard aggregates, computed when a query selects none. */
  public static final List<Aggregation> STANDARD =
      List.of(
          of(AggregateFunction.COUNT),
          of(AggregateFunction.SUM),
          of(AggregateFunction.AVG),
          of(AggregateFunction.MIN),
          of(AggregateFunction.MAX));

  /**
   * Checks the parameters.
   *
   * @throws InvalidQueryException when cardinality lacks a resource, project or user parameter,
   *     percentile lacks its P, or a function has a parameter it does not take
   */
  public Aggregation {
    Objects.requireNonNull(function, "function");
    if (function == AggregateFunction.CARDINALITY) {
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
    if (function == AggregateFunction.PERCENTILE && percentile == null) {
      throw new InvalidQueryException(
          Violation.of(QueryField.AGGREGATE_PARAMETER, Rule.REQUIRED, null),
          "aggregate.param of percentile is required (a number in (0, 100]), got: none");
    }
    if (function != AggregateFunction.PERCENTILE && percentile != null) {
      throw new InvalidQueryException(
          Violation.of(QueryField.AGGREGATE_PARAMETER, Rule.INCONSISTENT, percentile.text()),
          "aggregate " + function.wireName() + " takes no percentile, got: " + percentile);
    }
  }

  /**
   * Creates an aggregate whose function takes no percentile.
   *
   * @param function the function
   * @param parameter the counted dimension for cardinality; null otherwise
   * @throws InvalidQueryException as the canonical constructor
   */
  public Aggregation(AggregateFunction function, Dimension parameter) {
    this(function, parameter, null);
  }

  /**
   * Returns an aggregate without a parameter.
   *
   * @param function any function but cardinality and percentile
   * @return the aggregation
   */
  public static Aggregation of(AggregateFunction function) {
    return new Aggregation(function, null, null);
  }

  /**
   * Returns the cardinality of a dimension.
   *
   * @param dimension resource, project or user
   * @return the aggregation
   */
  public static Aggregation cardinality(Dimension dimension) {
    return new Aggregation(AggregateFunction.CARDINALITY, dimension, null);
  }

  /**
   * Returns a percentile.
   *
   * @param p the percentile parameter
   * @return the aggregation
   */
  public static Aggregation percentile(Percentile p) {
    return new Aggregation(AggregateFunction.PERCENTILE, null, Objects.requireNonNull(p, "p"));
  }

  /**
   * Returns the name the result of this aggregate goes by: the function's wire name, followed for a
   * parameter by a slash and the parameter as given.
   *
   * @return e.g. {@code sum}, {@code cardinality/project_id} or {@code percentile/99.9}
   */
  public String label() {
    if (parameter != null) {
      return function.wireName() + "/" + parameter.fieldName();
    }
    return percentile != null ? function.wireName() + "/" + percentile.text() : function.wireName();
  }
}
