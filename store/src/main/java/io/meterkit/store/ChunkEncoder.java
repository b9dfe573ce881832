package io.meterkit.store;

import io.meterkit.core.Summation;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

/**
 * Sorts rows in arrival order into {@code (series, timestamp, arrival)} order and encodes them as a
 * {@link Chunk}.
 *
 * <p>Sorting is a stable counting sort on the series id (one pass to count, one to place), after
 * which each series' rows are already in timestamp order unless they arrived late; only those
 * series are sorted again, stably, by timestamp. Encoding makes two passes over the blocks: the
 * first measures (first/last timestamp, delta range, metadata range, volume summary), the second
 * packs into arrays of exactly the measured size. Thread-safe: stateless; every call allocates its
 * own working arrays.
 */
final class ChunkEncoder {
  /** The most rows one block holds; smaller blocks skip more precisely but cost more summaries. */
  static final int BLOCK_ROWS = 128;

  private ChunkEncoder() {}

  /**
   * Encodes the rows of {@code rows}.
   *
   * @param rows rows in arrival order, at least one
   * @param seriesBound every series id in {@code rows} is below it
   * @return the chunk
   */
  static Chunk encode(RowBuffer.View rows, int seriesBound) {
    int n = rows.size();
    int[] order = sortedOrder(rows, seriesBound);
    int blockCount = countBlocks(rows.series(), order);
    Encoded e = new Encoded(n, blockCount);
    measureBlocks(rows, order, e);
    packColumns(rows, order, e);
    return new Chunk(e);
  }

  /** Returns the row numbers in {@code (series, timestamp, arrival)} order. */
  static int[] sortedOrder(RowBuffer.View rows, int seriesBound) {
    int n = rows.size();
    int[] series = rows.series();
    int[] order = new int[n];
    if (seriesBound <= 4 * n + 1024) {
      int[] next = new int[seriesBound + 1];
      for (int row = 0; row < n; row++) {
        next[series[row] + 1]++;
      }
      for (int s = 0; s < seriesBound; s++) {
        next[s + 1] += next[s];
      }
      for (int row = 0; row < n; row++) {
        order[next[series[row]]++] = row;
      }
    } else {
      long[] keys = new long[n];
      for (int row = 0; row < n; row++) {
        keys[row] = ((long) series[row] << 32) | row;
      }
      Arrays.sort(keys);
      for (int i = 0; i < n; i++) {
        order[i] = (int) keys[i];
      }
    }
    sortLateRows(rows.timestamps(), series, order);
    return order;
  }

  private static void sortLateRows(long[] timestamps, int[] series, int[] order) {
    int n = order.length;
    int groupStart = 0;
    boolean sorted = true;
    for (int i = 1; i <= n; i++) {
      if (i == n || series[order[i]] != series[order[groupStart]]) {
        if (!sorted) {
          IntArrays.mergeSort(
              order, groupStart, i, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
        }
        groupStart = i;
        sorted = true;
      } else if (timestamps[order[i]] < timestamps[order[i - 1]]) {
        sorted = false;
      }
    }
  }

  private static int countBlocks(int[] series, int[] order) {
    int blocks = 0;
    int rowsInBlock = 0;
    for (int i = 0; i < order.length; i++) {
      if (i == 0 || series[order[i]] != series[order[i - 1]] || rowsInBlock == BLOCK_ROWS) {
        blocks++;
        rowsInBlock = 0;
      }
      rowsInBlock++;
    }
    return blocks;
  }

  private static void measureBlocks(RowBuffer.View rows, int[] order, Encoded e) {
    long[] timestamps = rows.timestamps();
    double[] volumes = rows.volumes();
    int[] series = rows.series();
    int[] metadata = rows.metadataIds();
    long[] arrivals = rows.arrivals();
    int block = -1;
    int rowsInBlock = 0;
    long timestampBits = 0;
    long metadataBits = 0;
    long minMillis = Long.MAX_VALUE;
    long maxMillis = Long.MIN_VALUE;
    for (int i = 0; i < order.length; i++) {
      int row = order[i];
      if (block < 0 || series[row] != e.blockSeries[block] || rowsInBlock == BLOCK_ROWS) {
        if (block >= 0) {
          timestampBits += (long) e.blockTimestampBits[block] * (rowsInBlock - 1);
          metadataBits += (long) e.blockMetadataBits[block] * rowsInBlock;
        }
        block++;
        rowsInBlock = 0;
        e.blockSeries[block] = series[row];
        e.blockRowStart[block] = i;
        e.blockTimestampOffset[block] = Math.toIntExact(timestampBits);
        e.blockMetadataOffset[block] = Math.toIntExact(metadataBits);
      }
      rowsInBlock++;
      measureRow(
          e,
          block,
          rowsInBlock,
          timestamps[row],
          volumes[row],
          metadata[row],
          i,
          order,
          timestamps);
      // Rows are in (timestamp, arrival) order, so the block's last row is its latest.
      e.blockLastArrival[block] = arrivals[row];
      minMillis = Math.min(minMillis, timestamps[row]);
      maxMillis = Math.max(maxMillis, timestamps[row]);
    }
    timestampBits += (long) e.blockTimestampBits[block] * (rowsInBlock - 1);
    metadataBits += (long) e.blockMetadataBits[block] * rowsInBlock;
    e.blockRowStart[e.blockCount] = order.length;
    e.minMillis = minMillis;
    e.maxMillis = maxMillis;
    e.timestampWords = new long[BitPacking.wordsFor(timestampBits)];
    e.metadataWords = new long[BitPacking.wordsFor(metadataBits)];
  }

  // The block's widths are kept up to date row by row, so they are final after its last row.
  private static void measureRow(
      Encoded e,
      int block,
      int rowsInBlock,
      long timestamp,
      double volume,
      int metadataId,
      int position,
      int[] order,
      long[] timestamps) {
    if (rowsInBlock == 1) {
      e.blockFirstMillis[block] = timestamp;
      e.blockMinDelta[block] = Long.MAX_VALUE;
      e.maxDelta = Long.MIN_VALUE;
      e.blockSum[block] = volume;
      e.blockSumCompensation[block] = 0.0;
      e.blockMin[block] = volume;
      e.blockMax[block] = volume;
      e.blockMetadataBase[block] = metadataId;
      e.maxMetadata = metadataId;
      e.blockMinDelta[block] = 0;
    } else {
      long delta = timestamp - timestamps[order[position - 1]];
      if (rowsInBlock == 2) {
        e.blockMinDelta[block] = delta;
        e.maxDelta = delta;
      } else {
        e.blockMinDelta[block] = Math.min(e.blockMinDelta[block], delta);
        e.maxDelta = Math.max(e.maxDelta, delta);
      }
      e.blockTimestampBits[block] = (byte) BitPacking.bitsFor(e.maxDelta - e.blockMinDelta[block]);
      double sum = e.blockSum[block];
      double next = sum + volume;
      e.blockSumCompensation[block] += Summation.error(sum, volume, next);
      e.blockSum[block] = next;
      e.blockMin[block] = Math.min(e.blockMin[block], volume);
      e.blockMax[block] = Math.max(e.blockMax[block], volume);
      e.blockMetadataBase[block] = Math.min(e.blockMetadataBase[block], metadataId);
      e.maxMetadata = Math.max(e.maxMetadata, metadataId);
      e.blockMetadataBits[block] =
          (byte) BitPacking.bitsFor((long) e.maxMetadata - e.blockMetadataBase[block]);
    }
    e.blockLastMillis[block] = timestamp;
  }

  private static void packColumns(RowBuffer.View rows, int[] order, Encoded e) {
    long[] timestamps = rows.timestamps();
    double[] volumes = rows.volumes();
    int[] metadata = rows.metadataIds();
    long[] recorded = rows.recordedMillis();
    int n = order.length;
    long minSeconds = Long.MAX_VALUE;
    long maxSeconds = Long.MIN_VALUE;
    int ties = 0;
    boolean anyClientId = false;
    for (int i = 0; i < n; i++) {
      int row = order[i];
      e.volumes[i] = volumes[row];
      long seconds = Math.floorDiv(recorded[row], 1000L);
      minSeconds = Math.min(minSeconds, seconds);
      maxSeconds = Math.max(maxSeconds, seconds);
      ties += rows.tieOrdinal(row) != 0 ? 1 : 0;
      anyClientId |= rows.clientId(row) != null;
    }
    for (int block = 0; block < e.blockCount; block++) {
      packBlock(e, block, timestamps, metadata, order);
    }
    e.recordedBaseSeconds = minSeconds;
    e.recordedBits = BitPacking.bitsFor(maxSeconds - minSeconds);
    e.recordedWords = new long[BitPacking.wordsFor((long) n * e.recordedBits)];
    for (int i = 0; i < n; i++) {
      long seconds = Math.floorDiv(recorded[order[i]], 1000L);
      BitPacking.put(
          e.recordedWords, (long) i * e.recordedBits, e.recordedBits, seconds - minSeconds);
    }
    if (anyClientId) {
      e.clientIds = new String[n];
      for (int i = 0; i < n; i++) {
        e.clientIds[i] = rows.clientId(order[i]);
      }
    }
    if (ties > 0) {
      e.tieRows = new int[ties];
      e.tieOrdinals = new int[ties];
      int t = 0;
      for (int i = 0; i < n; i++) {
        int ordinal = rows.tieOrdinal(order[i]);
        if (ordinal != 0) {
          e.tieRows[t] = i;
          e.tieOrdinals[t++] = ordinal;
        }
      }
    }
  }

  private static void packBlock(
      Encoded e, int block, long[] timestamps, int[] metadata, int[] order) {
    int start = e.blockRowStart[block];
    int end = e.blockRowStart[block + 1];
    int timestampWidth = e.blockTimestampBits[block];
    long minDelta = e.blockMinDelta[block];
    long bit = e.blockTimestampOffset[block];
    for (int i = start + 1; i < end && timestampWidth > 0; i++) {
      long delta = timestamps[order[i]] - timestamps[order[i - 1]];
      BitPacking.put(e.timestampWords, bit, timestampWidth, delta - minDelta);
      bit += timestampWidth;
    }
    int metadataWidth = e.blockMetadataBits[block];
    int base = e.blockMetadataBase[block];
    bit = e.blockMetadataOffset[block];
    for (int i = start; i < end && metadataWidth > 0; i++) {
      BitPacking.put(e.metadataWords, bit, metadataWidth, metadata[order[i]] - base);
      bit += metadataWidth;
    }
  }

  /** The arrays of a chunk under construction; handed to {@link Chunk#Chunk(Encoded)}. */
  static final class Encoded {
    final int rowCount;
    final int blockCount;
    long minMillis;
    long maxMillis;
    final int[] blockSeries;
    final int[] blockRowStart;
    final long[] blockFirstMillis;
    final long[] blockLastMillis;
    final long[] blockLastArrival;
    final long[] blockMinDelta;
    final byte[] blockTimestampBits;
    final int[] blockTimestampOffset;
    final double[] blockSum;
    final double[] blockSumCompensation;
    final double[] blockMin;
    final double[] blockMax;
    final int[] blockMetadataBase;
    final byte[] blockMetadataBits;
    final int[] blockMetadataOffset;
    final double[] volumes;
    long[] timestampWords;
    long[] metadataWords;
    long recordedBaseSeconds;
    int recordedBits;
    long[] recordedWords;
    String[] clientIds;
    int[] tieRows;
    int[] tieOrdinals;
    // running maxima of the block being measured
    long maxDelta;
    int maxMetadata;

    Encoded(int rowCount, int blockCount) {
      this.rowCount = rowCount;
      this.blockCount = blockCount;
      blockSeries = new int[blockCount];
      blockRowStart = new int[blockCount + 1];
      blockFirstMillis = new long[blockCount];
      blockLastMillis = new long[blockCount];
      blockLastArrival = new long[blockCount];
      blockMinDelta = new long[blockCount];
      blockTimestampBits = new byte[blockCount];
      blockTimestampOffset = new int[blockCount];
      blockSum = new double[blockCount];
      blockSumCompensation = new double[blockCount];
      blockMin = new double[blockCount];
      blockMax = new double[blockCount];
      blockMetadataBase = new int[blockCount];
      blockMetadataBits = new byte[blockCount];
      blockMetadataOffset = new int[blockCount];
      volumes = new double[rowCount];
    }
  }
}
