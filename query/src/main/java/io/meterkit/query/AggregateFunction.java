package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterkitException;
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
    throw new InvalidQueryException(
        "aggregate.func must be one of count, sum, avg, min, max, stddev, cardinality, got: "
            + MeterkitException.describe(text));
  }
}
