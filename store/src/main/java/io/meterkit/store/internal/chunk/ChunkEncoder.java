package io.meterkit.store.internal.chunk;

import io.meterkit.core.Summation;
import io.meterkit.store.spi.SeriesBlock;

/**
 * Encodes rows given in arrival order as a {@link Chunk}.
 *
 * <p>The rows are sorted ({@link RowOrder}), their timestamps and volumes gathered into that order
 * once, and cut into blocks of at most {@link SeriesBlock#MAX_ROWS} rows of one series; then one
 * pass per block measures it (time span, delta range, metadata range, volume summary) with local
 * variables into the {@link BlockIndex} and the per-block widths, and a last pass packs the columns
 * into arrays of exactly the measured size. Every pass after the gathering reads the sorted copies
 * front to back. Columns whose rows all agree (metadata ids, recorded-at seconds) are found out in
 * arrival order and cost nothing more.
 *
 * <p>Thread-safe: {@link #encode} is static; each call works on its own encoder instance.
 */
public final class ChunkEncoder {
  private final RowBuffer.View rows;
  private final int[] order;
  private final long[] timestamps; // in chunk row order
  private final double[] volumes; // in chunk row order: the chunk's own column
  private final int[] metadataIds; // in chunk row order; null when every row has the same id
  private final int constantMetadata;
  private final BlockIndex blocks;
  private final long[] minDelta;
  private final byte[] timestampBits;
  private final int[] timestampOffset;
  private final int[] metadataBase;
  private final byte[] metadataBits;
  private final int[] metadataOffset;

  private ChunkEncoder(RowBuffer.View rows, int seriesBound) {
    this.rows = rows;
    int n = rows.size();
    this.timestamps = new long[n];
    this.order = RowOrder.sorted(rows, seriesBound, timestamps);
    double[] arrivalVolumes = rows.volumes();
    this.volumes = new double[n];
    for (int i = 0; i < n; i++) {
      volumes[i] = arrivalVolumes[order[i]];
    }
    int[] arrivalMetadata = rows.metadataIds();
    int constant = arrivalMetadata[0];
    for (int row = 1; row < n && constant >= 0; row++) {
      constant = arrivalMetadata[row] == constant ? constant : -1;
    }
    this.constantMetadata = constant;
    if (constant >= 0) {
      this.metadataIds = null;
    } else {
      this.metadataIds = new int[n];
      for (int i = 0; i < n; i++) {
        metadataIds[i] = arrivalMetadata[order[i]];
      }
    }
    this.blocks = cutBlocks(rows.series(), order);
    int blockCount = blocks.count();
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
    return new ChunkEncoder(rows, seriesBound).encode();
  }

  // Blocks: maximal runs of one series, cut every MAX_ROWS rows; their series and first rows.
  private static BlockIndex cutBlocks(int[] series, int[] order) {
    int count = 0;
    int rowsInBlock = 0;
    for (int i = 0; i < order.length; i++) {
      if (i == 0
          || series[order[i]] != series[order[i - 1]]
          || rowsInBlock == SeriesBlock.MAX_ROWS) {
        count++;
        rowsInBlock = 0;
      }
      rowsInBlock++;
    }
    BlockIndex blocks = new BlockIndex(count);
    int block = -1;
    for (int i = 0; i < order.length; i++) {
      int s = series[order[i]];
      if (block < 0
          || s != blocks.series[block]
          || i - blocks.rowStart[block] == SeriesBlock.MAX_ROWS) {
        block++;
        blocks.series[block] = s;
        blocks.rowStart[block] = i;
      }
    }
    blocks.rowStart[count] = order.length;
    return blocks;
  }

  private Chunk encode() {
    long packedTimestampBits = 0;
    long packedMetadataBits = 0;
    long minMillis = Long.MAX_VALUE;
    long maxMillis = Long.MIN_VALUE;
    long[] arrivals = rows.arrivals();
    for (int block = 0; block < blocks.count(); block++) {
      int start = blocks.rowStart[block];
      int end = blocks.rowStart[block + 1];
      measureTimestamps(block, start, end);
      measureVolumes(block, start, end);
      measureMetadata(block, start, end);
      blocks.lastArrival[block] = arrivals[order[end - 1]]; // the block's latest row
      timestampOffset[block] = Math.toIntExact(packedTimestampBits);
      metadataOffset[block] = Math.toIntExact(packedMetadataBits);
      packedTimestampBits += (long) timestampBits[block] * (end - start - 1);
      packedMetadataBits += (long) metadataBits[block] * (end - start);
      minMillis = Math.min(minMillis, blocks.firstMillis[block]);
      maxMillis = Math.max(maxMillis, blocks.lastMillis[block]);
    }
    long[] timestampWords = new long[BitPacking.wordsFor(packedTimestampBits)];
    long[] metadataWords = new long[BitPacking.wordsFor(packedMetadataBits)];
    for (int block = 0; block < blocks.count(); block++) {
      pack(block, timestampWords, metadataWords);
    }
    return new Chunk(
        minMillis,
        maxMillis,
        blocks,
        new TimestampColumn(minDelta, timestampBits, timestampOffset, timestampWords),
        volumes,
        new MetadataColumn(metadataBase, metadataBits, metadataOffset, metadataWords),
        encodeRecorded(),
        encodeClientIds(),
        encodeTies());
  }

  // First and last timestamp; the smallest delta and the width of the others' excess over it.
  private void measureTimestamps(int block, int start, int end) {
    blocks.firstMillis[block] = timestamps[start];
    blocks.lastMillis[block] = timestamps[end - 1];
    if (end - start == 1) {
      return; // minDelta 0, width 0
    }
    long smallest = Long.MAX_VALUE;
    long largest = Long.MIN_VALUE;
    for (int i = start + 1; i < end; i++) {
      long delta = timestamps[i] - timestamps[i - 1];
      smallest = Math.min(smallest, delta);
      largest = Math.max(largest, delta);
    }
    minDelta[block] = smallest;
    timestampBits[block] = (byte) BitPacking.bitsFor(largest - smallest);
  }

  // Compensated sum (in row order), min and max.
  private void measureVolumes(int block, int start, int end) {
    double sum = volumes[start];
    double compensation = 0.0;
    double min = sum;
    double max = sum;
    for (int i = start + 1; i < end; i++) {
      double volume = volumes[i];
      double next = sum + volume;
      compensation += Summation.error(sum, volume, next);
      sum = next;
      min = Math.min(min, volume);
      max = Math.max(max, volume);
    }
    blocks.sum[block] = sum;
    blocks.sumCompensation[block] = compensation;
    blocks.min[block] = min;
    blocks.max[block] = max;
  }

  // The smallest id and the width of the others' excess over it.
  private void measureMetadata(int block, int start, int end) {
    if (metadataIds == null) {
      metadataBase[block] = constantMetadata; // width 0
      return;
    }
    int smallest = metadataIds[start];
    int largest = smallest;
    for (int i = start + 1; i < end; i++) {
      smallest = Math.min(smallest, metadataIds[i]);
      largest = Math.max(largest, metadataIds[i]);
    }
    metadataBase[block] = smallest;
    metadataBits[block] = (byte) BitPacking.bitsFor((long) largest - smallest);
  }

  private void pack(int block, long[] timestampWords, long[] metadataWords) {
    int start = blocks.rowStart[block];
    int end = blocks.rowStart[block + 1];
    int width = timestampBits[block];
    if (width > 0) {
      long bit = timestampOffset[block];
      long smallest = minDelta[block];
      for (int i = start + 1; i < end; i++) {
        BitPacking.put(timestampWords, bit, width, timestamps[i] - timestamps[i - 1] - smallest);
        bit += width;
      }
    }
    width = metadataBits[block];
    if (width > 0) {
      long bit = metadataOffset[block];
      int base = metadataBase[block];
      for (int i = start; i < end; i++) {
        BitPacking.put(metadataWords, bit, width, metadataIds[i] - base);
        bit += width;
      }
    }
  }

  private RecordedColumn encodeRecorded() {
    long[] recorded = rows.recordedMillis();
    int n = order.length;
    long minSeconds = Long.MAX_VALUE;
    long maxSeconds = Long.MIN_VALUE;
    for (int row = 0; row < n; row++) {
      long seconds = Math.floorDiv(recorded[row], 1000L);
      minSeconds = Math.min(minSeconds, seconds);
      maxSeconds = Math.max(maxSeconds, seconds);
    }
    int bits = BitPacking.bitsFor(maxSeconds - minSeconds);
    long[] words = new long[BitPacking.wordsFor((long) n * bits)];
    for (int i = 0; i < n && bits > 0; i++) {
      long seconds = Math.floorDiv(recorded[order[i]], 1000L);
      BitPacking.put(words, (long) i * bits, bits, seconds - minSeconds);
    }
    return new RecordedColumn(minSeconds, bits, words);
  }

  // The client ids in row order, or null when no row has one.
  private String[] encodeClientIds() {
    if (!rows.hasClientIds()) {
      return null;
    }
    int n = order.length;
    boolean any = false;
    for (int row = 0; row < n && !any; row++) {
      any = rows.clientId(row) != null;
    }
    if (!any) {
      return null;
    }
    String[] clientIds = new String[n];
    for (int i = 0; i < n; i++) {
      clientIds[i] = rows.clientId(order[i]);
    }
    return clientIds;
  }

  // The rows with a tie ordinal other than 0, or null when there is none.
  private TieOrdinals encodeTies() {
    int[] arrivalTies = rows.tieOrdinals();
    if (arrivalTies == null) {
      return null;
    }
    int n = order.length;
    int count = 0;
    for (int row = 0; row < n; row++) {
      count += arrivalTies[row] != 0 ? 1 : 0;
    }
    if (count == 0) {
      return null;
    }
    int[] tieRows = new int[count];
    int[] ordinals = new int[count];
    int t = 0;
    for (int i = 0; i < n; i++) {
      int ordinal = arrivalTies[order[i]];
      if (ordinal != 0) {
        tieRows[t] = i;
        ordinals[t++] = ordinal;
      }
    }
    return new TieOrdinals(tieRows, ordinals);
  }
}
