package io.meterkit.jmh.query;

import io.meterkit.jmh.state.NaiveState;
import java.util.DoubleSummaryStatistics;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Q1–Q4 on the naive baseline: an {@code ArrayList} of records and Java streams.
 *
 * <p>Reference numbers (jmh/run.sh on 2026-11-23, second run: 2 vCPU AMD EPYC, OpenJDK 17.0.15,
 * otherwise idle machine, pre-touched heaps; see jmh/README.md):
 *
 * <ul>
 *   <li>{@code q1}: 6.49 ms at 1 M, 42.5 ms at 10 M
 *   <li>{@code q2}: 12.6 ms at 1 M, 115 ms at 10 M
 *   <li>{@code q3}: 38.5 ms at 1 M, 55.4 ms at 10 M
 *   <li>{@code q4}: 7.51 ms at 1 M, 59.0 ms at 10 M
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class NaiveQueryBenchmark {
  /**
   * Q1.
   *
   * @param s the loaded list
   * @return the summary
   */
  @Benchmark
  public DoubleSummaryStatistics q1(NaiveState s) {
    return s.store.q1(s.workload);
  }

  /**
   * Q2.
   *
   * @param s the loaded list
   * @return per project
   */
  @Benchmark
  public TreeMap<String, DoubleSummaryStatistics> q2(NaiveState s) {
    return s.store.q2(s.workload);
  }

  /**
   * Q3.
   *
   * @param s the loaded list
   * @return per hour and resource
   */
  @Benchmark
  public TreeMap<Long, TreeMap<String, DoubleSummaryStatistics>> q3(NaiveState s) {
    return s.store.q3(s.workload);
  }

  /**
   * Q4.
   *
   * @param s the loaded list
   * @return the maximum
   */
  @Benchmark
  public OptionalDouble q4(NaiveState s) {
    return s.store.q4(s.workload);
  }
}
