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
 * <p>Reference numbers: see jmh/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The warm-up meterkit's queries get; five measured iterations of a second.
@Warmup(iterations = MeterkitQueryBenchmark.WARMUP, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
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
