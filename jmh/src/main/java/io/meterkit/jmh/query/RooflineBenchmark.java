package io.meterkit.jmh.query;

import io.meterkit.core.Summation;
import io.meterkit.jmh.state.RooflineState;
import io.meterkit.jmh.state.SummaryColumns;
import io.meterkit.jmh.state.SummaryState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the hardware allows on the same N: the loops a query over plain columns cannot beat by
 * scanning, and the loops a summary fold over plain arrays cannot beat.
 *
 * <ul>
 *   <li>{@link #sumDoubles}: sum a {@code double[]} of N with 4 independent accumulators (memory
 *       bandwidth bound).
 *   <li>{@link #rangeFilterSum}: Q1's shape as a row scan; test every timestamp of a sorted {@code
 *       long[]} against {@code [from, to)} (no binary search) and sum the matching volumes.
 *   <li>{@link #blockSummaryFold}: Q1 as a fold of block summaries over {@link SummaryColumns}
 *       (meterkit's layout in plain arrays: chunks of 65,536 rows, blocks of at most 128 rows of
 *       one resource): count, compensated sum, min and max of every block inside the range from its
 *       summary, and of the rows inside the range of the blocks at its edges.
 *   <li>{@link #chunkSummaryFold}: the same, folding a chunk inside the range from its summary.
 * </ul>
 *
 * <p>The last two are the honest bounds for a store that folds summaries, as meterkit does; the row
 * scan shows what skipping saves. Reference numbers: see jmh/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = MeterkitQueryBenchmark.WARMUP, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1536m", "-Xmx1536m", "-XX:+AlwaysPreTouch"})
public class RooflineBenchmark {
  /**
   * Sums every volume.
   *
   * @param s the columns
   * @return the sum
   */
  @Benchmark
  public double sumDoubles(RooflineState s) {
    return sum(s.volumes);
  }

  /**
   * Sums the volumes whose timestamp is in Q1's range.
   *
   * @param s the columns
   * @return the sum
   */
  @Benchmark
  public double rangeFilterSum(RooflineState s) {
    return rangeSum(s.timestamps, s.volumes, s.workload.q1FromMillis(), s.workload.q1ToMillis());
  }

  /**
   * Q1 folded from block summaries.
   *
   * @param s the summary columns
   * @return a combination of count, sum, min and max (so none is dead code)
   */
  @Benchmark
  public double blockSummaryFold(SummaryState s) {
    return fold(s.columns, s.workload.q1FromMillis(), s.workload.q1ToMillis(), false);
  }

  /**
   * Q1 folded from chunk summaries, and block summaries at the range's edges.
   *
   * @param s the summary columns
   * @return a combination of count, sum, min and max (so none is dead code)
   */
  @Benchmark
  public double chunkSummaryFold(SummaryState s) {
    return fold(s.columns, s.workload.q1FromMillis(), s.workload.q1ToMillis(), true);
  }

  /**
   * Returns count + sum + min + max of the volumes whose timestamps lie in {@code [from, to)}:
   * chunks and blocks that miss the range are skipped, blocks (and, with {@code wholeChunks},
   * chunks) inside it folded from their summaries, the rows of the others tested one by one.
   *
   * @param c the columns
   * @param from range start, inclusive
   * @param to range end, exclusive
   * @param wholeChunks whether to fold a chunk inside the range from its summary
   * @return {@code count + sum + min + max}, or NaN-free infinities when nothing matched
   */
  public static double fold(SummaryColumns c, long from, long to, boolean wholeChunks) {
    long count = 0;
    double sum = 0;
    double compensation = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int chunk = 0; chunk < c.chunkCount(); chunk++) {
      if (c.chunkLast[chunk] < from || c.chunkFirst[chunk] >= to) {
        continue;
      }
      if (wholeChunks && c.chunkFirst[chunk] >= from && c.chunkLast[chunk] < to) {
        count += c.chunkCount[chunk];
        double next = sum + c.chunkSum[chunk];
        compensation += Summation.error(sum, c.chunkSum[chunk], next) + c.chunkCompensation[chunk];
        sum = next;
        min = Math.min(min, c.chunkMin[chunk]);
        max = Math.max(max, c.chunkMax[chunk]);
        continue;
      }
      for (int b = c.chunkBlockStart[chunk]; b < c.chunkBlockStart[chunk + 1]; b++) {
        long first = c.blockFirst[b];
        long last = c.blockLast[b];
        if (last < from || first >= to) {
          continue;
        }
        if (first >= from && last < to) {
          count += c.blockRowStart[b + 1] - c.blockRowStart[b];
          double next = sum + c.blockSum[b];
          compensation += Summation.error(sum, c.blockSum[b], next) + c.blockCompensation[b];
          sum = next;
          min = Math.min(min, c.blockMin[b]);
          max = Math.max(max, c.blockMax[b]);
          continue;
        }
        for (int i = c.blockRowStart[b]; i < c.blockRowStart[b + 1]; i++) {
          long t = c.timestamps[i];
          if (t >= from && t < to) {
            double v = c.volumes[i];
            count++;
            double next = sum + v;
            compensation += Summation.error(sum, v, next);
            sum = next;
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
    }
    return count + (sum + compensation) + min + max;
  }

  /**
   * Returns the sum of {@code values}, added with 4 accumulators.
   *
   * @param values the values
   * @return their sum
   */
  public static double sum(double[] values) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < values.length; i += 4) {
      s0 += values[i];
      s1 += values[i + 1];
      s2 += values[i + 2];
      s3 += values[i + 3];
    }
    for (; i < values.length; i++) {
      s0 += values[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Returns the sum of the {@code volumes[i]} whose {@code timestamps[i]} lies in {@code [from,
   * to)}, testing every row (the branch is predictable on sorted input).
   *
   * @param timestamps the timestamps
   * @param volumes the volumes, parallel to {@code timestamps}
   * @param from range start, inclusive
   * @param to range end, exclusive
   * @return the sum
   */
  public static double rangeSum(long[] timestamps, double[] volumes, long from, long to) {
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (; i + 1 < timestamps.length; i += 2) {
      long t0 = timestamps[i];
      long t1 = timestamps[i + 1];
      if (t0 >= from && t0 < to) {
        s0 += volumes[i];
      }
      if (t1 >= from && t1 < to) {
        s1 += volumes[i + 1];
      }
    }
    for (; i < timestamps.length; i++) {
      long t = timestamps[i];
      if (t >= from && t < to) {
        s0 += volumes[i];
      }
    }
    return s0 + s1;
  }
}
