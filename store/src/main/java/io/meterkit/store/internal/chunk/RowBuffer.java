package io.meterkit.store.internal.chunk;

import java.util.Arrays;

/**
 * The growable, append-only row arrays of a meter's head: rows in arrival order, not yet sealed
 * into a {@link Chunk}.
 *
 * <p>Concurrency contract: one writer appends (under the store's write lock). Rows below a size
 * that was published are never written again, and growing allocates new arrays instead of touching
 * the old ones, so a reader holding a {@link View} (the arrays and the size at one moment) reads
 * immutable data.
 */
public final class RowBuffer {
  private long[] timestamps;
  private double[] volumes;
  private int[] series;
  private int[] metadataIds;
  private long[] recordedMillis;
  private long[] arrivals; // the store-wide arrival number of each row
  private String[] clientIds; // null until a row has a client message id
  private int[] tieOrdinals; // null until a row has a non-zero tie ordinal
  private int size;
  private long minMillis = Long.MAX_VALUE;
  private long maxMillis = Long.MIN_VALUE;

  /** Creates an empty buffer with room for {@code initialCapacity} rows. */
  public RowBuffer(int initialCapacity) {
    timestamps = new long[initialCapacity];
    volumes = new double[initialCapacity];
    series = new int[initialCapacity];
    metadataIds = new int[initialCapacity];
    recordedMillis = new long[initialCapacity];
    arrivals = new long[initialCapacity];
  }

  /** Appends one row, growing the arrays (by copying) when full; returns its row number. */
  public int append(
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
    minMillis = Math.min(minMillis, timestampMillis);
    maxMillis = Math.max(maxMillis, timestampMillis);
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

  /** Returns the number of rows appended. */
  public int size() {
    return size;
  }

  /** Returns the timestamp of {@code row}, below {@link #size()}. */
  public long timestampMillis(int row) {
    return timestamps[row];
  }

  /** Returns the tie ordinal of {@code row}, below {@link #size()}. */
  public int tieOrdinal(int row) {
    return tieOrdinals == null ? 0 : tieOrdinals[row];
  }

  /** Returns an immutable view of the rows appended so far. */
  public View view() {
    return new View(this);
  }

  /**
   * The rows {@code [0, size)} of a buffer at one moment. It shares the buffer's arrays, which are
   * never written below {@code size} again, so it is immutable. Accessors take a row number below
   * {@link #size()}; they do not check it.
   */
  public static final class View {
    /** The view of no rows. */
    public static final View EMPTY = new RowBuffer(0).view();

    private final long[] timestamps;
    private final double[] volumes;
    private final int[] series;
    private final int[] metadataIds;
    private final long[] recordedMillis;
    private final long[] arrivals;
    private final String[] clientIds;
    private final int[] tieOrdinals;
    private final int size;
    private final long minMillis;
    private final long maxMillis;

    private View(RowBuffer rows) {
      this.timestamps = rows.timestamps;
      this.volumes = rows.volumes;
      this.series = rows.series;
      this.metadataIds = rows.metadataIds;
      this.recordedMillis = rows.recordedMillis;
      this.arrivals = rows.arrivals;
      this.clientIds = rows.clientIds;
      this.tieOrdinals = rows.tieOrdinals;
      this.size = rows.size;
      this.minMillis = rows.minMillis;
      this.maxMillis = rows.maxMillis;
    }

    /** Returns the number of rows. */
    public int size() {
      return size;
    }

    /** Returns the smallest timestamp, or {@code Long.MAX_VALUE} when there is no row. */
    public long minMillis() {
      return minMillis;
    }

    /** Returns the largest timestamp, or {@code Long.MIN_VALUE} when there is no row. */
    public long maxMillis() {
      return maxMillis;
    }

    /** Returns the timestamp of {@code row}, epoch milliseconds. */
    public long timestampMillis(int row) {
      return timestamps[row];
    }

    /** Returns the volume of {@code row}. */
    public double volume(int row) {
      return volumes[row];
    }

    /** Returns the series id of {@code row}. */
    public int seriesId(int row) {
      return series[row];
    }

    /** Returns the metadata id of {@code row}. */
    public int metadataId(int row) {
      return metadataIds[row];
    }

    /** Returns when {@code row} was recorded, epoch milliseconds. */
    public long recordedAtMillis(int row) {
      return recordedMillis[row];
    }

    /** Returns the store-wide arrival number of {@code row}. */
    public long arrival(int row) {
      return arrivals[row];
    }

    /** Returns whether some row has a client message id. */
    public boolean hasClientIds() {
      return clientIds != null;
    }

    /** Returns the client message id of {@code row}, or null when the store assigns it. */
    public String clientId(int row) {
      return clientIds == null ? null : clientIds[row];
    }

    /** Returns whether some row has a tie ordinal other than 0. */
    public boolean hasTieOrdinals() {
      return tieOrdinals != null;
    }

    /** Returns the tie ordinal of {@code row}. */
    public int tieOrdinal(int row) {
      return tieOrdinals == null ? 0 : tieOrdinals[row];
    }

    // The encoder reads whole columns.
    long[] timestamps() {
      return timestamps;
    }

    double[] volumes() {
      return volumes;
    }

    int[] series() {
      return series;
    }

    int[] metadataIds() {
      return metadataIds;
    }

    long[] recordedMillis() {
      return recordedMillis;
    }

    long[] arrivals() {
      return arrivals;
    }

    int[] tieOrdinals() {
      return tieOrdinals;
    }
  }
}
