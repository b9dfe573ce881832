package io.meterkit.query;

import io.meterkit.core.Summation;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Arrays;

/**
 * The per-slot running aggregates of a statistics execution.
 *
 * <p>Layout: one {@code long[]} holds {@value #STRIDE} cells per slot, {@code [count, sum, comp,
 * min, max, first, last, unused]} (doubles stored as their raw bits), so a fold touches one or two
 * cache lines per slot instead of one line in each of seven parallel arrays; with tens of thousands
 * of slots, the parallel layout missed the cache for almost every block. Rarely used aggregates
 * (stddev, cardinality) keep parallel arrays of their own.
 *
 * <p>Every fold keeps the invariants: {@code count} rows; {@code sum + compensation} is their
 * compensated sum (see {@link Summation}); {@code min}/{@code max} their extreme volumes; {@code
 * first}/{@code last} their extreme timestamps; and, when stddev is requested, {@code mean}/{@code
 * m2} their mean and sum of squared deviations, merged with Chan's parallel formula. Not
 * thread-safe: one per query execution.
 */
final class Accumulators {
  private static final int STRIDE = 8;
  private static final int COUNT = 0;
  private static final int SUM = 1;
  private static final int COMPENSATION = 2;
  private static final int MIN = 3;
  private static final int MAX = 4;
  private static final int FIRST = 5;
  private static final int LAST = 6;

  private long[] cells = new long[16 * STRIDE];
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
      cells = Arrays.copyOf(cells, grown * STRIDE);
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
    int base = slot * STRIDE;
    if (cells[base + COUNT] == 0) {
      cells[base + SUM] = bits(0.0);
      cells[base + COMPENSATION] = bits(0.0);
      cells[base + MIN] = bits(Double.POSITIVE_INFINITY);
      cells[base + MAX] = bits(Double.NEGATIVE_INFINITY);
      cells[base + FIRST] = Long.MAX_VALUE;
      cells[base + LAST] = Long.MIN_VALUE;
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
    int base = slot * STRIDE;
    cells[base + COUNT] += rows;
    double running = value(cells[base + SUM]);
    double next = running + blockSum;
    cells[base + COMPENSATION] =
        bits(
            value(cells[base + COMPENSATION])
                + Summation.error(running, blockSum, next)
                + blockCompensation);
    cells[base + SUM] = bits(next);
    cells[base + MIN] = bits(Math.min(value(cells[base + MIN]), blockMin));
    cells[base + MAX] = bits(Math.max(value(cells[base + MAX]), blockMax));
    cells[base + FIRST] = Math.min(cells[base + FIRST], firstMillis);
    cells[base + LAST] = Math.max(cells[base + LAST], lastMillis);
  }

  /**
   * Folds rows {@code [from, to)} of decoded columns into {@code slot}; the timestamps are sorted.
   */
  void foldRows(int slot, long[] timestamps, double[] volumes, int from, int to) {
    if (mean != null) {
      foldDeviation(slot, volumes, from, to);
    }
    int base = slot * STRIDE;
    double running = value(cells[base + SUM]);
    double error = value(cells[base + COMPENSATION]);
    double low = value(cells[base + MIN]);
    double high = value(cells[base + MAX]);
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
    cells[base + COUNT] += to - from;
    cells[base + SUM] = bits(running);
    cells[base + COMPENSATION] = bits(error);
    cells[base + MIN] = bits(low);
    cells[base + MAX] = bits(high);
    cells[base + FIRST] = Math.min(cells[base + FIRST], timestamps[from]);
    cells[base + LAST] = Math.max(cells[base + LAST], timestamps[to - 1]);
  }

  long count(int slot) {
    return cells[slot * STRIDE + COUNT];
  }

  double min(int slot) {
    return value(cells[slot * STRIDE + MIN]);
  }

  double max(int slot) {
    return value(cells[slot * STRIDE + MAX]);
  }

  long first(int slot) {
    return cells[slot * STRIDE + FIRST];
  }

  long last(int slot) {
    return cells[slot * STRIDE + LAST];
  }

  private static long bits(double value) {
    return Double.doubleToRawLongBits(value);
  }

  private static double value(long bits) {
    return Double.longBitsToDouble(bits);
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
    long before = count(slot);
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
    int base = slot * STRIDE;
    return value(cells[base + SUM]) + value(cells[base + COMPENSATION]);
  }

  /** Returns the population standard deviation of {@code slot}. */
  double deviation(int slot) {
    return Math.sqrt(Math.max(0.0, m2[slot] / count(slot)));
  }
}
