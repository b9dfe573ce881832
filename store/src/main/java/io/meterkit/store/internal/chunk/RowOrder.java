package io.meterkit.store.internal.chunk;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

/**
 * Sorts rows given in arrival order into {@code (series, timestamp, arrival)} order, the order of a
 * {@link Chunk}.
 *
 * <p>A stable counting sort on the series id (one pass to count, one to place) leaves each series'
 * rows in arrival order, which is already timestamp order unless some arrived late; only those
 * series are sorted again, stably, by timestamp. The timestamps are gathered into sorted order
 * once, and the late rows are sorted on that copy, so sorting touches no row twice through the
 * order. Thread-safe: stateless.
 */
final class RowOrder {
  /** Runs up to this long are sorted by insertion; longer ones by merge sort. */
  private static final int INSERTION_SORT_ROWS = 256;

  private RowOrder() {}

  /**
   * Returns the row numbers of {@code rows} in {@code (series, timestamp, arrival)} order.
   *
   * @param seriesBound every series id in {@code rows} is below it
   * @param sortedTimestamps receives the timestamps in that order ({@code rows.size()} of them)
   */
  static int[] sorted(RowBuffer.View rows, int seriesBound, long[] sortedTimestamps) {
    int n = rows.size();
    int[] series = rows.series();
    int[] order = new int[n];
    if (seriesBound <= 4 * n + 1024) {
      int[] next = new int[seriesBound + 1];
      for (int row = 0; row < n; row++) {
        next[series[row] + 1]++;
      }
      for (int s = 0; s < seriesBound; s++) {
        next[s + 1] += next[s];
      }
      for (int row = 0; row < n; row++) {
        order[next[series[row]]++] = row;
      }
    } else {
      // Few rows of many series: a counting array would cost more than sorting (series, row) keys.
      long[] keys = new long[n];
      for (int row = 0; row < n; row++) {
        keys[row] = ((long) series[row] << 32) | row;
      }
      Arrays.sort(keys);
      for (int i = 0; i < n; i++) {
        order[i] = (int) keys[i];
      }
    }
    long[] timestamps = rows.timestamps();
    for (int i = 0; i < n; i++) {
      sortedTimestamps[i] = timestamps[order[i]];
    }
    sortLateRows(timestamps, series, order, sortedTimestamps);
    return order;
  }

  // Sorts, stably by timestamp, only the series whose rows arrived out of order: short runs (the
  // common case: a few late rows among a series' tens of rows) by insertion sort on the gathered
  // timestamps, which costs O(rows + displacements); long ones by a merge sort of a copy of just
  // that run.
  private static void sortLateRows(
      long[] timestamps, int[] series, int[] order, long[] sortedTimestamps) {
    int n = order.length;
    int groupStart = 0;
    int groupSeries = n == 0 ? 0 : series[order[0]];
    boolean sorted = true;
    for (int i = 1; i <= n; i++) {
      int rowSeries = i == n ? 0 : series[order[i]];
      if (i == n || rowSeries != groupSeries) {
        if (!sorted) {
          sortByTimestamp(timestamps, order, sortedTimestamps, groupStart, i);
        }
        groupStart = i;
        groupSeries = rowSeries;
        sorted = true;
      } else if (sortedTimestamps[i] < sortedTimestamps[i - 1]) {
        sorted = false;
      }
    }
  }

  private static void sortByTimestamp(
      long[] timestamps, int[] order, long[] sortedTimestamps, int from, int to) {
    if (to - from <= INSERTION_SORT_ROWS) {
      for (int i = from + 1; i < to; i++) {
        int row = order[i];
        long timestamp = sortedTimestamps[i];
        int j = i - 1;
        while (j >= from && sortedTimestamps[j] > timestamp) {
          order[j + 1] = order[j];
          sortedTimestamps[j + 1] = sortedTimestamps[j];
          j--;
        }
        order[j + 1] = row;
        sortedTimestamps[j + 1] = timestamp;
      }
      return;
    }
    int[] run = Arrays.copyOfRange(order, from, to);
    IntArrays.mergeSort(run, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
    System.arraycopy(run, 0, order, from, run.length);
    for (int i = from; i < to; i++) {
      sortedTimestamps[i] = timestamps[order[i]];
    }
  }
}
