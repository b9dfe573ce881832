package io.meterkit.query;

import java.util.AbstractList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The rows of a statistics query, ordered by period start then group values, stored as primitive
 * columns over the execution's accumulators rather than as one object per row.
 *
 * <p>Read a row's values without allocating through the accessors taking a row index ({@link
 * #count(int)}, {@link #sum(int)}, {@link #periodStartMillis(int)}, ...); this is how the REST
 * adapters write their JSON. As a {@code List<Statistics>}, {@link #get(int)} builds the row's
 * {@link Statistics} record on every call. Values a row does not define read as NaN: avg, min, max,
 * stddev and percentiles of a row without samples, aggregates that were not requested, and twa
 * without a level. A result of n rows retains about 56 + 16 bytes per row (the slot accumulators
 * and the row order) plus the group labels.
 *
 * <p>Immutable and thread-safe.
 */
public final class StatisticsResult extends AbstractList<Statistics> implements RandomAccess {
  private final List<Aggregation> aggregations;
  private final String unit;
  private final BucketGrid grid;
  private final SlotValues values;
  private final int[] rowSlots;
  private final int[] rowBuckets;
  private final int[] rowGroups; // index into labels
  private final List<Map<String, String>> labels;
  private final Dimension[] distinct; // the cardinality dimensions, in their slot order
  private final Percentile[] percentiles; // in their slot order

  StatisticsResult(
      StatisticsQuery query,
      String unit,
      BucketGrid grid,
      SlotValues values,
      RowOrder order,
      Dimension[] distinct,
      Percentile[] percentiles) {
    this.aggregations = query.aggregations();
    this.unit = unit;
    this.grid = grid;
    this.values = values;
    this.rowSlots = order.slots;
    this.rowBuckets = order.buckets;
    this.rowGroups = order.groups;
    this.labels = order.labels;
    this.distinct = distinct;
    this.percentiles = percentiles;
  }

  /** Returns the result without rows of {@code query}. */
  static StatisticsResult empty(StatisticsQuery query) {
    return new StatisticsResult(
        query, "", BucketGrid.SINGLE, null, RowOrder.NONE, new Dimension[0], new Percentile[0]);
  }

  /**
   * Returns the number of rows.
   *
   * @return the row count
   */
  @Override
  public int size() {
    return rowSlots.length;
  }

  /**
   * Builds the record of one row (allocates; see the class comment).
   *
   * @param row 0..{@code size() - 1}
   * @return the row
   */
  @Override
  public Statistics get(int row) {
    boolean duration = hasDuration(row);
    boolean bounds = hasPeriodBounds(row);
    return new Statistics(
        groupBy(row),
        count(row),
        sum(row),
        avg(row),
        min(row),
        max(row),
        nullable(stddev(row), computes(AggregateFunction.STDDEV) && count(row) > 0),
        cardinalities(row),
        nullable(increase(row), computes(AggregateFunction.INCREASE)),
        nullable(integral(row), computes(AggregateFunction.INTEGRAL)),
        nullable(twa(row), !Double.isNaN(twa(row))),
        percentileMap(row),
        unit,
        duration ? durationStartMillis(row) : null,
        duration ? durationEndMillis(row) : null,
        duration ? durationSeconds(row) : null,
        periodSeconds(row),
        bounds ? periodStartMillis(row) : null,
        bounds ? periodEndMillis(row) : null);
  }

  /**
   * Returns the requested aggregates, in the order given.
   *
   * @return the query's aggregates
   */
  public List<Aggregation> aggregations() {
    return aggregations;
  }

  /**
   * Returns the meter's unit.
   *
   * @return the unit of every row
   */
  public String unit() {
    return unit;
  }

  /**
   * Returns the group-by map of a row.
   *
   * @param row 0..{@code size() - 1}
   * @return label to value, in query order (shared by the rows of the group), or null without
   *     group-by
   */
  public Map<String, String> groupBy(int row) {
    return labels.get(rowGroups[row]);
  }

  /**
   * Returns the number of samples of a row.
   *
   * @param row 0..{@code size() - 1}
   * @return the count, 0 for a row only an increase interval or a level overlaps
   */
  public long count(int row) {
    return values.count(rowSlots[row]);
  }

  /**
   * Returns the compensated sum of the volumes of a row.
   *
   * @param row 0..{@code size() - 1}
   * @return the sum, 0 without samples
   */
  public double sum(int row) {
    return values.sum(rowSlots[row]);
  }

  /**
   * Returns the mean volume of a row.
   *
   * @param row 0..{@code size() - 1}
   * @return sum / count, NaN without samples
   */
  public double avg(int row) {
    return values.avg(rowSlots[row]);
  }

  /**
   * Returns the smallest volume of a row.
   *
   * @param row 0..{@code size() - 1}
   * @return the minimum, NaN without samples
   */
  public double min(int row) {
    return values.min(rowSlots[row]);
  }

  /**
   * Returns the largest volume of a row.
   *
   * @param row 0..{@code size() - 1}
   * @return the maximum, NaN without samples
   */
  public double max(int row) {
    return values.max(rowSlots[row]);
  }

  /**
   * Returns the population standard deviation of a row.
   *
   * @param row 0..{@code size() - 1}
   * @return the deviation, NaN when not requested or without samples
   */
  public double stddev(int row) {
    return values.stddev(rowSlots[row]);
  }

  /**
   * Returns the number of distinct values of a dimension in a row.
   *
   * @param row 0..{@code size() - 1}
   * @param dimension a dimension whose cardinality was requested
   * @return the distinct non-null values
   * @throws IllegalArgumentException when the cardinality of {@code dimension} was not requested
   */
  public long cardinality(int row, Dimension dimension) {
    for (int d = 0; d < distinct.length; d++) {
      if (distinct[d] == dimension) {
        return values.distinct(d, rowSlots[row]);
      }
    }
    throw new IllegalArgumentException("cardinality of " + dimension + " was not requested");
  }

  /**
   * Returns the counter increase apportioned to a row.
   *
   * @param row 0..{@code size() - 1}
   * @return the increase, NaN when not requested
   */
  public double increase(int row) {
    return computes(AggregateFunction.INCREASE) ? values.increase(rowSlots[row]) : Double.NaN;
  }

  /**
   * Returns the gauge integral over a row.
   *
   * @param row 0..{@code size() - 1}
   * @return unit-seconds, NaN when not requested
   */
  public double integral(int row) {
    return computes(AggregateFunction.INTEGRAL) ? values.integral(rowSlots[row]) : Double.NaN;
  }

  /**
   * Returns the time-weighted average level of a row.
   *
   * @param row 0..{@code size() - 1}
   * @return the integral divided by the seconds the group had a level, NaN when not requested or
   *     without a level
   */
  public double twa(int row) {
    return computes(AggregateFunction.TWA) ? values.twa(rowSlots[row]) : Double.NaN;
  }

  /**
   * Returns a percentile of the volumes of a row.
   *
   * @param row 0..{@code size() - 1}
   * @param p a requested percentile
   * @return the nearest-rank percentile, NaN without samples
   * @throws IllegalArgumentException when {@code p} was not requested
   */
  public double percentile(int row, Percentile p) {
    for (int i = 0; i < percentiles.length; i++) {
      if (percentiles[i].equals(p)) {
        return values.percentile(rowSlots[row], i);
      }
    }
    throw new IllegalArgumentException("percentile " + p + " was not requested");
  }

  /**
   * Returns whether a row has durations: it holds samples, and clamping them to the bounds as given
   * left a start at or before the end.
   *
   * @param row 0..{@code size() - 1}
   * @return true when the duration accessors are defined
   */
  public boolean hasDuration(int row) {
    return values.hasDuration(rowSlots[row]);
  }

  /**
   * Returns the first sample time of a row, clamped to the start bound as given.
   *
   * @param row a row with {@link #hasDuration(int)}
   * @return epoch milliseconds UTC
   */
  public long durationStartMillis(int row) {
    return values.durationStart(rowSlots[row]);
  }

  /**
   * Returns the last sample time of a row, clamped to the end bound as given.
   *
   * @param row a row with {@link #hasDuration(int)}
   * @return epoch milliseconds UTC
   */
  public long durationEndMillis(int row) {
    return values.durationEnd(rowSlots[row]);
  }

  /**
   * Returns the seconds between a row's duration start and end.
   *
   * @param row a row with {@link #hasDuration(int)}
   * @return seconds, with a fraction
   */
  public double durationSeconds(int row) {
    return (durationEndMillis(row) - durationStartMillis(row)) / 1000.0;
  }

  /**
   * Returns the length of a row's bucket.
   *
   * @param row 0..{@code size() - 1}
   * @return seconds; 0 without a period
   */
  public long periodSeconds(int row) {
    return grid.lengthSeconds(rowBuckets[row]);
  }

  /**
   * Returns whether a row has period bounds: always with a period, else when it has durations
   * (which are then its period bounds).
   *
   * @param row 0..{@code size() - 1}
   * @return true when the period bound accessors are defined
   */
  public boolean hasPeriodBounds(int row) {
    return !grid.isSingle() || hasDuration(row);
  }

  /**
   * Returns the start of a row's bucket, or without a period its duration start.
   *
   * @param row a row with {@link #hasPeriodBounds(int)}
   * @return epoch milliseconds UTC
   */
  public long periodStartMillis(int row) {
    return grid.isSingle() ? durationStartMillis(row) : grid.startMillis(rowBuckets[row]);
  }

  /**
   * Returns the end of a row's bucket, or without a period its duration end.
   *
   * @param row a row with {@link #hasPeriodBounds(int)}
   * @return epoch milliseconds UTC
   */
  public long periodEndMillis(int row) {
    return grid.isSingle() ? durationEndMillis(row) : grid.endMillis(rowBuckets[row]);
  }

  private boolean computes(AggregateFunction function) {
    for (Aggregation aggregation : aggregations) {
      if (aggregation.function() == function) {
        return true;
      }
    }
    return false;
  }

  private Map<Dimension, Long> cardinalities(int row) {
    if (distinct.length == 0) {
      return Map.of();
    }
    Map<Dimension, Long> counts = new EnumMap<>(Dimension.class);
    for (Dimension dimension : distinct) {
      counts.put(dimension, cardinality(row, dimension));
    }
    return Collections.unmodifiableMap(counts);
  }

  private Map<Percentile, Double> percentileMap(int row) {
    if (percentiles.length == 0) {
      return Map.of();
    }
    Map<Percentile, Double> map = new LinkedHashMap<>();
    for (Percentile p : percentiles) {
      double value = percentile(row, p);
      map.put(p, Double.isNaN(value) ? null : value);
    }
    return Collections.unmodifiableMap(map);
  }

  private static Double nullable(double value, boolean defined) {
    return defined ? value : null;
  }
}
