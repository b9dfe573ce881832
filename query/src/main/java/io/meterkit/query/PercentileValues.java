package io.meterkit.query;

import java.util.Arrays;

/**
 * The volumes of every row of a statistics execution that asks for percentiles, in one primitive
 * buffer tagged by slot, and the exact nearest-rank selection over them.
 *
 * <p>Volumes are appended run by run during the scan (no per-slot objects, no boxing). {@link
 * #select} then groups them by slot with a counting sort into one array, where each slot's values
 * form one segment (its exact value list, the mergeable partial of a percentile), and picks every
 * requested rank by quickselect on the segment. Not thread-safe: one per execution.
 */
final class PercentileValues {
  private double[] values = new double[64];
  private int[] slots = new int[64];
  private int size;

  /** Adds {@code volumes[from..to)} to {@code slot}. */
  void add(int slot, double[] volumes, int from, int to) {
    int rows = to - from;
    if (size + rows > values.length) {
      int grown = Math.max(size + rows, values.length * 2);
      values = Arrays.copyOf(values, grown);
      slots = Arrays.copyOf(slots, grown);
    }
    System.arraycopy(volumes, from, values, size, rows);
    Arrays.fill(slots, size, size + rows, slot);
    size += rows;
  }

  /**
   * Returns, at {@code slot * percentiles.length + p}, the nearest-rank percentile {@code p} of the
   * volumes of {@code slot}, or NaN for a slot without volumes.
   *
   * @param slotCount slots are {@code 0..slotCount - 1}
   */
  double[] select(int slotCount, Percentile[] percentiles) {
    int[] start = new int[slotCount + 1];
    for (int i = 0; i < size; i++) {
      start[slots[i] + 1]++;
    }
    for (int slot = 0; slot < slotCount; slot++) {
      start[slot + 1] += start[slot];
    }
    double[] grouped = new double[size];
    int[] next = Arrays.copyOf(start, slotCount);
    for (int i = 0; i < size; i++) {
      grouped[next[slots[i]]++] = values[i];
    }
    double[] selected = new double[slotCount * percentiles.length];
    for (int slot = 0; slot < slotCount; slot++) {
      int count = start[slot + 1] - start[slot];
      for (int p = 0; p < percentiles.length; p++) {
        selected[slot * percentiles.length + p] =
            count == 0
                ? Double.NaN
                : select(
                    grouped, start[slot], start[slot + 1], (int) percentiles[p].rank(count) - 1);
      }
    }
    return selected;
  }

  /**
   * Returns the value of rank {@code k} (0-based) among {@code values[from..to)}, reordering them
   * (Hoare's quickselect with a median-of-three pivot). Volumes are finite and never -0.0, so
   * {@code <} orders them totally.
   */
  static double select(double[] values, int from, int to, int k) {
    int low = from;
    int high = to - 1;
    int target = from + k;
    while (low < high) {
      double pivot = medianOfThree(values[low], values[(low + high) >>> 1], values[high]);
      int i = low;
      int j = high;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (values[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double swap = values[i];
          values[i] = values[j];
          values[j] = swap;
          i++;
          j--;
        }
      }
      // Now values[low..j] <= pivot <= values[i..high], and values strictly between j and i equal
      // the pivot.
      if (target <= j) {
        high = j;
      } else if (target >= i) {
        low = i;
      } else {
        return values[target];
      }
    }
    return values[target];
  }

  private static double medianOfThree(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
