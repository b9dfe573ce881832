package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterType;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.Locale;
import java.util.Optional;

/**
 * The aggregate functions a statistics query computes per row.
 *
 * <p>The first seven fold the row's samples. {@link #INCREASE}, {@link #INTEGRAL} and {@link #TWA}
 * are billing aggregates over each series' history: they also use the samples just outside the
 * query's range, spread what happens between two samples over the time in between, and so add up
 * over buckets (see {@link StatisticsQuery}). {@link #PERCENTILE} ranks the row's volumes.
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
  CARDINALITY,
  /**
   * How much a cumulative counter grew, reset-aware: per series, two consecutive samples {@code
   * (t0, v0), (t1, v1)} contribute {@code v1 - v0}, or {@code v1} when {@code v1 < v0} (the counter
   * restarted from 0), spread evenly over {@code [t0, t1]}; a row gets the part of every
   * contribution that overlaps it. Cumulative meters only.
   */
  INCREASE,
  /**
   * The time integral of a gauge: a series' level is its latest sample's volume, held until its
   * next sample, the end of the range or now; a row gets the sum of level times seconds over its
   * time (unit-seconds, e.g. GB-s). Gauge meters only.
   */
  INTEGRAL,
  /**
   * The time-weighted average of a gauge: {@link #INTEGRAL} divided by the seconds of the row in
   * which its group had a level. Gauge meters only.
   */
  TWA,
  /**
   * The exact nearest-rank percentile P of the row's volumes: the smallest volume {@code v} such
   * that at least P % of the row's samples are {@code <= v}; P is the aggregate's {@link
   * Percentile} parameter.
   */
  PERCENTILE;

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
   * @return true for {@link #CARDINALITY} and {@link #PERCENTILE}
   */
  public boolean takesParameter() {
    return this == CARDINALITY || this == PERCENTILE;
  }

  /**
   * Returns whether the function reads each series' history over time (the samples around the range
   * included) rather than folding the row's samples.
   *
   * @return true for {@link #INCREASE}, {@link #INTEGRAL} and {@link #TWA}
   */
  public boolean spreadsOverTime() {
    return this == INCREASE || this == INTEGRAL || this == TWA;
  }

  /**
   * Returns the only meter type the function accepts, if it is restricted to one.
   *
   * @return cumulative for {@link #INCREASE}, gauge for {@link #INTEGRAL} and {@link #TWA}, else
   *     empty
   */
  public Optional<MeterType> requiredMeterType() {
    switch (this) {
      case INCREASE:
        return Optional.of(MeterType.CUMULATIVE);
      case INTEGRAL:
      case TWA:
        return Optional.of(MeterType.GAUGE);
      default:
        return Optional.empty();
    }
  }

  /**
   * Parses a wire name.
   *
   * @param text count, sum, avg, min, max, stddev, cardinality, increase, integral, twa or
   *     percentile
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
