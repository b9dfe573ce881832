package io.meterkit.query;

import io.meterkit.core.TimeRange;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;

/**
 * Spreads what happens between the samples of each series over the buckets of a statistics grid:
 * counter increases (by overlap, telescoping), gauge levels times their duration, and the time in
 * which each group had a level (the union of its series' levels).
 *
 * <p>An increase interval {@code (t0, v0) -> (t1, v1)} is worth {@code d = v1 - v0}, or {@code v1}
 * when {@code v1 < v0}. Its part up to an instant {@code x} is {@code C(x) = d * (x - t0) / (t1 -
 * t0)} ({@code C(t0) = 0} and {@code C(t1) = d} exactly), and the piece of the interval inside
 * {@code [s, e)} gets {@code C(e) - C(s)}: the pieces of adjacent buckets share their boundary
 * values, so they add up to the interval's share of the range, and an interval inside one bucket
 * gives it exactly {@code d}. Only the part inside the query range counts.
 *
 * <p>Each group's covered time is the union of the level segments of its series, kept per group as
 * runs and merged once at the end. Per slot: {@link #increase} and {@link #integral} sums and
 * covered milliseconds, the mergeable partials of these aggregates. Not thread-safe: one per
 * execution.
 */
final class TimeSpread {
  final CompensatedSums increase = new CompensatedSums();
  final IntegralSums integral = new IntegralSums();
  private final BucketGrid grid;
  private final SlotTable slots;
  private final Accumulators accumulators;
  private final long fromMillis;
  private final long toMillis;
  private long[] covered = new long[16];
  // The coverage runs of all series: [start, end) of one group, maximal within one series.
  private final IntArrayList runGroups = new IntArrayList();
  private final LongArrayList runStarts = new LongArrayList();
  private final LongArrayList runEnds = new LongArrayList();
  private int runGroup = -1; // the run being extended, of the current series

  TimeSpread(BucketGrid grid, SlotTable slots, Accumulators accumulators, TimeRange range) {
    this.grid = grid;
    this.slots = slots;
    this.accumulators = accumulators;
    this.fromMillis = range.fromMillis();
    this.toMillis = range.toMillis();
  }

  /**
   * Spreads the increase intervals of one series: from the row before the range through the rows
   * inside to the row after it. Of rows at equal timestamps only the last (latest arrival) counts;
   * an interval belongs to the group of the row that ends it.
   */
  void addIncrease(SeriesHistory history, int series, SeriesHistory.Events events) {
    boolean has = history.beforeMillis[series] != Long.MIN_VALUE;
    long t0 = history.beforeMillis[series];
    double v0 = history.beforeVolume[series];
    int n = events.size();
    for (int i = 0; i < n; i++) {
      long t1 = events.timestamp(i);
      if (i + 1 < n && events.timestamp(i + 1) == t1) {
        continue; // a later arrival at the same instant replaces this row
      }
      double v1 = events.volume(i);
      if (has) {
        interval(history.groupOf(series, events.metadataId(i)), t0, v0, t1, v1);
      }
      has = true;
      t0 = t1;
      v0 = v1;
    }
    if (has && history.afterMillis[series] != Long.MAX_VALUE) {
      int group = history.groupOf(series, history.afterMetadata[series]);
      interval(group, t0, v0, history.afterMillis[series], history.afterVolume[series]);
    }
  }

  private void interval(int group, long t0, double v0, long t1, double v1) {
    double delta = v1 < v0 ? v1 : v1 - v0;
    long from = Math.max(t0, fromMillis);
    long to = Math.min(t1, toMillis);
    long bucket = from < to ? grid.bucketOf(from) : 0;
    for (long x = from; x < to; bucket++) {
      long end = Math.min(to, grid.endMillis(bucket));
      increase.add(slot(group, bucket), share(delta, t0, t1, end) - share(delta, t0, t1, x));
      x = end;
    }
  }

  // C(x): the part of delta up to x of the interval [t0, t1], exact at both ends.
  private static double share(double delta, long t0, long t1, long x) {
    if (x >= t1) {
      return delta;
    }
    return x <= t0 ? 0 : delta * (x - t0) / (t1 - t0);
  }

  /**
   * Spreads the level segments of one series (see {@link LevelSegments}) up to {@code endMillis}.
   */
  void addLevels(SeriesHistory history, int series, SeriesHistory.Events events, long endMillis) {
    runGroup = -1;
    LevelSegments.forEach(history, series, events, endMillis, this::level);
  }

  private void level(int group, long from, long to, double level) {
    long bucket = grid.bucketOf(from);
    for (long x = from; x < to; bucket++) {
      long end = Math.min(to, grid.endMillis(bucket));
      integral.add(slot(group, bucket), level, end - x);
      x = end;
    }
    int last = runGroups.size() - 1;
    if (runGroup == group && runEnds.getLong(last) == from) {
      runEnds.set(last, to);
    } else {
      runGroups.add(group);
      runStarts.add(from);
      runEnds.add(to);
      runGroup = group;
    }
  }

  /** Merges the coverage runs of each group into their union and spreads it over the buckets. */
  void cover() {
    int[] order = new int[runGroups.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int[] groups = runGroups.elements();
    long[] starts = runStarts.elements();
    long[] ends = runEnds.elements();
    IntArrays.quickSort(
        order,
        (a, b) ->
            groups[a] != groups[b]
                ? Integer.compare(groups[a], groups[b])
                : Long.compare(starts[a], starts[b]));
    int i = 0;
    while (i < order.length) {
      int group = groups[order[i]];
      long start = starts[order[i]];
      long end = ends[order[i]];
      int j = i + 1;
      while (j < order.length && groups[order[j]] == group && starts[order[j]] <= end) {
        end = Math.max(end, ends[order[j]]);
        j++;
      }
      covered(group, start, end);
      i = j;
    }
  }

  private void covered(int group, long from, long to) {
    long bucket = grid.bucketOf(from);
    for (long x = from; x < to; bucket++) {
      long end = Math.min(to, grid.endMillis(bucket));
      int slot = slot(group, bucket);
      if (slot >= covered.length) {
        covered = Arrays.copyOf(covered, Math.max(slot + 1, covered.length * 2));
      }
      covered[slot] += end - x;
      x = end;
    }
  }

  /** Returns the milliseconds of {@code slot} in which its group had a level. */
  long coveredMillis(int slot) {
    return slot < covered.length ? covered[slot] : 0;
  }

  private int slot(int group, long bucket) {
    int slot = slots.slot(group, bucket);
    accumulators.ensure(slot);
    return slot;
  }
}
