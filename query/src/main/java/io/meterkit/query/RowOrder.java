package io.meterkit.query;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order of the rows of a statistics result: by period start, then by group values (nulls
 * first), as parallel arrays of slot, bucket and group rank per row, plus the group-by map of each
 * ranked group.
 *
 * <p>The groups are ranked once by their values, and each group's map is built once. With a period
 * and a dense slot table, walking buckets in order and groups in rank order yields the rows already
 * sorted, with no per-slot key; a sparse table radix-sorts its slots by (bucket, rank). Without a
 * period, a row's period start is its clamped first sample time (null first). Immutable once built.
 */
final class RowOrder {
  static final RowOrder NONE = new RowOrder(new int[0], new int[0], new int[0], List.of());

  final int[] slots;
  final int[] buckets;
  final int[] groups; // the rank of each row's group, an index into labels
  final List<Map<String, String>> labels;

  private RowOrder(int[] slots, int[] buckets, int[] groups, List<Map<String, String>> labels) {
    this.slots = slots;
    this.buckets = buckets;
    this.groups = groups;
    this.labels = labels;
  }

  static RowOrder of(
      SlotTable table, GroupPlan plan, List<GroupBy> groupBy, BucketGrid grid, SlotValues values) {
    int[] present = presentGroups(table);
    String[][] valuesOf = new String[present.length][];
    for (int i = 0; i < present.length; i++) {
      valuesOf[i] = plan.groupValues(present[i]);
    }
    int[] byRank = new int[present.length]; // indexes into present, in rank order
    for (int i = 0; i < byRank.length; i++) {
      byRank[i] = i;
    }
    IntArrays.quickSort(byRank, (x, y) -> GroupRows.compare(valuesOf[x], valuesOf[y]));
    List<Map<String, String>> labels = new ArrayList<>(present.length);
    int[] groupByRank = new int[present.length];
    for (int rank = 0; rank < byRank.length; rank++) {
      labels.add(GroupRows.labelled(groupBy, valuesOf[byRank[rank]]));
      groupByRank[rank] = present[byRank[rank]];
    }
    int size = table.size();
    RowOrder order = new RowOrder(new int[size], new int[size], new int[size], labels);
    if (grid.isSingle()) {
      order.bySampleStart(table, groupByRank, values);
    } else if (table.isDense()) {
      order.byDenseCells(table, groupByRank);
    } else {
      order.bySortedKeys(table, groupByRank);
    }
    return order;
  }

  // The groups that own a slot, in any order; a dense table walks its cells, needing no keys.
  private static int[] presentGroups(SlotTable table) {
    IntArrayList groups = new IntArrayList();
    if (table.isDense()) {
      for (int group = 0; group < table.groupCount(); group++) {
        for (long bucket = 0; bucket < table.bucketCount(); bucket++) {
          if (table.existingSlot(group, bucket) >= 0) {
            groups.add(group);
            break;
          }
        }
      }
      return groups.toIntArray();
    }
    boolean[] seen = new boolean[0];
    for (int slot = 0; slot < table.size(); slot++) {
      int group = table.groupOf(slot);
      if (group >= seen.length) {
        seen = java.util.Arrays.copyOf(seen, Math.max(group + 1, seen.length * 2));
      }
      if (!seen[group]) {
        seen[group] = true;
        groups.add(group);
      }
    }
    return groups.toIntArray();
  }

  // One slot per group (bucket 0): ordered by clamped first sample time, rows without one first.
  private void bySampleStart(SlotTable table, int[] groupByRank, SlotValues values) {
    int[] ranks = new int[groupByRank.length];
    for (int rank = 0; rank < ranks.length; rank++) {
      ranks[rank] = rank;
    }
    IntArrays.mergeSort(
        ranks,
        (x, y) -> {
          int a = table.slot(groupByRank[x], 0);
          int b = table.slot(groupByRank[y], 0);
          boolean hasA = values.hasDuration(a);
          boolean hasB = values.hasDuration(b);
          if (hasA != hasB) {
            return hasA ? 1 : -1;
          }
          return hasA ? Long.compare(values.durationStart(a), values.durationStart(b)) : 0;
        });
    for (int row = 0; row < ranks.length; row++) {
      slots[row] = table.slot(groupByRank[ranks[row]], 0);
      groups[row] = ranks[row];
    }
  }

  private void byDenseCells(SlotTable table, int[] groupByRank) {
    int row = 0;
    for (long bucket = 0; bucket < table.bucketCount(); bucket++) {
      for (int rank = 0; rank < groupByRank.length; rank++) {
        int slot = table.existingSlot(groupByRank[rank], bucket);
        if (slot >= 0) {
          slots[row] = slot;
          buckets[row] = (int) bucket;
          groups[row] = rank;
          row++;
        }
      }
    }
  }

  private void bySortedKeys(SlotTable table, int[] groupByRank) {
    Int2IntOpenHashMap rankOfGroup = new Int2IntOpenHashMap(groupByRank.length);
    for (int rank = 0; rank < groupByRank.length; rank++) {
      rankOfGroup.put(groupByRank[rank], rank);
    }
    int size = table.size();
    long[] keys = new long[size];
    long[] order = new long[size];
    for (int slot = 0; slot < size; slot++) {
      // bucket < 2^31 and rank < 2^31, so the key orders by bucket, then rank.
      keys[slot] = (table.bucketOf(slot) << 31) | rankOfGroup.get(table.groupOf(slot));
      order[slot] = slot;
    }
    LongArrays.radixSort(keys, order);
    for (int row = 0; row < size; row++) {
      int slot = (int) order[row];
      slots[row] = slot;
      buckets[row] = (int) table.bucketOf(slot);
      groups[row] = rankOfGroup.get(table.groupOf(slot));
    }
  }
}
