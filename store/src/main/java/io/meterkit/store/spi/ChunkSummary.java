package io.meterkit.store.spi;

/**
 * The summary of one chunk that lies wholly inside a scan's range, offered to {@link
 * SeriesBlockVisitor#visitChunk} before its blocks: a kernel may fold the chunk, or some of its
 * series, from this summary in O(1) per series, and skip its blocks.
 *
 * <p>A chunk holds rows of several series. The summary gives the totals over every row of the chunk
 * (count, first and last timestamp, compensated volume sum, min, max, the metadata id every row
 * shares) and the same facts per series, by the series' <em>position</em> in the chunk ({@code
 * 0..seriesCount() - 1}, series ids ascending). The totals cover every series of the chunk,
 * selected or not: they describe the scan's rows only when {@link #allSelected()}. Every row of the
 * chunk lies inside the scan's range.
 *
 * <p>Instances are flyweights, valid only during the {@code visitChunk} call that received them.
 * Not thread-safe.
 */
public interface ChunkSummary {
  /**
   * Returns the number of rows of the chunk.
   *
   * @return at least 1
   */
  int rowCount();

  /**
   * Returns the earliest timestamp of the chunk.
   *
   * @return epoch milliseconds UTC, inside the scan's range
   */
  long firstTimestampMillis();

  /**
   * Returns the latest timestamp of the chunk.
   *
   * @return epoch milliseconds UTC, inside the scan's range
   */
  long lastTimestampMillis();

  /**
   * Returns the rounded part of the compensated sum of every row's volume; the sum is {@code
   * volumeSum() + volumeSumCompensation()} (see {@link io.meterkit.core.Summation}).
   *
   * @return the running sum
   */
  double volumeSum();

  /**
   * Returns the compensation of {@link #volumeSum()}.
   *
   * @return the low-order part the running sum lost
   */
  double volumeSumCompensation();

  /**
   * Returns the smallest volume of the chunk.
   *
   * @return the minimum over every row
   */
  double volumeMin();

  /**
   * Returns the largest volume of the chunk.
   *
   * @return the maximum over every row
   */
  double volumeMax();

  /**
   * Returns the metadata id every row of the chunk shares, if they do.
   *
   * @return the shared metadata id, or -1 when rows differ
   */
  int constantMetadataId();

  /**
   * Returns whether the scan selected every series of the chunk, so that the totals describe the
   * scan's rows.
   *
   * @return true for a scan of every series, or of a selection holding each of the chunk's series
   */
  boolean allSelected();

  /**
   * Returns the number of distinct series in the chunk.
   *
   * @return at least 1
   */
  int seriesCount();

  /**
   * Returns the series id at a position.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return the id; ids increase with the position
   */
  int seriesId(int index);

  /**
   * Returns the position of a series in the chunk.
   *
   * @param seriesId a series id
   * @return its position, or -1 when the chunk holds no row of it
   */
  int indexOf(int seriesId);

  /**
   * Returns whether the scan selected the series at a position.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return true when its rows are part of the scan
   */
  boolean isSelected(int index);

  /**
   * Returns the number of rows of the series at a position.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return at least 1
   */
  int seriesRowCount(int index);

  /**
   * Returns the earliest timestamp of the series at a position.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return epoch milliseconds UTC
   */
  long seriesFirstTimestampMillis(int index);

  /**
   * Returns the latest timestamp of the series at a position.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return epoch milliseconds UTC
   */
  long seriesLastTimestampMillis(int index);

  /**
   * Returns the rounded part of the compensated volume sum of the series at a position.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return the running sum of its rows
   */
  double seriesVolumeSum(int index);

  /**
   * Returns the compensation of {@link #seriesVolumeSum}.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return the low-order part the running sum lost
   */
  double seriesVolumeSumCompensation(int index);

  /**
   * Returns the smallest volume of the series at a position.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return the minimum over its rows
   */
  double seriesVolumeMin(int index);

  /**
   * Returns the largest volume of the series at a position.
   *
   * @param index 0..{@code seriesCount() - 1}
   * @return the maximum over its rows
   */
  double seriesVolumeMax(int index);
}
