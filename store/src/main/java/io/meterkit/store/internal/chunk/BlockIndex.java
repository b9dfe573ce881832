package io.meterkit.store.internal.chunk;

/**
 * Where the blocks of a {@link Chunk} lie and what each holds in summary, in parallel arrays
 * indexed by block number (structure of arrays): its series, its first row, its first and last
 * timestamp, the store-wide arrival number of its last row, and its volume summary (compensated
 * sum, min, max). Blocks are sorted by series, so the blocks of one series are found by binary
 * search.
 *
 * <p>Concurrency contract: filled in place by the one thread that encodes or reads the chunk, then
 * never written again; the chunk that holds it publishes it.
 */
final class BlockIndex {
  final int[] series;
  final int[] rowStart; // one more entry than blocks: rowStart[count()] is the chunk's row count
  final long[] firstMillis;
  final long[] lastMillis;
  final long[] lastArrival; // of the block's last row, which is its latest (rows are time-sorted)
  final double[] sum;
  final double[] sumCompensation;
  final double[] min;
  final double[] max;

  BlockIndex(int blockCount) {
    series = new int[blockCount];
    rowStart = new int[blockCount + 1];
    firstMillis = new long[blockCount];
    lastMillis = new long[blockCount];
    lastArrival = new long[blockCount];
    sum = new double[blockCount];
    sumCompensation = new double[blockCount];
    min = new double[blockCount];
    max = new double[blockCount];
  }

  int count() {
    return series.length;
  }

  int rows(int block) {
    return rowStart[block + 1] - rowStart[block];
  }

  /**
   * Returns the first block whose series is {@code >= seriesId} (lower bound), or {@link #count}.
   */
  int lowerBound(int seriesId) {
    int low = 0;
    int high = series.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (series[middle] < seriesId) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
