package io.meterkit.store.spi;

import io.meterkit.store.StoredSample;

/**
 * A block of rows of one series inside one chunk, handed to a {@link SeriesBlockVisitor} during
 * {@link MeterSnapshot#scan}: the unit the query kernels work on.
 *
 * <p>A block holds at most {@link #MAX_ROWS} rows, all of the same series (the same resource,
 * project, user and source), sorted by timestamp and, at equal timestamps, by arrival. It offers
 * its summary (row count, first and last timestamp, compensated volume sum, min, max) without
 * decoding, so a kernel can fold a block that lies wholly inside its range and bucket in O(1), and
 * decodes its columns into caller-provided arrays otherwise.
 *
 * <p>Instances are flyweights: the object is reused for the next block, so it is valid only during
 * the {@code visit} call that received it. Not thread-safe.
 */
public interface SeriesBlock {
  /**
   * The most rows a block holds: a caller that decodes blocks into its own arrays needs arrays of
   * this length. Smaller blocks would let scans skip more precisely but cost more summaries.
   */
  int MAX_ROWS = 128;

  /**
   * Returns the series of every row of this block.
   *
   * @return the series id, an index into {@link MeterSnapshot}'s series columns
   */
  int seriesId();

  /**
   * Returns the number of rows.
   *
   * @return 1..{@link #MAX_ROWS}
   */
  int rowCount();

  /**
   * Returns the timestamp of the first (earliest) row.
   *
   * @return epoch milliseconds UTC
   */
  long firstTimestampMillis();

  /**
   * Returns the timestamp of the last (latest) row.
   *
   * @return epoch milliseconds UTC
   */
  long lastTimestampMillis();

  /**
   * Returns the rounded part of the compensated sum of the volumes; the exact-as-possible sum is
   * {@code volumeSum() + volumeSumCompensation()} (see {@link io.meterkit.core.Summation}).
   *
   * @return the running floating-point sum of every row's volume
   */
  double volumeSum();

  /**
   * Returns the compensation of {@link #volumeSum()}.
   *
   * @return the low-order part the running sum lost
   */
  double volumeSumCompensation();

  /**
   * Returns the smallest volume.
   *
   * @return the minimum over every row
   */
  double volumeMin();

  /**
   * Returns the largest volume.
   *
   * @return the maximum over every row
   */
  double volumeMax();

  /**
   * Returns the metadata id every row shares, if they do.
   *
   * @return the shared metadata id, or -1 when rows differ
   */
  int constantMetadataId();

  /**
   * Returns an instant no row of this block was recorded after (an upper bound of its rows'
   * recorded-at times, possibly that of the whole chunk): a scan that counts only the rows recorded
   * up to some instant can fold the block from its summary when this is not later than that
   * instant.
   *
   * @return epoch milliseconds UTC, second precision, at least every row's recorded-at time
   */
  long latestRecordedAtMillis();

  /**
   * Decodes when each row was recorded by the store, in row order (the same values as {@link
   * StoredSample#recordedAtMillis()}).
   *
   * @param target receives {@link #rowCount()} values from {@code offset}
   * @param offset first index written
   */
  void readRecordedAtMillis(long[] target, int offset);

  /**
   * Decodes the timestamps, in row order (non-decreasing).
   *
   * @param target receives {@link #rowCount()} values from {@code offset}
   * @param offset first index written
   */
  void readTimestamps(long[] target, int offset);

  /**
   * Copies the volumes, in row order.
   *
   * @param target receives {@link #rowCount()} values from {@code offset}
   * @param offset first index written
   */
  void readVolumes(double[] target, int offset);

  /**
   * Decodes the metadata ids, in row order (see {@link StoreSnapshot#metadata(int)}).
   *
   * @param target receives {@link #rowCount()} values from {@code offset}
   * @param offset first index written
   */
  void readMetadataIds(int[] target, int offset);

  /**
   * Materialises one row as a stored sample, with its message id and recorded-at time. Allocates;
   * meant for listings, not for aggregation.
   *
   * @param row 0..{@code rowCount() - 1}
   * @return the row as a sample
   */
  StoredSample sample(int row);
}
