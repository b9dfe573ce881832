package io.meterkit.jmh.query;

import io.meterkit.jmh.state.MeterkitState;
import io.meterkit.query.Statistics;
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
 * <p>Reference numbers (jmh/run.sh on 2026-11-23, second run: 2 vCPU AMD EPYC, OpenJDK 17.0.15,
 * otherwise idle machine, pre-touched heaps; see jmh/README.md):
 *
 * <ul>
 *   <li>{@code q1}: 245 µs at 1 M, 950 µs at 10 M
 *   <li>{@code q2}: 269 µs at 1 M, 1.61 ms at 10 M
 *   <li>{@code q3}: 5.39 ms at 1 M, 5.33 ms at 10 M
 *   <li>{@code q4}: 6.3 µs at 1 M, 4.9 µs at 10 M
 * </ul>
 *
 * <p>Q3 and Q4 vary most between iterations (99.9% half-widths of 4.42 ms and 4.9 µs at 1 M in that
 * run). Q3's time was then mostly building its 24,000 result rows: 9.18 MB allocated per query,
 * about 380 B per row (a {@link Statistics} record each, with boxed durations); the result is now a
 * {@link StatisticsResult} of primitive columns, about 81 B per row in {@code
 * QueryAllocationTest}'s Q3 shape, to be re-measured. Q4 allocates 12.8 KB per query, its plan (a
 * group number per series of the meter) and scan state.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class MeterkitQueryBenchmark {
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
