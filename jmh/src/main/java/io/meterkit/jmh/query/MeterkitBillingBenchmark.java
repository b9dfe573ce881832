package io.meterkit.jmh.query;

import io.meterkit.jmh.state.BillingState;
import io.meterkit.query.StatisticsResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The billing aggregates through meterkit's public query API, one benchmark each, over the Q3 day
 * (see {@link io.meterkit.jmh.state.BillingQueries}): {@code engine.statistics(snapshot, query)} on
 * a snapshot taken once after loading the gauge and its derived counter, queries built once.
 * Compare with {@link NaiveBillingBenchmark}, the same answers from lists and streams.
 *
 * <p>Reference numbers: not measured yet (the suite's next full run of {@code jmh/run.sh} adds them
 * here and to jmh/README.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class MeterkitBillingBenchmark {
  /**
   * Reset-aware increase of the counter per project and hour.
   *
   * @param s the loaded store
   * @return 50 x 24 rows
   */
  @Benchmark
  public StatisticsResult increase(BillingState s) {
    return s.engine.statistics(s.snapshot, s.queries.increase());
  }

  /**
   * Gauge integral per project and hour.
   *
   * @param s the loaded store
   * @return 50 x 24 rows
   */
  @Benchmark
  public StatisticsResult integral(BillingState s) {
    return s.engine.statistics(s.snapshot, s.queries.integral());
  }

  /**
   * Time-weighted average per project and hour.
   *
   * @param s the loaded store
   * @return 50 x 24 rows
   */
  @Benchmark
  public StatisticsResult twa(BillingState s) {
    return s.engine.statistics(s.snapshot, s.queries.twa());
  }

  /**
   * The 95th percentile per resource over the day.
   *
   * @param s the loaded store
   * @return 1,000 rows
   */
  @Benchmark
  public StatisticsResult percentile(BillingState s) {
    return s.engine.statistics(s.snapshot, s.queries.percentile());
  }
}
