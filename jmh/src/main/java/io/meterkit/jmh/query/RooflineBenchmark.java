package io.meterkit.jmh.query;

import io.meterkit.jmh.state.RooflineState;
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
 * scanning (only by skipping, as meterkit's block summaries do).
 *
 * <ul>
 *   <li>{@link #sumDoubles}: sum a {@code double[]} of N with 4 independent accumulators (memory
 *       bandwidth bound).
 *   <li>{@link #rangeFilterSum}: Q1's shape; test every timestamp of a sorted {@code long[]}
 *       against {@code [from, to)} (no binary search) and sum the matching volumes.
 * </ul>
 *
 * <p>Reference numbers (jmh/run.sh on 2026-11-23, second run: 2 vCPU AMD EPYC, OpenJDK 17.0.15,
 * otherwise idle machine, pre-touched heaps; see jmh/README.md):
 *
 * <ul>
 *   <li>{@code rangeFilterSum}: 522 µs at 1 M, 4.78 ms at 10 M
 *   <li>{@code sumDoubles}: 200 µs at 1 M, 2.40 ms at 10 M
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
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
