package io.meterkit.query;

import io.meterkit.core.Summation;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Arrays;

/**
 * The per-slot running aggregates of a statistics execution, kept for the result rows to read.
 *
 * <p>Layout: {@value #STRIDE} {@code long} cells per slot, {@code [count, sum, comp, min, max,
 * first, last]} (doubles stored as their raw bits), so a fold touches one or two cache lines per
 * slot instead of one line in each of seven parallel arrays; with tens of thousands of slots, the
 * parallel layout missed the cache for almost every block. The cells live in pages of {@value
 * #PAGE_SLOTS} slots allocated as slots are first used and never copied (only the first page grows
 * from as many slots as the execution may use, at least {@value #FIRST_PAGE_SLOTS}): a result of n
 * rows costs about {@code 56 * n} bytes here, where one doubling array allocated twice that. Rarely
 * used aggregates (stddev, cardinality) keep parallel arrays of their own.
 *
 * <p>Each slot's state is a mergeable partial: counts and extremes merge by addition, min and max;
 * the compensated sum by adding both parts; (count, mean, m2) by Chan's formula ({@link
 * #foldDeviation} is that merge); distinct ids by set union.
 *
 * <p>Every fold keeps the invariants: {@code count} rows; {@code sum + compensation} is their
 * compensated sum (see {@link Summation}); {@code min}/{@code max} their extreme volumes; {@code
 * first}/{@code last} their extreme timestamps; and, when stddev is requested, {@code mean}/{@code
 * m2} their mean and sum of squared deviations, merged with Chan's parallel formula. Not
 * thread-safe: one per query execution.
 */
final class Accumulators {
  private static final int STRIDE = 7;
  private static final int PAGE_BITS = 8;
  private static final int PAGE_SLOTS = 1 << PAGE_BITS;
  private static final int PAGE_MASK = PAGE_SLOTS - 1;
  private static final int FIRST_PAGE_SLOTS = 8;
  private static final int COUNT = 0;
  private static final int SUM = 1;
  private static final int COMPENSATION = 2;
  private static final int MIN = 3;
  private static final int MAX = 4;
  private static final int FIRST = 5;
  private static final int LAST = 6;

  private long[][] pages = new long[4][];
  private int capacity; // slots in allocated pages
  private final int firstPageSlots;
  double[] mean; // only with stddev
  double[] m2; // only with stddev
  IntOpenHashSet[][] distinct; // [dimension slot][slot], only with cardinality
  private int sideCapacity = 16; // slots of mean, m2 and distinct

  /**
   * Creates the accumulators of an execution that uses at most {@code slotBound} slots (an upper
   * bound that sizes the first page).
   */
  Accumulators(boolean withDeviation, int distinctDimensions, long slotBound) {
    firstPageSlots = (int) Math.min(PAGE_SLOTS, Math.max(FIRST_PAGE_SLOTS, slotBound));
    if (withDeviation) {
      mean = new double[sideCapacity];
      m2 = new double[sideCapacity];
    }
    if (distinctDimensions > 0) {
      distinct = new IntOpenHashSet[distinctDimensions][sideCapacity];
    }
  }

  /** Makes room for {@code slot}; a slot never used holds no rows. */
  void ensure(int slot) {
    while (slot >= capacity) {
      addPage();
    }
    if (slot >= sideCapacity && (mean != null || distinct != null)) {
      sideCapacity = Math.max(slot + 1, sideCapacity * 2);
      if (mean != null) {
        mean = Arrays.copyOf(mean, sideCapacity);
        m2 = Arrays.copyOf(m2, sideCapacity);
      }
      if (distinct != null) {
        for (int d = 0; d < distinct.length; d++) {
          distinct[d] = Arrays.copyOf(distinct[d], sideCapacity);
        }
      }
    }
  }

  // The first page starts small and doubles up to a full page, so a query of a few rows allocates
  // a few hundred bytes here; later pages are full-sized and never copied.
  private void addPage() {
    if (capacity < PAGE_SLOTS) {
      int grown = capacity == 0 ? firstPageSlots : Math.min(PAGE_SLOTS, capacity * 2);
      long[] first = new long[grown * STRIDE];
      if (capacity > 0) {
        System.arraycopy(pages[0], 0, first, 0, capacity * STRIDE);
      }
      initialise(first, capacity * STRIDE);
      pages[0] = first;
      capacity = grown;
      return;
    }
    int page = capacity >>> PAGE_BITS;
    if (page == pages.length) {
      pages = Arrays.copyOf(pages, page * 2);
    }
    long[] cells = new long[PAGE_SLOTS * STRIDE];
    initialise(cells, 0);
    pages[page] = cells;
    capacity += PAGE_SLOTS;
  }

  private static void initialise(long[] cells, int from) {
    for (int base = from; base < cells.length; base += STRIDE) {
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
    long[] cells = pages[slot >>> PAGE_BITS];
    int base = (slot & PAGE_MASK) * STRIDE;
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
    long[] cells = pages[slot >>> PAGE_BITS];
    int base = (slot & PAGE_MASK) * STRIDE;
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
    return cell(slot, COUNT);
  }

  double min(int slot) {
    return value(cell(slot, MIN));
  }

  double max(int slot) {
    return value(cell(slot, MAX));
  }

  long first(int slot) {
    return cell(slot, FIRST);
  }

  long last(int slot) {
    return cell(slot, LAST);
  }

  private long cell(int slot, int cell) {
    return pages[slot >>> PAGE_BITS][(slot & PAGE_MASK) * STRIDE + cell];
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
    return value(cell(slot, SUM)) + value(cell(slot, COMPENSATION));
  }

  /** Returns the population standard deviation of {@code slot}. */
  double deviation(int slot) {
    return Math.sqrt(Math.max(0.0, m2[slot] / count(slot)));
  }
}
