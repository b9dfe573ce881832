package io.meterkit.jmh.query;

import io.meterkit.jmh.state.NaiveBillingState;
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
 * The billing aggregates on the naive baseline ({@link io.meterkit.jmh.peer.NaiveBilling}): the
 * same questions as {@link MeterkitBillingBenchmark}, answered from lists with streams, a sort per
 * series and hour-by-hour splits.
 *
 * <p>Reference numbers: not measured yet (the suite's next full run of {@code jmh/run.sh} adds them
 * here and to jmh/README.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class NaiveBillingBenchmark {
  /**
   * Reset-aware increase of the counter per project and hour.
   *
   * @param s the loaded lists
   * @return hour to project to increase
   */
  @Benchmark
  public TreeMap<Long, TreeMap<String, Double>> increase(NaiveBillingState s) {
    return s.store.increase(s.workload);
  }

  /**
   * Gauge integral per project and hour.
   *
   * @param s the loaded lists
   * @return hour to project to integral
   */
  @Benchmark
  public TreeMap<Long, TreeMap<String, Double>> integral(NaiveBillingState s) {
    return s.store.integral(s.workload);
  }

  /**
   * Time-weighted average per project and hour.
   *
   * @param s the loaded lists
   * @return hour to project to average
   */
  @Benchmark
  public TreeMap<Long, TreeMap<String, Double>> twa(NaiveBillingState s) {
    return s.store.twa(s.workload);
  }

  /**
   * The 95th percentile per resource over the day.
   *
   * @param s the loaded lists
   * @return resource to percentile
   */
  @Benchmark
  public TreeMap<String, Double> percentile(NaiveBillingState s) {
    return s.store.percentile(s.workload, 95);
  }
}
