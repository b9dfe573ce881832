package io.meterkit.store.internal.ingest;

import java.util.Arrays;

/**
 * A hash table from (series id, timestamp in milliseconds) to an {@code int}, with primitive keys
 * and values in parallel arrays (open addressing, linear probing, at most half full): no object per
 * entry. The writer keeps the largest tie ordinal per key in it, and, for a head that needs it, the
 * keys its rows hold.
 *
 * <p>Concurrency contract: not thread-safe; used by one writer under the store's write lock.
 */
final class SeriesMillisTable {
  /** What {@link #get} returns for a key the table does not hold. */
  static final int ABSENT = -1;

  private static final int INITIAL_CAPACITY = 16;

  private long[] millis;
  private int[] series; // series id + 1 per slot; 0 marks an empty slot
  private int[] values;
  private int mask;
  private int size;

  SeriesMillisTable() {
    allocate(INITIAL_CAPACITY);
  }

  /** Returns the value of the key, or {@link #ABSENT}. */
  int get(int seriesId, long timestampMillis) {
    int slot = hash(seriesId, timestampMillis) & mask;
    while (true) {
      int s = series[slot];
      if (s == 0) {
        return ABSENT;
      }
      if (s == seriesId + 1 && millis[slot] == timestampMillis) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Sets the value of the key to {@code value} when it holds none or a smaller one. */
  void raise(int seriesId, long timestampMillis, int value) {
    int slot = hash(seriesId, timestampMillis) & mask;
    while (true) {
      int s = series[slot];
      if (s == 0) {
        break;
      }
      if (s == seriesId + 1 && millis[slot] == timestampMillis) {
        values[slot] = Math.max(values[slot], value);
        return;
      }
      slot = (slot + 1) & mask;
    }
    series[slot] = seriesId + 1;
    millis[slot] = timestampMillis;
    values[slot] = value;
    if (++size * 2 > series.length) {
      rehash();
    }
  }

  /** Returns the number of keys held. */
  int size() {
    return size;
  }

  /** Removes every key, and gives back the memory of a table that grew. */
  void clear() {
    if (series.length > INITIAL_CAPACITY) {
      allocate(INITIAL_CAPACITY);
    } else {
      Arrays.fill(series, 0);
    }
    size = 0;
  }

  private void allocate(int capacity) {
    millis = new long[capacity];
    series = new int[capacity];
    values = new int[capacity];
    mask = capacity - 1;
  }

  private void rehash() {
    long[] oldMillis = millis;
    int[] oldSeries = series;
    int[] oldValues = values;
    allocate(oldSeries.length * 2);
    for (int i = 0; i < oldSeries.length; i++) {
      if (oldSeries[i] != 0) {
        int slot = hash(oldSeries[i] - 1, oldMillis[i]) & mask;
        while (series[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        series[slot] = oldSeries[i];
        millis[slot] = oldMillis[i];
        values[slot] = oldValues[i];
      }
    }
  }

  private static int hash(int seriesId, long timestampMillis) {
    long h = (timestampMillis ^ ((long) seriesId << 40) ^ seriesId) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29) ^ (h >>> 47));
  }
}
