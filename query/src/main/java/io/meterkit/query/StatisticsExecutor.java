package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesBlockVisitor;
import io.meterkit.store.spi.StoreSnapshot;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrays;
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
 *
 * <p>Longer than 300 lines on purpose: the planning, the block-folding kernel and the row
 * materialisation share the scratch arrays and slot layout of one execution, and splitting them
 * would spread one hot loop's invariants over several classes.
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
  private final long clampStartMillis; // the start bound's value as given, or Long.MIN_VALUE
  private final long clampEndMillis; // the end bound's value as given, or Long.MAX_VALUE
  private final SlotTable slots;
  private final Accumulators accumulators;
  private final boolean rowsOnly;
  private final Dimension[] distinctDimensions;
  private final long[] timestamps = new long[SeriesBlock.MAX_ROWS];
  private final double[] volumes = new double[SeriesBlock.MAX_ROWS];
  private final int[] metadataIds = new int[SeriesBlock.MAX_ROWS];

  private StatisticsExecutor(
      StatisticsQuery query, GroupPlan plan, long anchorMillis, long bucketCount) {
    this.query = query;
    this.plan = plan;
    this.range = query.searchRange();
    this.periodMillis = query.periodSeconds() * 1000L;
    this.anchorMillis = anchorMillis;
    this.clampStartMillis = query.start().map(TimeBound::millis).orElse(Long.MIN_VALUE);
    this.clampEndMillis = query.end().map(TimeBound::millis).orElse(Long.MAX_VALUE);
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
    Optional<GroupPlan> compiled =
        GroupPlan.forQuery(
            store, query.meter(), query.searchRange(), query.filter(), query.groupBy());
    if (compiled.isEmpty()) {
      return List.of();
    }
    GroupPlan plan = compiled.get();
    TimeRange range = query.searchRange();
    long anchor = 0;
    long bucketCount = 1;
    if (query.periodSeconds() > 0) {
      Extent extent = Extent.of(plan, range);
      if (extent.isEmpty()) {
        return List.of();
      }
      anchor = query.fixedAnchorMillis().orElse(extent.earliestMillis);
      long periodMillis = query.periodSeconds() * 1000L;
      // An anchor near the start of time (a far start bound) could make the span overflow a long;
      // such a span holds far too many buckets anyway.
      long span = extent.latestBoundMillis - anchor;
      bucketCount =
          ((extent.latestBoundMillis ^ anchor) & (extent.latestBoundMillis ^ span)) < 0
              ? Long.MAX_VALUE
              : Math.floorDiv(span, periodMillis) + 1;
      if (bucketCount > Integer.MAX_VALUE) {
        throw new InvalidQueryException(
            Violation.of(
                QueryField.PERIOD, Rule.TOO_WIDE, query.periodSeconds(), Integer.MAX_VALUE),
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
    long bucket = i < to ? bucketOf(timestamps[i]) : 0;
    long bucketEnd =
        periodMillis == 0 ? Long.MAX_VALUE : anchorMillis + (bucket + 1) * periodMillis;
    while (i < to) {
      // Rows are sorted: the bucket only moves forward, usually to the next one, so a division
      // is needed only after a gap.
      if (timestamps[i] >= bucketEnd) {
        if (timestamps[i] < bucketEnd + periodMillis) {
          bucket++;
          bucketEnd += periodMillis;
        } else {
          bucket = bucketOf(timestamps[i]);
          bucketEnd = anchorMillis + (bucket + 1) * periodMillis;
        }
      }
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
      int id = plan.dimensionId(distinctDimensions[d], block.seriesId());
      // Like SQL COUNT(DISTINCT): a sample without the dimension adds no value.
      if (id != Dictionary.NULL_ID) {
        accumulators.addDistinct(d, slot, id);
      }
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

  // Rows are ordered by period start, then group values. The groups are ranked once by their
  // values, and each group's group-by map is built once; with a period and a dense slot table,
  // walking buckets in order and groups in rank order emits the rows already sorted, each bucket's
  // bounds boxed once, so building a row costs the row and its durations only.
  private List<Statistics> results() {
    int slotCount = slots.size();
    Int2ObjectOpenHashMap<String[]> valuesOfGroup = new Int2ObjectOpenHashMap<>();
    Int2ObjectOpenHashMap<Map<String, String>> labelsOfGroup = new Int2ObjectOpenHashMap<>();
    for (int slot = 0; slot < slotCount; slot++) {
      int group = slots.groupOf(slot);
      if (!valuesOfGroup.containsKey(group)) {
        String[] values = plan.groupValues(group);
        valuesOfGroup.put(group, values);
        labelsOfGroup.put(group, GroupRows.labelled(query.groupBy(), values));
      }
    }
    int[] groupsByRank = valuesOfGroup.keySet().toIntArray();
    IntArrays.quickSort(
        groupsByRank, (x, y) -> GroupRows.compare(valuesOfGroup.get(x), valuesOfGroup.get(y)));
    List<Statistics> rows = new ArrayList<>(slotCount);
    if (periodMillis == 0) {
      List<String[]> keys = new ArrayList<>(slotCount);
      for (int slot = 0; slot < slotCount; slot++) {
        int group = slots.groupOf(slot);
        rows.add(row(slot, labelsOfGroup.get(group), null, null));
        keys.add(valuesOfGroup.get(group));
      }
      return GroupRows.sort(rows, keys, BY_PERIOD_START);
    }
    if (slots.isDense()) {
      Map<?, ?>[] labelsByRank = new Map<?, ?>[groupsByRank.length];
      for (int rank = 0; rank < groupsByRank.length; rank++) {
        labelsByRank[rank] = labelsOfGroup.get(groupsByRank[rank]);
      }
      for (long bucket = 0; bucket < slots.bucketCount(); bucket++) {
        Long periodStart = null;
        Long periodEnd = null;
        for (int rank = 0; rank < groupsByRank.length; rank++) {
          int slot = slots.existingSlot(groupsByRank[rank], bucket);
          if (slot >= 0) {
            if (periodStart == null) {
              periodStart = anchorMillis + bucket * periodMillis;
              periodEnd = periodStart + periodMillis;
            }
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) labelsByRank[rank];
            rows.add(row(slot, labels, periodStart, periodEnd));
          }
        }
      }
      return rows;
    }
    Int2IntOpenHashMap rankOfGroup = new Int2IntOpenHashMap(groupsByRank.length);
    for (int rank = 0; rank < groupsByRank.length; rank++) {
      rankOfGroup.put(groupsByRank[rank], rank);
    }
    long[] keys = new long[slotCount];
    long[] order = new long[slotCount];
    for (int slot = 0; slot < slotCount; slot++) {
      // bucket < 2^31 and rank < 2^31, so the key orders by bucket, then rank.
      keys[slot] = (slots.bucketOf(slot) << 31) | rankOfGroup.get(slots.groupOf(slot));
      order[slot] = slot;
    }
    LongArrays.radixSort(keys, order);
    for (long ordered : order) {
      int slot = (int) ordered;
      long periodStart = anchorMillis + slots.bucketOf(slot) * periodMillis;
      rows.add(
          row(
              slot,
              labelsOfGroup.get(slots.groupOf(slot)),
              periodStart,
              periodStart + periodMillis));
    }
    return rows;
  }

  // Without a period, pass null bounds: the period is then the row's duration.
  private Statistics row(int slot, Map<String, String> groupBy, Long periodStart, Long periodEnd) {
    long count = accumulators.count(slot);
    double sum = accumulators.total(slot);
    long start = Math.max(accumulators.first(slot), clampStartMillis);
    long end = Math.min(accumulators.last(slot), clampEndMillis);
    Long durationStart = null;
    Long durationEnd = null;
    Double durationSeconds = null;
    if (start <= end) {
      durationStart = start;
      durationEnd = end;
      durationSeconds = (end - start) / 1000.0;
    }
    Map<Dimension, Long> cardinalities = Map.of();
    if (distinctDimensions.length > 0) {
      cardinalities = new EnumMap<>(Dimension.class);
      for (int d = 0; d < distinctDimensions.length; d++) {
        cardinalities.put(distinctDimensions[d], accumulators.distinctCount(d, slot));
      }
      cardinalities = Collections.unmodifiableMap(cardinalities);
    }
    return new Statistics(
        groupBy,
        count,
        sum,
        sum / count,
        accumulators.min(slot),
        accumulators.max(slot),
        accumulators.mean == null ? null : accumulators.deviation(slot),
        cardinalities,
        plan.meter.unit(),
        durationStart,
        durationEnd,
        durationSeconds,
        query.periodSeconds(),
        periodMillis == 0 ? durationStart : periodStart,
        periodMillis == 0 ? durationEnd : periodEnd);
  }
}
