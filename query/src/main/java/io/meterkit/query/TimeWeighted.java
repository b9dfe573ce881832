package io.meterkit.query;

import io.meterkit.core.Summation;
import io.meterkit.store.spi.StoreSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link TimeWeightedQuery}: gathers each series' {@link SeriesHistory}, turns it into
 * constant-level segments, and spreads each segment over the slots it covers.
 *
 * <p>Each slot integral is a double-double sum: every product {@code level * millis} is split
 * exactly into its rounded value and its error (with {@link Math#fma}), and both are added with
 * error-free transformations, so the result carries about 106 significant bits before it becomes a
 * {@link BigDecimal}. Not thread-safe: one instance per execution.
 */
final class TimeWeighted {
  private final TimeWeightedQuery query;
  private final GroupPlan plan;
  private final SlotTable slots;
  private double[] high = new double[64];
  private double[] low = new double[64];

  private TimeWeighted(TimeWeightedQuery query, GroupPlan plan) {
    this.query = query;
    this.plan = plan;
    long slotCount =
        Math.floorDiv(query.window().toMillis() - 1, query.slotMillis())
            - Math.floorDiv(query.window().fromMillis(), query.slotMillis())
            + 1;
    this.slots = new SlotTable(plan.groupCount(), slotCount);
  }

  static List<WeightedSlot> execute(StoreSnapshot store, TimeWeightedQuery query) {
    Optional<GroupPlan> plan =
        GroupPlan.forQuery(store, query.meter(), query.window(), query.filter(), query.groupBy());
    if (plan.isEmpty()) {
      return List.of();
    }
    TimeWeighted executor = new TimeWeighted(query, plan.get());
    SeriesHistory history = SeriesHistory.collect(plan.get(), query.window());
    history.forEachSeries((series, events) -> executor.integrate(history, series, events));
    return executor.results();
  }

  private void integrate(SeriesHistory history, int series, SeriesHistory.Events events) {
    long end = Math.min(query.window().toMillis(), query.holdUntilMillis());
    boolean has = history.beforeMillis[series] != Long.MIN_VALUE;
    double level = history.beforeVolume[series];
    long since = query.window().fromMillis();
    int group = has ? history.groupOf(series, history.beforeMetadata[series]) : -1;
    for (int i = 0; i < events.size(); i++) {
      long timestamp = events.timestamp(i);
      if (has) {
        spread(group, since, Math.min(timestamp, end), level);
      }
      has = true;
      level = events.volume(i);
      since = timestamp;
      group = history.groupOf(series, events.metadataId(i));
    }
    if (has) {
      spread(group, since, end, level);
    }
  }

  // Adds level * overlap to every slot that [from, to) overlaps; slot indexes count from the
  // window's first (epoch-aligned) slot.
  private void spread(int group, long from, long to, double level) {
    long width = query.slotMillis();
    long firstSlot = Math.floorDiv(query.window().fromMillis(), width);
    while (from < to) {
      long slot = Math.floorDiv(from, width);
      long until = Math.min(to, (slot + 1) * width);
      add(slots.slot(group, slot - firstSlot), level, until - from);
      from = until;
    }
  }

  private void add(int slot, double level, long millis) {
    if (slot >= high.length) {
      high = Arrays.copyOf(high, Math.max(slot + 1, high.length * 2));
      low = Arrays.copyOf(low, high.length);
    }
    double duration = millis;
    double product = level * duration;
    double productError = Math.fma(level, duration, -product);
    double sum = high[slot] + product;
    double sumError = Summation.error(high[slot], product, sum);
    high[slot] = sum;
    low[slot] += sumError + productError;
  }

  private List<WeightedSlot> results() {
    List<WeightedSlot> rows = new ArrayList<>(slots.size());
    List<String[]> keys = new ArrayList<>(slots.size());
    long firstSlot = Math.floorDiv(query.window().fromMillis(), query.slotMillis());
    for (int slot = 0; slot < slots.size(); slot++) {
      String[] values = plan.groupValues(slots.groupOf(slot));
      long alignedStart = (firstSlot + slots.bucketOf(slot)) * query.slotMillis();
      long start = Math.max(alignedStart, query.window().fromMillis());
      long end = Math.min(alignedStart + query.slotMillis(), query.window().toMillis());
      BigDecimal integral = new BigDecimal(high[slot]).add(new BigDecimal(low[slot]));
      rows.add(new WeightedSlot(GroupRows.labelled(query.groupBy(), values), start, end, integral));
      keys.add(values);
    }
    return GroupRows.sort(rows, keys, Comparator.comparingLong(WeightedSlot::slotStartMillis));
  }
}
