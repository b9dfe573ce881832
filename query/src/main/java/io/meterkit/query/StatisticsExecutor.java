package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.TimeRange;
import io.meterkit.store.MeterSnapshot;
import io.meterkit.store.SeriesBlock;
import io.meterkit.store.SeriesBlockVisitor;
import io.meterkit.store.StoreSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one {@link StatisticsQuery}: plan, optional pre-pass for the period anchor, one scan, then
 * one result row per non-empty (group, bucket) slot.
 *
 * <p>The scan kernel ({@link #visit}) folds a block in O(1) from its summary when the block lies
 * wholly inside the range and inside one bucket and all its rows fall into one group; otherwise it
 * decodes the block into scratch arrays and folds maximal runs of rows that share a bucket and a
 * metadata id, with bucket boundaries found by walking the sorted timestamps (one division per run,
 * none per row). Either way the result is exactly that of folding every matching row into its
 * (group, bucket) slot one by one. Not thread-safe: one instance per execution.
 */
final class StatisticsExecutor implements SeriesBlockVisitor {
  private static final Comparator<Statistics> BY_PERIOD_START =
      Comparator.comparing(
          Statistics::periodStartMillis, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final StatisticsQuery query;
  private final GroupPlan plan;
  private final TimeRange range;
  private final long periodMillis;
  private final long anchorMillis;
  private final SlotTable slots;
  private final Accumulators accumulators;
  private final boolean rowsOnly;
  private final Dimension[] distinctDimensions;
  private final long[] timestamps = new long[128];
  private final double[] volumes = new double[128];
  private final int[] metadataIds = new int[128];

  private StatisticsExecutor(
      StatisticsQuery query, GroupPlan plan, long anchorMillis, long bucketCount) {
    this.query = query;
    this.plan = plan;
    this.range = query.searchRange();
    this.periodMillis = query.periodSeconds() * 1000L;
    this.anchorMillis = anchorMillis;
    this.slots = new SlotTable(plan.groupCount(), bucketCount);
    List<Dimension> distinct = new ArrayList<>();
    for (Aggregation aggregation : query.aggregations()) {
      if (aggregation.function() == AggregateFunction.CARDINALITY) {
        distinct.add(aggregation.parameter());
      }
    }
    this.distinctDimensions = distinct.toArray(new Dimension[0]);
    boolean deviation = query.computes(AggregateFunction.STDDEV);
    this.accumulators = new Accumulators(deviation, distinctDimensions.length);
    this.rowsOnly = deviation;
  }

  /** Executes {@code query} against {@code store}. */
  static List<Statistics> execute(StoreSnapshot store, StatisticsQuery query) {
    Optional<MeterSnapshot> meter = store.meter(query.meter());
    TimeRange range = query.searchRange();
    if (meter.isEmpty() || range.isEmpty()) {
      return List.of();
    }
    GroupPlan plan = GroupPlan.compile(store, meter.get(), query.filter(), query.groupBy());
    if (plan.isEmpty()) {
      return List.of();
    }
    long anchor = 0;
    long bucketCount = 1;
    if (query.periodSeconds() > 0) {
      Extent extent = Extent.of(plan, range);
      if (extent.isEmpty()) {
        return List.of();
      }
      anchor = query.fixedAnchorMillis().orElse(extent.earliestMillis);
      long periodMillis = query.periodSeconds() * 1000L;
      bucketCount = Math.floorDiv(extent.latestBoundMillis - anchor, periodMillis) + 1;
      if (bucketCount > Integer.MAX_VALUE) {
        throw new InvalidQueryException(
            "period of "
                + query.periodSeconds()
                + " seconds cuts the range into more than "
                + Integer.MAX_VALUE
                + " buckets; use a longer period or a shorter range");
      }
    }
    StatisticsExecutor executor = new StatisticsExecutor(query, plan, anchor, bucketCount);
    plan.meter.scan(range, plan.selection, executor);
    return executor.results();
  }

  @Override
  public void visit(SeriesBlock block) {
    int seriesGroup = plan.seriesGroup[block.seriesId()];
    long first = block.firstTimestampMillis();
    long last = block.lastTimestampMillis();
    boolean inside = first >= range.fromMillis() && last < range.toMillis();
    int constantMetadata = plan.metadataGroup == null ? 0 : block.constantMetadataId();
    if (inside && !rowsOnly && constantMetadata >= 0) {
      int metadataGroup = plan.metadataGroup == null ? 0 : plan.metadataGroup[constantMetadata];
      if (metadataGroup < 0) {
        return;
      }
      long bucket = bucketOf(first);
      if (bucket == bucketOf(last)) {
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
    int rows = block.rowCount();
    block.readTimestamps(timestamps, 0);
    block.readVolumes(volumes, 0);
    boolean perRowMetadata = plan.metadataGroup != null && constantMetadata < 0;
    if (perRowMetadata) {
      block.readMetadataIds(metadataIds, 0);
    }
    int from = inside ? 0 : lowerBound(timestamps, rows, range.fromMillis());
    int to = inside ? rows : lowerBound(timestamps, rows, range.toMillis());
    int i = from;
    while (i < to) {
      long bucket = bucketOf(timestamps[i]);
      long bucketEnd =
          periodMillis == 0 ? Long.MAX_VALUE : anchorMillis + (bucket + 1) * periodMillis;
      int metadataId = perRowMetadata ? metadataIds[i] : constantMetadata;
      int j = i + 1;
      while (j < to
          && timestamps[j] < bucketEnd
          && (!perRowMetadata || metadataIds[j] == metadataId)) {
        j++;
      }
      int metadataGroup = plan.metadataGroup == null ? 0 : plan.metadataGroup[metadataId];
      if (metadataGroup >= 0) {
        int slot = slot(seriesGroup * plan.metadataGroupCount + metadataGroup, bucket, block);
        accumulators.foldRows(slot, timestamps, volumes, i, j);
      }
      i = j;
    }
  }

  private int slot(int group, long bucket, SeriesBlock block) {
    int slot = slots.slot(group, bucket);
    accumulators.ensure(slot);
    for (int d = 0; d < distinctDimensions.length; d++) {
      accumulators.addDistinct(d, slot, plan.dimensionId(distinctDimensions[d], block.seriesId()));
    }
    return slot;
  }

  private long bucketOf(long timestampMillis) {
    return periodMillis == 0 ? 0 : Math.floorDiv(timestampMillis - anchorMillis, periodMillis);
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

  private List<Statistics> results() {
    List<Statistics> rows = new ArrayList<>(slots.size());
    List<String[]> keys = new ArrayList<>(slots.size());
    for (int slot = 0; slot < slots.size(); slot++) {
      String[] groupValues = plan.groupValues(slots.groupOf(slot));
      rows.add(row(slot, groupValues));
      keys.add(groupValues);
    }
    return GroupRows.sort(rows, keys, BY_PERIOD_START);
  }

  private Statistics row(int slot, String[] groupValues) {
    long count = accumulators.count[slot];
    double sum = accumulators.total(slot);
    Long durationStart = accumulators.first[slot];
    Long durationEnd = accumulators.last[slot];
    if (query.start().isPresent()) {
      durationStart = Math.max(durationStart, query.start().get().millis());
    }
    if (query.end().isPresent()) {
      durationEnd = Math.min(durationEnd, query.end().get().millis());
    }
    Double durationSeconds = (durationEnd - durationStart) / 1000.0;
    if (durationStart > durationEnd) {
      durationStart = null;
      durationEnd = null;
      durationSeconds = null;
    }
    Long periodStart = durationStart;
    Long periodEnd = durationEnd;
    if (periodMillis > 0) {
      periodStart = anchorMillis + slots.bucketOf(slot) * periodMillis;
      periodEnd = periodStart + periodMillis;
    }
    Map<Dimension, Long> cardinalities = new EnumMap<>(Dimension.class);
    for (int d = 0; d < distinctDimensions.length; d++) {
      cardinalities.put(distinctDimensions[d], (long) accumulators.distinct[d][slot].size());
    }
    return new Statistics(
        GroupRows.labelled(query.groupBy(), groupValues),
        count,
        sum,
        sum / count,
        accumulators.min[slot],
        accumulators.max[slot],
        accumulators.mean == null ? null : accumulators.deviation(slot),
        Collections.unmodifiableMap(cardinalities),
        plan.meter.unit(),
        durationStart,
        durationEnd,
        durationSeconds,
        query.periodSeconds(),
        periodStart,
        periodEnd);
  }
}
