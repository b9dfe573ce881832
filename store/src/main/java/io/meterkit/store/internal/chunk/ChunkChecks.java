package io.meterkit.store.internal.chunk;

import io.meterkit.core.Limits;
import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.CorruptFileException;
import io.meterkit.store.spi.SeriesBlock;

/**
 * The rules a chunk or head rows read from a file must follow so that every later array access
 * stays in bounds and every later scan sees what the encoder would have made: row ranges, ids below
 * their bounds, bit-packed runs inside their words, volumes the store accepts. Each broken rule
 * throws a {@link CorruptFileException} that names the rule and the values that break it.
 *
 * <p>Not thread-safe: one reader per instance.
 */
final class ChunkChecks {
  private final BinaryReader in;
  private final int rowCount;
  private final ChunkCodec.RowBounds bounds;

  ChunkChecks(BinaryReader in, int rowCount, ChunkCodec.RowBounds bounds) {
    this.in = in;
    this.rowCount = rowCount;
    this.bounds = bounds;
  }

  /** Blocks cover the rows in order, hold 1 to 128 rows each, and are sorted by series. */
  void blocks(BlockIndex blocks) throws CorruptFileException {
    int count = blocks.count();
    if (blocks.rowStart[0] != 0 || blocks.rowStart[count] != rowCount) {
      throw fail(
          "the blocks must cover rows 0 to "
              + rowCount
              + ", they cover "
              + blocks.rowStart[0]
              + " to "
              + blocks.rowStart[count]);
    }
    for (int b = 0; b < count; b++) {
      int rows = blocks.rows(b);
      if (rows < 1 || rows > SeriesBlock.MAX_ROWS) {
        throw fail(
            "block " + b + " must hold 1 to " + SeriesBlock.MAX_ROWS + " rows, holds " + rows);
      }
      int series = blocks.series[b];
      if (series < 0 || series >= bounds.seriesCount()) {
        throw fail(
            "block "
                + b
                + " belongs to series "
                + series
                + ", not one of the meter's "
                + bounds.seriesCount());
      }
      if (b > 0 && series < blocks.series[b - 1]) {
        throw fail(
            "blocks must be sorted by series: block "
                + b
                + " has series "
                + series
                + " after series "
                + blocks.series[b - 1]);
      }
    }
  }

  /** Each block's packed timestamps and metadata ids lie inside their column's words. */
  void packedColumns(BlockIndex blocks, TimestampColumn timestamps, MetadataColumn metadata)
      throws CorruptFileException {
    long timestampBits = 64L * timestamps.words.length;
    long metadataBits = 64L * metadata.words.length;
    for (int b = 0; b < blocks.count(); b++) {
      int rows = blocks.rows(b);
      // The first timestamp of a block is not packed: rows - 1 values, rows metadata ids.
      run(
          b,
          "timestamps",
          timestamps.bits[b],
          64,
          timestamps.bitOffset[b],
          rows - 1,
          timestampBits);
      run(b, "metadata ids", metadata.bits[b], 31, metadata.bitOffset[b], rows, metadataBits);
      int smallest = metadata.base[b];
      if (smallest < 0 || smallest >= bounds.metadataIds()) {
        throw fail(
            "block "
                + b
                + " has smallest metadata id "
                + smallest
                + ", not one of the "
                + bounds.metadataIds()
                + " ids of the metadata dictionary");
      }
    }
  }

  private void run(
      int block, String column, int width, int maxWidth, int offset, int values, long columnBits)
      throws CorruptFileException {
    if (width < 0 || width > maxWidth) {
      throw fail(
          "block "
              + block
              + " packs its "
              + column
              + " in "
              + width
              + " bits each, not 0 to "
              + maxWidth);
    }
    long end = offset + (long) width * values;
    if (offset < 0 || end > columnBits) {
      throw fail(
          "the "
              + column
              + " of block "
              + block
              + " occupy bits "
              + offset
              + " to "
              + end
              + ", outside the "
              + columnBits
              + " bits of their column");
    }
  }

  /** The recorded-at column holds a width of 0 to 64 bits for every row. */
  void recorded(RecordedColumn recorded) throws CorruptFileException {
    long needed = (long) recorded.bits * rowCount;
    if (recorded.bits < 0 || recorded.bits > 64 || needed > 64L * recorded.words.length) {
      throw fail(
          "the recorded-at column packs "
              + recorded.bits
              + " bits for each of "
              + rowCount
              + " rows (0 to 64 each) in "
              + recorded.words.length
              + " words");
    }
  }

  /** Tie ordinals, when present, name strictly increasing rows, one ordinal each. */
  void ties(TieOrdinals ties) throws CorruptFileException {
    if (ties == null) {
      return;
    }
    if (ties.rows.length != ties.ordinals.length) {
      throw fail(
          "there must be one tie ordinal per tie row, got "
              + ties.ordinals.length
              + " ordinals for "
              + ties.rows.length
              + " rows");
    }
    for (int t = 0; t < ties.rows.length; t++) {
      int row = ties.rows[t];
      if (row < 0 || row >= rowCount || (t > 0 && row <= ties.rows[t - 1])) {
        throw fail(
            "tie rows must be increasing row numbers below "
                + rowCount
                + ", got "
                + row
                + " at "
                + t);
      }
    }
  }

  /** Every row's metadata id is one of the metadata dictionary's. */
  void metadataIds(Chunk chunk) throws CorruptFileException {
    int[] ids = new int[SeriesBlock.MAX_ROWS];
    for (int b = 0; b < chunk.blockCount(); b++) {
      chunk.readMetadataIds(b, ids, 0);
      ids(ids, chunk.blockRows(b), bounds.metadataIds(), "metadata id of block " + b);
    }
  }

  /** Every id is in {@code [0, bound)}. */
  void ids(int[] ids, int length, int bound, String what) throws CorruptFileException {
    for (int i = 0; i < length; i++) {
      if (ids[i] < 0 || ids[i] >= bound) {
        throw fail(what + " " + ids[i] + " at " + i + " is not in [0, " + bound + ")");
      }
    }
  }

  /** Every arrival number was handed out before the snapshot: it is below the store's next one. */
  void arrivals(long[] arrivals, String what) throws CorruptFileException {
    for (int i = 0; i < arrivals.length; i++) {
      if (arrivals[i] < 0 || arrivals[i] >= bounds.arrivals()) {
        throw fail(
            what + " " + arrivals[i] + " at " + i + " is not in [0, " + bounds.arrivals() + ")");
      }
    }
  }

  /**
   * Every volume is one the store accepts: finite and at most 1e100 in magnitude. A {@code -0.0}
   * (which format version 1 could hold) becomes {@code 0.0}, as the store stores it today.
   */
  void volumes(double[] volumes) throws CorruptFileException {
    for (int i = 0; i < volumes.length; i++) {
      if (!(Math.abs(volumes[i]) <= Limits.MAX_VOLUME_MAGNITUDE)) {
        throw fail(
            "volume "
                + volumes[i]
                + " at "
                + i
                + " is not a finite number of at most 1e100 in magnitude");
      }
      volumes[i] += 0.0;
    }
  }

  /** Turns every {@code -0.0} of the block summaries into {@code 0.0}, as {@link #volumes} does. */
  void normaliseZeros(BlockIndex blocks) {
    for (int b = 0; b < blocks.count(); b++) {
      blocks.sum[b] += 0.0;
      blocks.sumCompensation[b] += 0.0;
      blocks.min[b] += 0.0;
      blocks.max[b] += 0.0;
    }
  }

  private CorruptFileException fail(String rule) {
    return in.corrupt(rule);
  }
}
