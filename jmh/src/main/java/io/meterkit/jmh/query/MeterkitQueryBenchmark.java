package io.meterkit.jmh.query;

import io.meterkit.jmh.state.MeterkitState;
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
 * Q1–Q4 through meterkit's public query API: {@code engine.statistics(snapshot, query)} on a
 * snapshot taken once after loading, queries built once.
 *
 * <p>Reference numbers: see jmh/README.md.
 *
 * <p>Q3's time is mostly building its 24,000 result rows (a {@link StatisticsResult} of primitive
 * columns). Ten measured iterations of half a second: the 99.9% confidence half-width of ten
 * iterations is about 1.5 standard deviations, so a row is reported (half-width within 20% of the
 * mean) unless its iterations vary by more than about 13%.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = MeterkitQueryBenchmark.WARMUP, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
// 1 GB holds the store (about 12 bytes a sample) and Q3's garbage many times over.
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class MeterkitQueryBenchmark {
  /** Warm-up iterations (of half a second) of every query benchmark, meterkit's and the peers'. */
  public static final int WARMUP = 3;

  /**
   * Q1: count, sum, avg, min, max over the second half of the data.
   *
   * @param s the loaded store
   * @return one row
   */
  @Benchmark
  public StatisticsResult q1(MeterkitState s) {
    return s.engine.statistics(s.snapshot, s.queries.q1());
  }

  /**
   * Q2: Q1 grouped by project.
   *
   * @param s the loaded store
   * @return one row per project
   */
  @Benchmark
  public StatisticsResult q2(MeterkitState s) {
    return s.engine.statistics(s.snapshot, s.queries.q2());
  }

  /**
   * Q3: per resource and hour over one day.
   *
   * @param s the loaded store
   * @return one row per (hour, resource)
   */
  @Benchmark
  public StatisticsResult q3(MeterkitState s) {
    return s.engine.statistics(s.snapshot, s.queries.q3());
  }

  /**
   * Q4: max volume of one resource over one day.
   *
   * @param s the loaded store
   * @return one row
   */
  @Benchmark
  public StatisticsResult q4(MeterkitState s) {
    return s.engine.statistics(s.snapshot, s.queries.q4());
  }
}
