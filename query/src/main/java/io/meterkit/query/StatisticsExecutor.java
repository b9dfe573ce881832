package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterType;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesBlockVisitor;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one {@link StatisticsQuery}: plan, the series histories when an aggregate spreads over time,
 * the bucket grid, one scan of the range, the spreading of increases and levels, then the result
 * rows over the slots.
 *
 * <p>The scan kernel ({@link #visit}) folds a block in O(1) from its summary when the block lies
 * wholly inside the range and inside one bucket, all its rows fall into one group and were recorded
 * by the as-of instant, and no aggregate needs the rows themselves; otherwise it decodes the block
 * into scratch arrays (dropping rows recorded after the as-of instant) and folds maximal runs of
 * rows that share a bucket and a metadata id, with bucket boundaries found by walking the sorted
 * timestamps alongside the grid (one search per run after a gap, none per row). Either way the
 * result is exactly that of folding every matching row into its (group, bucket) slot one by one.
 * Not thread-safe: one instance per execution.
 */
final class StatisticsExecutor implements SeriesBlockVisitor {
  private final GroupPlan plan;
  private final TimeRange range;
  private final BucketGrid grid;
  private final SlotTable slots;
  private final Accumulators accumulators;
  private final PercentileValues percentileValues; // null without percentiles
  private final boolean rowsOnly;
  private final Dimension[] distinctDimensions;
  private final BlockRows rows;

  private StatisticsExecutor(
      StatisticsQuery query, GroupPlan plan, BucketGrid grid, Dimension[] distinctDimensions) {
    this.plan = plan;
    this.range = query.searchRange();
    this.grid = grid;
    this.slots = new SlotTable(plan.groupCount(), grid.count());
    this.distinctDimensions = distinctDimensions;
    boolean deviation = query.computes(AggregateFunction.STDDEV);
    boolean percentiles = query.computes(AggregateFunction.PERCENTILE);
    this.accumulators =
        new Accumulators(deviation, distinctDimensions.length, plan.groupCount() * grid.count());
    this.percentileValues = percentiles ? new PercentileValues() : null;
    this.rowsOnly = deviation || percentiles;
    this.rows = new BlockRows(query.asOfMillis());
  }

  /**
   * Executes {@code query} against {@code store}; levels stop at {@code nowMillis} at the latest.
   */
  static StatisticsResult execute(StoreSnapshot store, StatisticsQuery query, long nowMillis) {
    Optional<GroupPlan> compiled =
        GroupPlan.forQuery(
            store, query.meter(), query.searchRange(), query.filter(), query.groupBy());
    if (compiled.isEmpty()) {
      return StatisticsResult.empty(query);
    }
    GroupPlan plan = compiled.get();
    TimeRange range = query.searchRange();
    boolean increase = query.computes(AggregateFunction.INCREASE);
    boolean levels =
        query.computes(AggregateFunction.INTEGRAL) || query.computes(AggregateFunction.TWA);
    SeriesHistory history =
        query.spreadsOverTime()
            ? SeriesHistory.collect(plan, range, query.asOfMillis(), increase)
            : null;
    long levelEnd = levels ? Math.min(range.toMillis(), nowMillis) : Long.MIN_VALUE;
    Optional<BucketGrid> grid = StatisticsGrid.of(query, plan, history, levelEnd);
    if (grid.isEmpty()) {
      return StatisticsResult.empty(query);
    }
    Dimension[] distinct = distinctDimensions(query);
    StatisticsExecutor executor = new StatisticsExecutor(query, plan, grid.get(), distinct);
    plan.meter.scan(range, plan.selection, executor);
    TimeSpread spread = null;
    if (history != null) {
      TimeSpread spreader =
          new TimeSpread(grid.get(), executor.slots, executor.accumulators, range);
      history.forEachSeries(
          (series, events) -> {
            if (increase) {
              spreader.addIncrease(history, series, events);
            }
            if (levels) {
              spreader.addLevels(history, series, events, levelEnd);
            }
          });
      if (query.computes(AggregateFunction.TWA)) {
        spreader.cover();
      }
      spread = spreader;
    }
    StatisticsResult result = executor.result(query, spread);
    // Checked only when the query selects samples: a caller who sees none of the meter learns
    // nothing about it, not even its type.
    if (result.size() > 0) {
      checkMeterType(query, plan.meter);
    }
    return result;
  }

  private static void checkMeterType(StatisticsQuery query, MeterSnapshot meter) {
    for (Aggregation aggregation : query.aggregations()) {
      Optional<MeterType> required = aggregation.function().requiredMeterType();
      if (required.isPresent() && required.get() != meter.type()) {
        throw new InvalidQueryException(
            Violation.of(
                QueryField.AGGREGATE_FUNCTION,
                Rule.UNSUPPORTED,
                meter.type().wireName(),
                required.get().wireName(),
                aggregation.function().wireName(),
                meter.name()),
            "aggregate.func "
                + aggregation.function().wireName()
                + " needs a "
                + required.get().wireName()
                + " meter, but "
                + meter.name()
                + " is a "
                + meter.type().wireName()
                + " meter");
      }
    }
  }

  private static Dimension[] distinctDimensions(StatisticsQuery query) {
    List<Dimension> distinct = new ArrayList<>();
    for (Aggregation aggregation : query.aggregations()) {
      if (aggregation.function() == AggregateFunction.CARDINALITY) {
        distinct.add(aggregation.parameter());
      }
    }
    return distinct.toArray(new Dimension[0]);
  }

  @Override
  public void visit(SeriesBlock block) {
    int seriesGroup = plan.seriesGroup[block.seriesId()];
    long first = block.firstTimestampMillis();
    long last = block.lastTimestampMillis();
    boolean inside = first >= range.fromMillis() && last < range.toMillis();
    int constantMetadata = plan.metadataGroup == null ? 0 : block.constantMetadataId();
    if (inside && !rowsOnly && constantMetadata >= 0 && rows.keepsEveryRow(block)) {
      int metadataGroup = plan.metadataGroup == null ? 0 : plan.metadataGroup[constantMetadata];
      if (metadataGroup < 0) {
        return;
      }
      long bucket = grid.bucketOf(first);
      if (last < grid.endMillis(bucket)) {
        int slot = slot(seriesGroup * plan.metadataGroupCount + metadataGroup, bucket, block);
        accumulators.foldSummary(
            slot,
            block.rowCount(),
            block.volumeSum(),
            block.volumeSumCompensation(),
            block.volumeMin(),
            block.volumeMax(),
            first,
            last);
        return;
      }
    }
    foldRows(block, seriesGroup, inside, constantMetadata);
  }

  private void foldRows(SeriesBlock block, int seriesGroup, boolean inside, int constantMetadata) {
    boolean perRowMetadata = plan.metadataGroup != null && constantMetadata < 0;
    int count = rows.read(block, true, perRowMetadata);
    long[] timestamps = rows.timestamps;
    int from = inside ? 0 : lowerBound(timestamps, count, range.fromMillis());
    int to = inside ? count : lowerBound(timestamps, count, range.toMillis());
    int i = from;
    long bucket = i < to ? grid.bucketOf(timestamps[i]) : 0;
    long bucketEnd = grid.endMillis(bucket);
    while (i < to) {
      // Rows are sorted: the bucket only moves forward, usually to the next one, so a search is
      // needed only after a gap.
      if (timestamps[i] >= bucketEnd) {
        bucket =
            timestamps[i] < grid.endMillis(bucket + 1) ? bucket + 1 : grid.bucketOf(timestamps[i]);
        bucketEnd = grid.endMillis(bucket);
      }
      int metadataId = perRowMetadata ? rows.metadataIds[i] : constantMetadata;
      int j = i + 1;
      while (j < to
          && timestamps[j] < bucketEnd
          && (!perRowMetadata || rows.metadataIds[j] == metadataId)) {
        j++;
      }
      int metadataGroup = plan.metadataGroup == null ? 0 : plan.metadataGroup[metadataId];
      if (metadataGroup >= 0) {
        int slot = slot(seriesGroup * plan.metadataGroupCount + metadataGroup, bucket, block);
        accumulators.foldRows(slot, timestamps, rows.volumes, i, j);
        if (percentileValues != null) {
          percentileValues.add(slot, rows.volumes, i, j);
        }
      }
      i = j;
    }
  }

  private int slot(int group, long bucket, SeriesBlock block) {
    int slot = slots.slot(group, bucket);
    accumulators.ensure(slot);
    for (int d = 0; d < distinctDimensions.length; d++) {
      int id = plan.dimensionId(distinctDimensions[d], block.seriesId());
      // Like SQL COUNT(DISTINCT): a sample without the dimension adds no value.
      if (id != Dictionary.NULL_ID) {
        accumulators.addDistinct(d, slot, id);
      }
    }
    return slot;
  }

  /** Returns the first index in {@code [0, rows)} whose timestamp is >= {@code millis}. */
  static int lowerBound(long[] sorted, int rows, long millis) {
    int low = 0;
    int high = rows;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] < millis) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private StatisticsResult result(StatisticsQuery query, TimeSpread spread) {
    List<Percentile> requested = new ArrayList<>();
    for (Aggregation aggregation : query.aggregations()) {
      if (aggregation.function() == AggregateFunction.PERCENTILE) {
        requested.add(aggregation.percentile());
      }
    }
    Percentile[] percentiles = requested.toArray(new Percentile[0]);
    double[] selected =
        percentileValues == null ? null : percentileValues.select(slots.size(), percentiles);
    SlotValues values =
        new SlotValues(
            accumulators,
            spread,
            selected,
            percentiles.length,
            query.start().map(TimeBound::millis).orElse(Long.MIN_VALUE),
            query.end().map(TimeBound::millis).orElse(Long.MAX_VALUE));
    RowOrder order = RowOrder.of(slots, plan, query.groupBy(), grid, values);
    return new StatisticsResult(
        query, plan.meter.unit(), grid, values, order, distinctDimensions, percentiles);
  }
}
