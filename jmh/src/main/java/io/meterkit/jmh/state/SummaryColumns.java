package io.meterkit.jmh.state;

import io.meterkit.core.Sample;
import io.meterkit.core.Summation;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The data laid out as a store of plain arrays would hold it for a summary fold, the input of the
 * summary-fold rooflines: rows cut into chunks of {@value #CHUNK_ROWS} in delivery order (as
 * meterkit seals them), each chunk's rows sorted by (resource, timestamp) and cut into blocks of at
 * most {@value #BLOCK_ROWS} rows of one resource; per block and per chunk a summary (first and last
 * timestamp, count, compensated sum, min, max) in parallel arrays; the rows' timestamps and volumes
 * in block order, uncompressed.
 *
 * <p>Immutable once built; thread-safe.
 */
public final class SummaryColumns {
  /** Rows per chunk, as meterkit's default. */
  public static final int CHUNK_ROWS = 65_536;

  /** The most rows of a block, as meterkit's. */
  public static final int BLOCK_ROWS = 128;

  /** Row timestamps, in block order. */
  public final long[] timestamps;

  /** Row volumes, in block order. */
  public final double[] volumes;

  /** Per block: its first row; one more entry, the row count. */
  public final int[] blockRowStart;

  /** Per block: its first (earliest) timestamp. */
  public final long[] blockFirst;

  /** Per block: its last (latest) timestamp. */
  public final long[] blockLast;

  /** Per block: the rounded part of its compensated volume sum. */
  public final double[] blockSum;

  /** Per block: the compensation of its sum. */
  public final double[] blockCompensation;

  /** Per block: its smallest volume. */
  public final double[] blockMin;

  /** Per block: its largest volume. */
  public final double[] blockMax;

  /** Per chunk: its first block; one more entry, the block count. */
  public final int[] chunkBlockStart;

  /** Per chunk: its smallest timestamp. */
  public final long[] chunkFirst;

  /** Per chunk: its largest timestamp. */
  public final long[] chunkLast;

  /** Per chunk: its row count. */
  public final long[] chunkCount;

  /** Per chunk: the rounded part of its compensated volume sum. */
  public final double[] chunkSum;

  /** Per chunk: the compensation of its sum. */
  public final double[] chunkCompensation;

  /** Per chunk: its smallest volume. */
  public final double[] chunkMin;

  /** Per chunk: its largest volume. */
  public final double[] chunkMax;

  private SummaryColumns(int rows, int blocks, int chunks) {
    timestamps = new long[rows];
    volumes = new double[rows];
    blockRowStart = new int[blocks + 1];
    blockFirst = new long[blocks];
    blockLast = new long[blocks];
    blockSum = new double[blocks];
    blockCompensation = new double[blocks];
    blockMin = new double[blocks];
    blockMax = new double[blocks];
    chunkBlockStart = new int[chunks + 1];
    chunkFirst = new long[chunks];
    chunkLast = new long[chunks];
    chunkCount = new long[chunks];
    chunkSum = new double[chunks];
    chunkCompensation = new double[chunks];
    chunkMin = new double[chunks];
    chunkMax = new double[chunks];
  }

  /** Returns the number of chunks. */
  public int chunkCount() {
    return chunkFirst.length;
  }

  /**
   * Lays out {@code count} samples.
   *
   * @param samples the samples in delivery order
   * @param count how many there are
   * @return the columns
   */
  public static SummaryColumns of(Iterable<Sample> samples, int count) {
    long[] ts = new long[count];
    double[] vs = new double[count];
    int[] resource = new int[count];
    Map<String, Integer> resources = new HashMap<>();
    int n = 0;
    for (Sample sample : samples) {
      ts[n] = sample.timestampMillis();
      vs[n] = sample.volume();
      resource[n++] = resources.computeIfAbsent(sample.resourceId(), id -> resources.size());
    }
    int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int blocks = 0;
    for (int c = 0; c < chunks; c++) {
      int from = c * CHUNK_ROWS;
      int to = Math.min(n, from + CHUNK_ROWS);
      IntArrays.mergeSort(
          order,
          from,
          to,
          (a, b) ->
              resource[a] != resource[b]
                  ? Integer.compare(resource[a], resource[b])
                  : Long.compare(ts[a], ts[b]));
      int rowsInBlock = 0;
      for (int i = from; i < to; i++) {
        if (i == from
            || resource[order[i]] != resource[order[i - 1]]
            || rowsInBlock == BLOCK_ROWS) {
          blocks++;
          rowsInBlock = 0;
        }
        rowsInBlock++;
      }
    }
    SummaryColumns columns = new SummaryColumns(n, blocks, chunks);
    columns.fill(ts, vs, resource, order, chunks);
    return columns;
  }

  private void fill(long[] ts, double[] vs, int[] resource, int[] order, int chunks) {
    int n = order.length;
    int block = -1;
    int rowsInBlock = 0;
    for (int c = 0; c < chunks; c++) {
      int from = c * CHUNK_ROWS;
      int to = Math.min(n, from + CHUNK_ROWS);
      chunkBlockStart[c] = block + 1;
      for (int i = from; i < to; i++) {
        int row = order[i];
        timestamps[i] = ts[row];
        volumes[i] = vs[row];
        if (i == from || resource[row] != resource[order[i - 1]] || rowsInBlock == BLOCK_ROWS) {
          block++;
          blockRowStart[block] = i;
          rowsInBlock = 0;
        }
        rowsInBlock++;
      }
    }
    blockRowStart[block + 1] = n;
    chunkBlockStart[chunks] = block + 1;
    for (int b = 0; b <= block; b++) {
      summarise(b);
    }
    for (int c = 0; c < chunks; c++) {
      chunkFirst[c] = Long.MAX_VALUE;
      chunkLast[c] = Long.MIN_VALUE;
      chunkMin[c] = Double.POSITIVE_INFINITY;
      chunkMax[c] = Double.NEGATIVE_INFINITY;
      for (int b = chunkBlockStart[c]; b < chunkBlockStart[c + 1]; b++) {
        chunkFirst[c] = Math.min(chunkFirst[c], blockFirst[b]);
        chunkLast[c] = Math.max(chunkLast[c], blockLast[b]);
        chunkCount[c] += blockRowStart[b + 1] - blockRowStart[b];
        double next = chunkSum[c] + blockSum[b];
        chunkCompensation[c] +=
            Summation.error(chunkSum[c], blockSum[b], next) + blockCompensation[b];
        chunkSum[c] = next;
        chunkMin[c] = Math.min(chunkMin[c], blockMin[b]);
        chunkMax[c] = Math.max(chunkMax[c], blockMax[b]);
      }
    }
  }

  private void summarise(int b) {
    int start = blockRowStart[b];
    int end = blockRowStart[b + 1];
    double sum = volumes[start];
    double compensation = 0;
    double min = sum;
    double max = sum;
    for (int i = start + 1; i < end; i++) {
      double next = sum + volumes[i];
      compensation += Summation.error(sum, volumes[i], next);
      sum = next;
      min = Math.min(min, volumes[i]);
      max = Math.max(max, volumes[i]);
    }
    blockFirst[b] = timestamps[start];
    blockLast[b] = timestamps[end - 1];
    blockSum[b] = sum;
    blockCompensation[b] = compensation;
    blockMin[b] = min;
    blockMax[b] = max;
  }
}
