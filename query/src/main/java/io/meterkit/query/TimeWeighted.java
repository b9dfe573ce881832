package io.meterkit.query;

import io.meterkit.store.spi.StoreSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link TimeWeightedQuery}: gathers each series' {@link SeriesHistory}, turns it into
 * constant-level {@link LevelSegments}, and spreads each segment over the slots it covers.
 *
 * <p>Each slot integral is an {@link IntegralSums} double-double, about 106 significant bits before
 * it becomes a {@link BigDecimal}. Not thread-safe: one instance per execution.
 */
final class TimeWeighted {
  private final TimeWeightedQuery query;
  private final GroupPlan plan;
  private final SlotTable slots;
  private final IntegralSums integrals = new IntegralSums();

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
    LevelSegments.forEach(history, series, events, end, this::spread);
  }

  // Adds level * overlap to every slot that [from, to) overlaps; slot indexes count from the
  // window's first (epoch-aligned) slot.
  private void spread(int group, long from, long to, double level) {
    long width = query.slotMillis();
    long firstSlot = Math.floorDiv(query.window().fromMillis(), width);
    while (from < to) {
      long slot = Math.floorDiv(from, width);
      long until = Math.min(to, (slot + 1) * width);
      integrals.add(slots.slot(group, slot - firstSlot), level, until - from);
      from = until;
    }
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
      BigDecimal integral = integrals.exact(slot);
      rows.add(new WeightedSlot(GroupRows.labelled(query.groupBy(), values), start, end, integral));
      keys.add(values);
    }
    return GroupRows.sort(rows, keys, Comparator.comparingLong(WeightedSlot::slotStartMillis));
  }
}
