package io.meterkit.query;

import io.meterkit.core.Summation;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Arrays;

/**
 * The per-slot running aggregates of a statistics execution, as parallel primitive arrays ({@code
 * slot} indexes every array; one allocation per array, not per group).
 *
 * <p>Every fold keeps the invariants: {@code count} rows; {@code sum + compensation} is their
 * compensated sum (see {@link Summation}); {@code min}/{@code max} their extreme volumes; {@code
 * first}/{@code last} their extreme timestamps; and, when stddev is requested, {@code mean}/{@code
 * m2} their mean and sum of squared deviations, merged with Chan's parallel formula. Not
 * thread-safe: one per query execution.
 */
final class Accumulators {
  long[] count = new long[16];
  double[] sum = new double[16];
  double[] compensation = new double[16];
  double[] min = new double[16];
  double[] max = new double[16];
  long[] first = new long[16];
  long[] last = new long[16];
  double[] mean; // only with stddev
  double[] m2; // only with stddev
  IntOpenHashSet[][] distinct; // [dimension slot][slot], only with cardinality
  private int capacity = 16;

  Accumulators(boolean withDeviation, int distinctDimensions) {
    if (withDeviation) {
      mean = new double[16];
      m2 = new double[16];
    }
    if (distinctDimensions > 0) {
      distinct = new IntOpenHashSet[distinctDimensions][16];
    }
  }

  /** Makes room for {@code slot} and initialises it when it is new. */
  void ensure(int slot) {
    if (slot >= capacity) {
      int grown = Math.max(slot + 1, capacity * 2);
      count = Arrays.copyOf(count, grown);
      sum = Arrays.copyOf(sum, grown);
      compensation = Arrays.copyOf(compensation, grown);
      min = Arrays.copyOf(min, grown);
      max = Arrays.copyOf(max, grown);
      first = Arrays.copyOf(first, grown);
      last = Arrays.copyOf(last, grown);
      if (mean != null) {
        mean = Arrays.copyOf(mean, grown);
        m2 = Arrays.copyOf(m2, grown);
      }
      if (distinct != null) {
        for (int d = 0; d < distinct.length; d++) {
          distinct[d] = Arrays.copyOf(distinct[d], grown);
        }
      }
      capacity = grown;
    }
    if (count[slot] == 0) {
      min[slot] = Double.POSITIVE_INFINITY;
      max[slot] = Double.NEGATIVE_INFINITY;
      first[slot] = Long.MAX_VALUE;
      last[slot] = Long.MIN_VALUE;
    }
  }

  /** Folds a block summary (rows, compensated sum, extremes, time span) into {@code slot}. */
  void foldSummary(
      int slot,
      int rows,
      double blockSum,
      double blockCompensation,
      double blockMin,
      double blockMax,
      long firstMillis,
      long lastMillis) {
    count[slot] += rows;
    double running = sum[slot];
    double next = running + blockSum;
    compensation[slot] += Summation.error(running, blockSum, next) + blockCompensation;
    sum[slot] = next;
    min[slot] = Math.min(min[slot], blockMin);
    max[slot] = Math.max(max[slot], blockMax);
    first[slot] = Math.min(first[slot], firstMillis);
    last[slot] = Math.max(last[slot], lastMillis);
  }

  /**
   * Folds rows {@code [from, to)} of decoded columns into {@code slot}; the timestamps are sorted.
   */
  void foldRows(int slot, long[] timestamps, double[] volumes, int from, int to) {
    double running = sum[slot];
    double error = compensation[slot];
    double low = min[slot];
    double high = max[slot];
    for (int i = from; i < to; i++) {
      double volume = volumes[i];
      double next = running + volume;
      error += Summation.error(running, volume, next);
      running = next;
      // Plain comparisons, not Math.min/max: volumes are finite and never -0.0 (see Sample), so
      // the NaN and signed-zero rules Math.min pays for cannot matter; this halves the loop.
      low = volume < low ? volume : low;
      high = volume > high ? volume : high;
    }
    if (mean != null) {
      foldDeviation(slot, volumes, from, to);
    }
    count[slot] += to - from;
    sum[slot] = running;
    compensation[slot] = error;
    min[slot] = low;
    max[slot] = high;
    first[slot] = Math.min(first[slot], timestamps[from]);
    last[slot] = Math.max(last[slot], timestamps[to - 1]);
  }

  // Two passes over the slice (mean, then squared deviations), merged with Chan et al.'s formula;
  // called before count is updated. The mean is taken of the volumes shifted by the slice's first
  // one, so equal volumes have exactly their value as mean and 0 as deviation (unshifted, the
  // rounding of a sum of volumes around 1e15 made their stddev about 1).
  private void foldDeviation(int slot, double[] volumes, int from, int to) {
    int rows = to - from;
    double shift = volumes[from];
    double total = 0;
    for (int i = from; i < to; i++) {
      total += volumes[i] - shift;
    }
    double sliceMean = shift + total / rows;
    double sliceM2 = 0;
    for (int i = from; i < to; i++) {
      double deviation = volumes[i] - sliceMean;
      sliceM2 += deviation * deviation;
    }
    long before = count[slot];
    if (before == 0) {
      mean[slot] = sliceMean;
      m2[slot] = sliceM2;
      return;
    }
    long after = before + rows;
    double delta = sliceMean - mean[slot];
    mean[slot] += delta * rows / after;
    m2[slot] += sliceM2 + delta * delta * ((double) before * rows / after);
  }

  /** Records the dimension id of a distinct-count dimension for {@code slot}. */
  void addDistinct(int dimensionSlot, int slot, int id) {
    IntOpenHashSet set = distinct[dimensionSlot][slot];
    if (set == null) {
      set = new IntOpenHashSet();
      distinct[dimensionSlot][slot] = set;
    }
    set.add(id);
  }

  /** Returns the number of distinct ids recorded for {@code slot}. */
  long distinctCount(int dimensionSlot, int slot) {
    IntOpenHashSet set = distinct[dimensionSlot][slot];
    return set == null ? 0 : set.size();
  }

  /** Returns the compensated sum of {@code slot}. */
  double total(int slot) {
    return sum[slot] + compensation[slot];
  }

  /** Returns the population standard deviation of {@code slot}. */
  double deviation(int slot) {
    return Math.sqrt(Math.max(0.0, m2[slot] / count[slot]));
  }
}
