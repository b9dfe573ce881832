package io.meterkit.store;

import java.util.Arrays;

/**
 * The growable, append-only row arrays of a meter's head: rows in arrival order, not yet sealed
 * into a {@link Chunk}.
 *
 * <p>Concurrency contract: one writer appends (under the store's write lock). Rows below a size
 * that was published are never written again, and growing allocates new arrays instead of touching
 * the old ones, so a reader holding the arrays and the size of a published {@link TableState} reads
 * immutable data.
 */
final class RowBuffer {
  long[] timestamps;
  double[] volumes;
  int[] series;
  int[] metadataIds;
  long[] recordedMillis;
  long[] arrivals; // the store-wide arrival number of each row (see MeterStore)
  String[] clientIds; // null until a row has a client message id
  int[] tieOrdinals; // null until a row has a non-zero tie ordinal
  int size;

  RowBuffer(int initialCapacity) {
    timestamps = new long[initialCapacity];
    volumes = new double[initialCapacity];
    series = new int[initialCapacity];
    metadataIds = new int[initialCapacity];
    recordedMillis = new long[initialCapacity];
    arrivals = new long[initialCapacity];
  }

  /** Appends one row, growing the arrays (by copying) when full; returns its row number. */
  int append(
      long timestampMillis,
      double volume,
      int seriesId,
      int metadataId,
      long recordedAtMillis,
      long arrival,
      String clientId,
      int tieOrdinal) {
    int row = size;
    if (row == timestamps.length) {
      // Growing fourfold keeps the copies of a filling head to a third of its rows.
      grow(Math.max(16, row * 4));
    }
    timestamps[row] = timestampMillis;
    volumes[row] = volume;
    series[row] = seriesId;
    metadataIds[row] = metadataId;
    recordedMillis[row] = recordedAtMillis;
    arrivals[row] = arrival;
    if (clientId != null) {
      if (clientIds == null) {
        clientIds = new String[timestamps.length];
      }
      clientIds[row] = clientId;
    }
    if (tieOrdinal != 0) {
      if (tieOrdinals == null) {
        tieOrdinals = new int[timestamps.length];
      }
      tieOrdinals[row] = tieOrdinal;
    }
    size = row + 1;
    return row;
  }

  private void grow(int capacity) {
    timestamps = Arrays.copyOf(timestamps, capacity);
    volumes = Arrays.copyOf(volumes, capacity);
    series = Arrays.copyOf(series, capacity);
    metadataIds = Arrays.copyOf(metadataIds, capacity);
    recordedMillis = Arrays.copyOf(recordedMillis, capacity);
    arrivals = Arrays.copyOf(arrivals, capacity);
    if (clientIds != null) {
      clientIds = Arrays.copyOf(clientIds, capacity);
    }
    if (tieOrdinals != null) {
      tieOrdinals = Arrays.copyOf(tieOrdinals, capacity);
    }
  }

  /** Returns an immutable view of the rows appended so far. */
  View view() {
    return new View(
        timestamps,
        volumes,
        series,
        metadataIds,
        recordedMillis,
        arrivals,
        clientIds,
        tieOrdinals,
        size);
  }

  /**
   * The rows {@code [0, size)} of a buffer at one moment; the arrays are shared and never written
   * below {@code size} again.
   */
  record View(
      long[] timestamps,
      double[] volumes,
      int[] series,
      int[] metadataIds,
      long[] recordedMillis,
      long[] arrivals,
      String[] clientIds,
      int[] tieOrdinals,
      int size) {

    static final View EMPTY = new RowBuffer(0).view();

    String clientId(int row) {
      return clientIds == null ? null : clientIds[row];
    }

    int tieOrdinal(int row) {
      return tieOrdinals == null ? 0 : tieOrdinals[row];
    }
  }
}
