package io.meterkit.store.internal.chunk;

import io.meterkit.core.Summation;

/**
 * What a {@link Chunk} holds, in summary, without its blocks: the totals of every row (count,
 * compensated volume sum, min, max; the time span is the chunk's own), the metadata id every row
 * shares if they do, and the same summary per series, in parallel arrays indexed by the series'
 * position in the chunk (series ascending, each series' rows contiguous).
 *
 * <p>Derived from the {@link BlockIndex} when the chunk is made or read, so files do not hold it.
 * When every series of the chunk has a single block (the usual shape: a chunk holds a few dozen
 * rows of each of many series), the per-series arrays are the block index's own and cost nothing.
 * Otherwise each series' blocks are folded: in block order, with the same compensated addition a
 * query uses to fold block summaries.
 *
 * <p>Immutable once built, hence thread-safe once its chunk is safely published.
 */
public final class SeriesSummaries {
  private final int seriesCount;
  private final int[] series; // the series id at each position, ascending
  private final int[]
      rowStart; // seriesCount + 1 entries: rows [rowStart[i], rowStart[i + 1]) are series i's
  private final long[] firstMillis;
  private final long[] lastMillis;
  private final double[] sum;
  private final double[] sumCompensation;
  private final double[] min;
  private final double[] max;
  private final int[] firstBlock; // seriesCount + 1 entries; null when series i is block i
  private final double totalSum;
  private final double totalCompensation;
  private final double totalMin;
  private final double totalMax;
  private final int constantMetadataId; // -1 when the rows' metadata ids differ

  private SeriesSummaries(
      int seriesCount,
      int[] series,
      int[] rowStart,
      long[] firstMillis,
      long[] lastMillis,
      double[] sum,
      double[] sumCompensation,
      double[] min,
      double[] max,
      int[] firstBlock,
      int constantMetadataId) {
    this.seriesCount = seriesCount;
    this.series = series;
    this.rowStart = rowStart;
    this.firstMillis = firstMillis;
    this.lastMillis = lastMillis;
    this.sum = sum;
    this.sumCompensation = sumCompensation;
    this.min = min;
    this.max = max;
    this.firstBlock = firstBlock;
    this.constantMetadataId = constantMetadataId;
    double total = 0;
    double compensation = 0;
    double smallest = Double.POSITIVE_INFINITY;
    double largest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < seriesCount; i++) {
      double next = total + sum[i];
      compensation += Summation.error(total, sum[i], next) + sumCompensation[i];
      total = next;
      smallest = Math.min(smallest, min[i]);
      largest = Math.max(largest, max[i]);
    }
    this.totalSum = total;
    this.totalCompensation = compensation;
    this.totalMin = smallest;
    this.totalMax = largest;
  }

  /** Summarises the blocks of a chunk. */
  static SeriesSummaries of(BlockIndex blocks, MetadataColumn metadata) {
    int blockCount = blocks.count();
    int constant = metadata.constant(0);
    int seriesCount = 0;
    for (int block = 0; block < blockCount; block++) {
      if (block == 0 || blocks.series[block] != blocks.series[block - 1]) {
        seriesCount++;
      }
      if (constant >= 0 && metadata.constant(block) != constant) {
        constant = -1;
      }
    }
    if (seriesCount == blockCount) {
      return new SeriesSummaries(
          seriesCount,
          blocks.series,
          blocks.rowStart,
          blocks.firstMillis,
          blocks.lastMillis,
          blocks.sum,
          blocks.sumCompensation,
          blocks.min,
          blocks.max,
          null,
          constant);
    }
    int[] series = new int[seriesCount];
    int[] rowStart = new int[seriesCount + 1];
    int[] firstBlock = new int[seriesCount + 1];
    long[] first = new long[seriesCount];
    long[] last = new long[seriesCount];
    double[] sum = new double[seriesCount];
    double[] compensation = new double[seriesCount];
    double[] min = new double[seriesCount];
    double[] max = new double[seriesCount];
    int i = -1;
    for (int block = 0; block < blockCount; block++) {
      if (block == 0 || blocks.series[block] != blocks.series[block - 1]) {
        i++;
        series[i] = blocks.series[block];
        rowStart[i] = blocks.rowStart[block];
        firstBlock[i] = block;
        first[i] = blocks.firstMillis[block];
        sum[i] = blocks.sum[block];
        compensation[i] = blocks.sumCompensation[block];
        min[i] = blocks.min[block];
        max[i] = blocks.max[block];
      } else {
        double next = sum[i] + blocks.sum[block];
        compensation[i] +=
            Summation.error(sum[i], blocks.sum[block], next) + blocks.sumCompensation[block];
        sum[i] = next;
        min[i] = Math.min(min[i], blocks.min[block]);
        max[i] = Math.max(max[i], blocks.max[block]);
      }
      last[i] = blocks.lastMillis[block]; // a series' blocks are in time order
    }
    rowStart[seriesCount] = blocks.rowStart[blockCount];
    firstBlock[seriesCount] = blockCount;
    return new SeriesSummaries(
        seriesCount,
        series,
        rowStart,
        first,
        last,
        sum,
        compensation,
        min,
        max,
        firstBlock,
        constant);
  }

  /** Returns the rounded part of the compensated volume sum of every row. */
  public double volumeSum() {
    return totalSum;
  }

  /** Returns the compensation of {@link #volumeSum}. */
  public double volumeSumCompensation() {
    return totalCompensation;
  }

  /** Returns the smallest volume of every row. */
  public double volumeMin() {
    return totalMin;
  }

  /** Returns the largest volume of every row. */
  public double volumeMax() {
    return totalMax;
  }

  /** Returns the metadata id every row shares, or -1 when they differ. */
  public int constantMetadataId() {
    return constantMetadataId;
  }

  /** Returns the number of distinct series. */
  public int seriesCount() {
    return seriesCount;
  }

  /** Returns the series id at position {@code index}, below {@link #seriesCount}; ascending. */
  public int seriesAt(int index) {
    return series[index];
  }

  /** Returns the number of rows of the series at position {@code index}. */
  public int rows(int index) {
    return rowStart[index + 1] - rowStart[index];
  }

  /** Returns the earliest timestamp of the series at position {@code index}. */
  public long firstMillis(int index) {
    return firstMillis[index];
  }

  /** Returns the latest timestamp of the series at position {@code index}. */
  public long lastMillis(int index) {
    return lastMillis[index];
  }

  /** Returns the rounded part of the compensated volume sum of the series at {@code index}. */
  public double sum(int index) {
    return sum[index];
  }

  /** Returns the compensation of {@link #sum}. */
  public double sumCompensation(int index) {
    return sumCompensation[index];
  }

  /** Returns the smallest volume of the series at position {@code index}. */
  public double min(int index) {
    return min[index];
  }

  /** Returns the largest volume of the series at position {@code index}. */
  public double max(int index) {
    return max[index];
  }

  /** Returns the position of {@code seriesId} in the chunk, or -1 when the chunk holds none. */
  public int indexOf(int seriesId) {
    int low = 0;
    int high = seriesCount - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int value = series[middle];
      if (value < seriesId) {
        low = middle + 1;
      } else if (value > seriesId) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -1;
  }

  /** Returns the first block of the series at {@code index}; its other blocks follow it. */
  public int firstBlock(int index) {
    return firstBlock == null ? index : firstBlock[index];
  }
}
