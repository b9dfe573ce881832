package io.meterkit.store.internal.chunk;

import io.meterkit.store.spi.SeriesBlock;

/**
 * An immutable, encoded run of rows of one meter: the unit of storage and of scanning.
 *
 * <h2>Layout</h2>
 *
 * <p>Rows are ordered by series, then by timestamp, then by arrival (a stable sort), and cut into
 * <em>blocks</em>: runs of at most {@link SeriesBlock#MAX_ROWS} consecutive rows of one series.
 * Each part of a chunk is one column or one index:
 *
 * <ul>
 *   <li>{@link BlockIndex}: per block, its series, first row, time span and volume summary.
 *   <li>{@link TimestampColumn}: delta-encoded timestamps, bit-packed per block.
 *   <li>Volumes: a plain {@code double[]} in row order.
 *   <li>{@link MetadataColumn}: metadata ids, bit-packed per block.
 *   <li>{@link RecordedColumn}: recorded-at seconds, bit-packed with one width.
 *   <li>Client message ids: a {@code String[]} only when some row has one; {@link TieOrdinals} only
 *       when some row shares its series and millisecond with an earlier one.
 * </ul>
 *
 * <p>Beside the parts, a {@link SeriesSummaries} derived from the block index: the chunk's totals
 * (count, compensated volume sum, min, max) and the same per series, so that a scan can fold a
 * chunk that lies wholly inside its range, or one series of it, without visiting its blocks.
 *
 * <p>{@link ChunkEncoder} makes chunks from rows; {@link ChunkCodec} writes them to files and reads
 * them back. Block and row numbers passed to the accessors must be in range: they are not checked.
 *
 * <p>Immutable, hence thread-safe once safely published.
 */
public final class Chunk {
  final long minMillis;
  final long maxMillis;
  final BlockIndex blocks;
  final TimestampColumn timestamps;
  final double[] volumes;
  final MetadataColumn metadata;
  final RecordedColumn recorded;
  final long latestRecordedAtMillis; // the greatest recorded-at of any row
  final String[] clientIds; // null when no row has a client id
  final TieOrdinals ties; // null when every row has tie ordinal 0
  final SeriesSummaries summary;

  Chunk(
      long minMillis,
      long maxMillis,
      BlockIndex blocks,
      TimestampColumn timestamps,
      double[] volumes,
      MetadataColumn metadata,
      RecordedColumn recorded,
      String[] clientIds,
      TieOrdinals ties) {
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.blocks = blocks;
    this.timestamps = timestamps;
    this.volumes = volumes;
    this.metadata = metadata;
    this.recorded = recorded;
    this.latestRecordedAtMillis = recorded.latestMillis(volumes.length);
    this.clientIds = clientIds;
    this.ties = ties;
    this.summary = SeriesSummaries.of(blocks, metadata);
  }

  /** Returns the number of rows. */
  public int rowCount() {
    return volumes.length;
  }

  /** Returns the smallest timestamp, epoch milliseconds. */
  public long minMillis() {
    return minMillis;
  }

  /** Returns the largest timestamp, epoch milliseconds. */
  public long maxMillis() {
    return maxMillis;
  }

  /** Returns the number of blocks. */
  public int blockCount() {
    return blocks.count();
  }

  /** Returns the series of every row of {@code block}. */
  public int blockSeries(int block) {
    return blocks.series[block];
  }

  /** Returns the row number of the first row of {@code block}. */
  public int blockRowStart(int block) {
    return blocks.rowStart[block];
  }

  /** Returns the number of rows of {@code block}, 1 to {@link SeriesBlock#MAX_ROWS}. */
  public int blockRows(int block) {
    return blocks.rows(block);
  }

  /** Returns the first (earliest) timestamp of {@code block}. */
  public long blockFirstMillis(int block) {
    return blocks.firstMillis[block];
  }

  /** Returns the last (latest) timestamp of {@code block}. */
  public long blockLastMillis(int block) {
    return blocks.lastMillis[block];
  }

  /** Returns the store-wide arrival number of the last (latest) row of {@code block}. */
  public long blockLastArrival(int block) {
    return blocks.lastArrival[block];
  }

  /** Returns the rounded part of the compensated volume sum of {@code block}. */
  public double blockSum(int block) {
    return blocks.sum[block];
  }

  /** Returns the compensation of {@link #blockSum}. */
  public double blockSumCompensation(int block) {
    return blocks.sumCompensation[block];
  }

  /** Returns the smallest volume of {@code block}. */
  public double blockMin(int block) {
    return blocks.min[block];
  }

  /** Returns the largest volume of {@code block}. */
  public double blockMax(int block) {
    return blocks.max[block];
  }

  /** Returns the chunk's totals and per-series summaries. */
  public SeriesSummaries summary() {
    return summary;
  }

  /**
   * Returns the first block whose series is {@code >= seriesId} (lower bound), or {@link
   * #blockCount} when there is none.
   */
  public int lowerBoundBlock(int seriesId) {
    return blocks.lowerBound(seriesId);
  }

  /** Decodes the timestamps of {@code block} into {@code target[offset...]}. */
  public void readTimestamps(int block, long[] target, int offset) {
    timestamps.read(block, blocks.rows(block), blocks.firstMillis[block], target, offset);
  }

  /** Copies the volumes of {@code block} into {@code target[offset...]}. */
  public void readVolumes(int block, double[] target, int offset) {
    int start = blocks.rowStart[block];
    System.arraycopy(volumes, start, target, offset, blocks.rowStart[block + 1] - start);
  }

  /** Decodes the metadata ids of {@code block} into {@code target[offset...]}. */
  public void readMetadataIds(int block, int[] target, int offset) {
    metadata.read(block, blocks.rows(block), target, offset);
  }

  /** Returns the metadata id shared by every row of {@code block}, or -1 when they differ. */
  public int constantMetadataId(int block) {
    return metadata.constant(block);
  }

  /** Returns the volume of {@code row}. */
  public double volume(int row) {
    return volumes[row];
  }

  /** Returns the latest recorded-at time of any row, in epoch milliseconds (second precision). */
  public long latestRecordedAtMillis() {
    return latestRecordedAtMillis;
  }

  /** Decodes the recorded-at times of {@code block} into {@code target[offset...]}. */
  public void readRecordedAtMillis(int block, long[] target, int offset) {
    int start = blocks.rowStart[block];
    int rows = blocks.rows(block);
    for (int i = 0; i < rows; i++) {
      target[offset + i] = recorded.millis(start + i);
    }
  }

  /** Returns when {@code row} was recorded, in epoch milliseconds (second precision). */
  public long recordedAtMillis(int row) {
    return recorded.millis(row);
  }

  /** Returns whether some row has a client message id. */
  public boolean hasClientIds() {
    return clientIds != null;
  }

  /** Returns the client message id of {@code row}, or null when the store assigned it. */
  public String clientId(int row) {
    return clientIds == null ? null : clientIds[row];
  }

  /** Returns the tie ordinal of {@code row}: 0 unless an earlier row has its series and time. */
  public int tieOrdinal(int row) {
    return ties == null ? 0 : ties.of(row);
  }

  /**
   * Returns whether some row of {@code seriesId} has exactly {@code timestampMillis}.
   *
   * @param scratch room for {@link SeriesBlock#MAX_ROWS} timestamps
   */
  public boolean holds(int seriesId, long timestampMillis, long[] scratch) {
    if (timestampMillis < minMillis || timestampMillis > maxMillis) {
      return false;
    }
    // The series' blocks are in time order: binary search for the first that reaches the time.
    int low = blocks.lowerBound(seriesId);
    int high = blocks.lowerBound(seriesId + 1);
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (blocks.lastMillis[middle] < timestampMillis) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    // Rows at one millisecond may continue into the next blocks.
    for (int block = low;
        block < blocks.count()
            && blocks.series[block] == seriesId
            && blocks.firstMillis[block] <= timestampMillis;
        block++) {
      readTimestamps(block, scratch, 0);
      int rows = blocks.rows(block);
      for (int i = 0; i < rows; i++) {
        if (scratch[i] == timestampMillis) {
          return true;
        }
      }
    }
    return false;
  }

  /** Receives the rows that have a tie ordinal other than 0. */
  @FunctionalInterface
  public interface TieConsumer {
    /** Receives one row's series, timestamp and tie ordinal. */
    void accept(int seriesId, long timestampMillis, int tieOrdinal);
  }

  /** Hands every row whose tie ordinal is not 0 to {@code consumer}, in row order. */
  public void forEachTie(TieConsumer consumer) {
    if (ties == null) {
      return;
    }
    long[] timestamps = new long[SeriesBlock.MAX_ROWS];
    int block = -1; // rowStart[0] is 0: the first tie row moves it onto a block
    for (int t = 0; t < ties.rows.length; t++) {
      int row = ties.rows[t];
      if (row >= blocks.rowStart[block + 1]) {
        while (row >= blocks.rowStart[block + 1]) {
          block++;
        }
        readTimestamps(block, timestamps, 0);
      }
      consumer.accept(
          blocks.series[block], timestamps[row - blocks.rowStart[block]], ties.ordinals[t]);
    }
  }
}
