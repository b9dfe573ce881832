package io.meterkit.store.internal.chunk;

import io.meterkit.core.Summation;
import io.meterkit.store.spi.SeriesBlock;

/**
 * Encodes rows given in arrival order as a {@link Chunk}.
 *
 * <p>The rows are sorted ({@link RowOrder}) and cut into blocks of at most {@link
 * SeriesBlock#MAX_ROWS} rows of one series; then two passes over the blocks: the first measures
 * (first and last timestamp, delta range, metadata range, volume summary) into the {@link
 * BlockIndex} and the per-block widths, the second packs the columns into arrays of exactly the
 * measured size.
 *
 * <p>Thread-safe: {@link #encode} is static; each call works on its own encoder instance.
 */
public final class ChunkEncoder {
  private final RowBuffer.View rows;
  private final int[] order;
  private final BlockIndex blocks;
  private final long[] minDelta;
  private final byte[] timestampBits;
  private final int[] timestampOffset;
  private final int[] metadataBase;
  private final byte[] metadataBits;
  private final int[] metadataOffset;
  // The running maxima of the block being measured.
  private long maxDelta;
  private int maxMetadata;

  private ChunkEncoder(RowBuffer.View rows, int[] order, int blockCount) {
    this.rows = rows;
    this.order = order;
    this.blocks = new BlockIndex(blockCount);
    this.minDelta = new long[blockCount];
    this.timestampBits = new byte[blockCount];
    this.timestampOffset = new int[blockCount];
    this.metadataBase = new int[blockCount];
    this.metadataBits = new byte[blockCount];
    this.metadataOffset = new int[blockCount];
  }

  /**
   * Encodes {@code rows}.
   *
   * @param rows rows in arrival order, at least one
   * @param seriesBound every series id in {@code rows} is below it
   * @return the chunk
   */
  public static Chunk encode(RowBuffer.View rows, int seriesBound) {
    int[] order = RowOrder.sorted(rows, seriesBound);
    return new ChunkEncoder(rows, order, countBlocks(rows.series(), order)).encode();
  }

  private static int countBlocks(int[] series, int[] order) {
    int blocks = 0;
    int rowsInBlock = 0;
    for (int i = 0; i < order.length; i++) {
      if (i == 0
          || series[order[i]] != series[order[i - 1]]
          || rowsInBlock == SeriesBlock.MAX_ROWS) {
        blocks++;
        rowsInBlock = 0;
      }
      rowsInBlock++;
    }
    return blocks;
  }

  private Chunk encode() {
    long[] timestamps = rows.timestamps();
    Measured measured = measureBlocks(timestamps);
    TimestampColumn timestampColumn =
        new TimestampColumn(
            minDelta,
            timestampBits,
            timestampOffset,
            new long[BitPacking.wordsFor(measured.packedTimestampBits())]);
    MetadataColumn metadataColumn =
        new MetadataColumn(
            metadataBase,
            metadataBits,
            metadataOffset,
            new long[BitPacking.wordsFor(measured.packedMetadataBits())]);
    for (int block = 0; block < blocks.count(); block++) {
      packBlock(block, timestamps, timestampColumn.words, metadataColumn.words);
    }
    int n = order.length;
    double[] volumes = new double[n];
    String[] clientIds = null;
    int ties = 0;
    for (int i = 0; i < n; i++) {
      int row = order[i];
      volumes[i] = rows.volume(row);
      ties += rows.tieOrdinal(row) != 0 ? 1 : 0;
      if (rows.clientId(row) != null && clientIds == null) {
        clientIds = new String[n];
      }
    }
    if (clientIds != null) {
      for (int i = 0; i < n; i++) {
        clientIds[i] = rows.clientId(order[i]);
      }
    }
    return new Chunk(
        measured.minMillis(),
        measured.maxMillis(),
        blocks,
        timestampColumn,
        volumes,
        metadataColumn,
        encodeRecorded(),
        clientIds,
        ties == 0 ? null : encodeTies(ties));
  }

  /** What the measuring pass found beyond the block index and the per-block widths. */
  private record Measured(
      long minMillis, long maxMillis, long packedTimestampBits, long packedMetadataBits) {}

  /** Fills the block index and the per-block widths. */
  private Measured measureBlocks(long[] timestamps) {
    int[] series = rows.series();
    long[] arrivals = rows.arrivals();
    int block = -1;
    int rowsInBlock = 0;
    long packedTimestampBits = 0;
    long packedMetadataBits = 0;
    long minMillis = Long.MAX_VALUE;
    long maxMillis = Long.MIN_VALUE;
    for (int i = 0; i < order.length; i++) {
      int row = order[i];
      if (block < 0 || series[row] != blocks.series[block] || rowsInBlock == SeriesBlock.MAX_ROWS) {
        if (block >= 0) {
          packedTimestampBits += (long) timestampBits[block] * (rowsInBlock - 1);
          packedMetadataBits += (long) metadataBits[block] * rowsInBlock;
        }
        block++;
        rowsInBlock = 0;
        blocks.series[block] = series[row];
        blocks.rowStart[block] = i;
        timestampOffset[block] = Math.toIntExact(packedTimestampBits);
        metadataOffset[block] = Math.toIntExact(packedMetadataBits);
      }
      rowsInBlock++;
      measureRow(block, rowsInBlock, row, i, timestamps);
      // Rows are in (timestamp, arrival) order, so the block's last row is its latest.
      blocks.lastArrival[block] = arrivals[row];
      minMillis = Math.min(minMillis, timestamps[row]);
      maxMillis = Math.max(maxMillis, timestamps[row]);
    }
    packedTimestampBits += (long) timestampBits[block] * (rowsInBlock - 1);
    packedMetadataBits += (long) metadataBits[block] * rowsInBlock;
    blocks.rowStart[blocks.count()] = order.length;
    return new Measured(minMillis, maxMillis, packedTimestampBits, packedMetadataBits);
  }

  // The block's widths are kept up to date row by row, so they are final after its last row.
  private void measureRow(int block, int rowsInBlock, int row, int position, long[] timestamps) {
    long timestamp = timestamps[row];
    double volume = rows.volume(row);
    int metadataId = rows.metadataId(row);
    if (rowsInBlock == 1) {
      blocks.firstMillis[block] = timestamp;
      blocks.sum[block] = volume;
      blocks.sumCompensation[block] = 0.0;
      blocks.min[block] = volume;
      blocks.max[block] = volume;
      minDelta[block] = 0;
      maxDelta = Long.MIN_VALUE;
      metadataBase[block] = metadataId;
      maxMetadata = metadataId;
    } else {
      long delta = timestamp - timestamps[order[position - 1]];
      if (rowsInBlock == 2) {
        minDelta[block] = delta;
        maxDelta = delta;
      } else {
        minDelta[block] = Math.min(minDelta[block], delta);
        maxDelta = Math.max(maxDelta, delta);
      }
      timestampBits[block] = (byte) BitPacking.bitsFor(maxDelta - minDelta[block]);
      double sum = blocks.sum[block];
      double next = sum + volume;
      blocks.sumCompensation[block] += Summation.error(sum, volume, next);
      blocks.sum[block] = next;
      blocks.min[block] = Math.min(blocks.min[block], volume);
      blocks.max[block] = Math.max(blocks.max[block], volume);
      metadataBase[block] = Math.min(metadataBase[block], metadataId);
      maxMetadata = Math.max(maxMetadata, metadataId);
      metadataBits[block] = (byte) BitPacking.bitsFor((long) maxMetadata - metadataBase[block]);
    }
    blocks.lastMillis[block] = timestamp;
  }

  private void packBlock(
      int block, long[] timestamps, long[] timestampWords, long[] metadataWords) {
    int start = blocks.rowStart[block];
    int end = blocks.rowStart[block + 1];
    int timestampWidth = timestampBits[block];
    long bit = timestampOffset[block];
    for (int i = start + 1; i < end && timestampWidth > 0; i++) {
      long delta = timestamps[order[i]] - timestamps[order[i - 1]];
      BitPacking.put(timestampWords, bit, timestampWidth, delta - minDelta[block]);
      bit += timestampWidth;
    }
    int metadataWidth = metadataBits[block];
    bit = metadataOffset[block];
    for (int i = start; i < end && metadataWidth > 0; i++) {
      BitPacking.put(
          metadataWords, bit, metadataWidth, rows.metadataId(order[i]) - metadataBase[block]);
      bit += metadataWidth;
    }
  }

  private RecordedColumn encodeRecorded() {
    int n = order.length;
    long minSeconds = Long.MAX_VALUE;
    long maxSeconds = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      long seconds = Math.floorDiv(rows.recordedAtMillis(order[i]), 1000L);
      minSeconds = Math.min(minSeconds, seconds);
      maxSeconds = Math.max(maxSeconds, seconds);
    }
    int bits = BitPacking.bitsFor(maxSeconds - minSeconds);
    long[] words = new long[BitPacking.wordsFor((long) n * bits)];
    for (int i = 0; i < n; i++) {
      long seconds = Math.floorDiv(rows.recordedAtMillis(order[i]), 1000L);
      BitPacking.put(words, (long) i * bits, bits, seconds - minSeconds);
    }
    return new RecordedColumn(minSeconds, bits, words);
  }

  private TieOrdinals encodeTies(int count) {
    int[] tieRows = new int[count];
    int[] ordinals = new int[count];
    int t = 0;
    for (int i = 0; i < order.length; i++) {
      int ordinal = rows.tieOrdinal(order[i]);
      if (ordinal != 0) {
        tieRows[t] = i;
        ordinals[t++] = ordinal;
      }
    }
    return new TieOrdinals(tieRows, ordinals);
  }
}
