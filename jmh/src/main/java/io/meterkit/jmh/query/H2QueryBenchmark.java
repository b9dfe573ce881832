package io.meterkit.jmh.query;

import io.meterkit.jmh.peer.ResultRow;
import io.meterkit.jmh.state.H2State;
import java.sql.SQLException;
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
 * Q1–Q4 on H2 (in-memory, indexes on {@code ts} and {@code (resource_id, ts)}) through JDBC
 * prepared statements, rows materialised.
 *
 * <p>Unlike the meterkit, naive and roofline benchmarks these run in the JMH host JVM
 * ({@code @Fork(0)}), where the four queries share the database {@link H2State} loads once per
 * size: H2 loads 10 M rows in minutes and answers Q1 in seconds, so forks would cost more than the
 * whole suite's budget. The price is that the four queries share one JIT profile, as they would in
 * an application.
 *
 * <p>Reference numbers: see jmh/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The warm-up meterkit's queries get; five measured iterations of a second.
@Warmup(iterations = MeterkitQueryBenchmark.WARMUP, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 1)
// Fork 0: run in the JMH host JVM (started by run.sh with -Xmx16g), sharing one loaded database
// per size (see H2State); a fork per query would spend a minute loading 10 M rows each time.
@Fork(0)
public class H2QueryBenchmark {
  /**
   * Q1.
   *
   * @param s the loaded database
   * @return one row
   * @throws SQLException on a database error
   */
  @Benchmark
  public ResultRow q1(H2State s) throws SQLException {
    return s.peer.q1();
  }

  /**
   * Q2.
   *
   * @param s the loaded database
   * @return per project
   * @throws SQLException on a database error
   */
  @Benchmark
  public List<ResultRow> q2(H2State s) throws SQLException {
    return s.peer.q2();
  }

  /**
   * Q3.
   *
   * @param s the loaded database
   * @return per hour and resource
   * @throws SQLException on a database error
   */
  @Benchmark
  public List<ResultRow> q3(H2State s) throws SQLException {
    return s.peer.q3();
  }

  /**
   * Q4.
   *
   * @param s the loaded database
   * @return the maximum
   * @throws SQLException on a database error
   */
  @Benchmark
  public Double q4(H2State s) throws SQLException {
    return s.peer.q4();
  }
}
