package io.meterkit.query;

import io.meterkit.store.spi.SeriesBlock;

/**
 * Scratch columns a kernel decodes one block into, keeping only the rows the store recorded at or
 * before an as-of instant.
 *
 * <p>Without an as-of instant ({@link Long#MAX_VALUE}), or when the block's latest recorded-at time
 * is not after it, every row is kept and the columns are the block's as decoded. Otherwise the kept
 * rows are moved to the front, in block order (so timestamps stay sorted), and {@link #rowIndex}
 * tells where each came from. The columns a scan never asks for are never allocated. Not
 * thread-safe: one per scan.
 */
final class BlockRows {
  /** The most rows a block holds, hence the length of every scratch column. */
  static final int CAPACITY = SeriesBlock.MAX_ROWS;

  private static final double[] EMPTY = new double[0];

  final long[] timestamps = new long[CAPACITY];
  final int[] metadataIds = new int[CAPACITY];
  double[] volumes = EMPTY; // allocated by the first read that asks for volumes
  private int[] rowIndexes; // allocated by the first read that drops rows
  private long[] recorded;
  private final long asOfMillis;
  private boolean compacted;

  /**
   * Creates the scratch columns of a scan.
   *
   * @param asOfMillis keep rows recorded at or before this instant; {@link Long#MAX_VALUE} keeps
   *     all
   */
  BlockRows(long asOfMillis) {
    this.asOfMillis = asOfMillis;
  }

  /** Returns whether every row of {@code block} counts, so its summary may be used. */
  boolean keepsEveryRow(SeriesBlock block) {
    return block.latestRecordedAtMillis() <= asOfMillis;
  }

  /**
   * Decodes the timestamps and, when asked, the volumes and metadata ids of {@code block}, and
   * keeps the rows recorded at or before the as-of instant.
   *
   * @return the number of kept rows, at the front of the columns
   */
  int read(SeriesBlock block, boolean withVolumes, boolean withMetadata) {
    block.readTimestamps(timestamps, 0);
    if (withVolumes) {
      block.readVolumes(volumes == EMPTY ? allocateVolumes() : volumes, 0);
    }
    if (withMetadata) {
      block.readMetadataIds(metadataIds, 0);
    }
    compacted = !keepsEveryRow(block);
    return compacted ? keepRecorded(block, withVolumes) : block.rowCount();
  }

  private double[] allocateVolumes() {
    volumes = new double[CAPACITY];
    return volumes;
  }

  // Moves the rows recorded at or before the as-of instant to the front; kept out of read() so that
  // the common path stays small enough to inline into the kernels.
  private int keepRecorded(SeriesBlock block, boolean withVolumes) {
    if (recorded == null) {
      recorded = new long[CAPACITY];
      rowIndexes = new int[CAPACITY];
    }
    int rows = block.rowCount();
    block.readRecordedAtMillis(recorded, 0);
    int kept = 0;
    for (int row = 0; row < rows; row++) {
      if (recorded[row] <= asOfMillis) {
        timestamps[kept] = timestamps[row];
        if (withVolumes) {
          volumes[kept] = volumes[row];
        }
        metadataIds[kept] = metadataIds[row];
        rowIndexes[kept] = row;
        kept++;
      }
    }
    return kept;
  }

  /** Returns the row of the block that kept row {@code i} of the last {@link #read} came from. */
  int rowIndex(int i) {
    return compacted ? rowIndexes[i] : i;
  }
}
