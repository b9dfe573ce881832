package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.Locale;

/**
 * The aggregate functions a statistics query computes per row.
 *
 * <p>Thread-safe: an enum.
 */
public enum AggregateFunction {
  /** Number of samples. */
  COUNT,
  /** Sum of volumes (compensated). */
  SUM,
  /** Mean volume: sum / count. */
  AVG,
  /** Smallest volume. */
  MIN,
  /** Largest volume. */
  MAX,
  /** Population standard deviation of the volumes. */
  STDDEV,
  /**
   * Number of distinct non-null values of a dimension (resource, project or user), like SQL {@code
   * COUNT(DISTINCT)}.
   */
  CARDINALITY;

  /**
   * Returns the lower-case wire name.
   *
   * @return e.g. {@code avg}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns whether the function takes a parameter ({@code aggregate.param}).
   *
   * @return true for {@link #CARDINALITY}
   */
  public boolean takesParameter() {
    return this == CARDINALITY;
  }

  /**
   * Parses a wire name.
   *
   * @param text count, sum, avg, min, max, stddev or cardinality
   * @return the function
   * @throws InvalidQueryException for anything else
   */
  public static AggregateFunction parse(String text) {
    for (AggregateFunction function : values()) {
      if (function.wireName().equals(text)) {
        return function;
      }
    }
    Object[] names = new Object[values().length];
    for (AggregateFunction function : values()) {
      names[function.ordinal()] = function.wireName();
    }
    throw new InvalidQueryException(
        Violation.of(QueryField.AGGREGATE_FUNCTION, Rule.NOT_ONE_OF, text, names));
  }
}
