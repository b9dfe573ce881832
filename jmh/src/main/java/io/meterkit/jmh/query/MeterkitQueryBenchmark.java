package io.meterkit.jmh.query;

import io.meterkit.jmh.state.MeterkitState;
import io.meterkit.query.Statistics;
import java.util.List;
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
 * <p>REFERENCE_NUMBERS
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx16g"})
public class MeterkitQueryBenchmark {
  /**
   * Q1: count, sum, avg, min, max over the second half of the data.
   *
   * @param s the loaded store
   * @return one row
   */
  @Benchmark
  public List<Statistics> q1(MeterkitState s) {
    return s.engine.statistics(s.snapshot, s.queries.q1());
  }

  /**
   * Q2: Q1 grouped by project.
   *
   * @param s the loaded store
   * @return one row per project
   */
  @Benchmark
  public List<Statistics> q2(MeterkitState s) {
    return s.engine.statistics(s.snapshot, s.queries.q2());
  }

  /**
   * Q3: per resource and hour over one day.
   *
   * @param s the loaded store
   * @return one row per (hour, resource)
   */
  @Benchmark
  public List<Statistics> q3(MeterkitState s) {
    return s.engine.statistics(s.snapshot, s.queries.q3());
  }

  /**
   * Q4: max volume of one resource over one day.
   *
   * @param s the loaded store
   * @return one row
   */
  @Benchmark
  public List<Statistics> q4(MeterkitState s) {
    return s.engine.statistics(s.snapshot, s.queries.q4());
  }
}
