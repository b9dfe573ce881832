package io.meterkit.jmh.query;

import io.meterkit.jmh.peer.ResultRow;
import io.meterkit.jmh.state.DuckDbState;
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
 * Q1–Q4 on DuckDB (in-memory, 2 threads) through JDBC prepared statements, rows materialised.
 *
 * <p>Like {@link H2QueryBenchmark}, these run in the JMH host JVM ({@code @Fork(0)}) and share the
 * database {@link DuckDbState} loads once per size; DuckDB runs natively, so only the JDBC glue
 * shares a JIT profile.
 *
 * <p>Reference numbers: see jmh/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The warm-up meterkit's queries get; five measured iterations of a second.
@Warmup(iterations = MeterkitQueryBenchmark.WARMUP, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 1)
// Fork 0: run in the JMH host JVM (started by run.sh with -Xmx16g), sharing one loaded database
// per size (see DuckDbState); a fork per query would spend half a minute loading 10 M rows each.
@Fork(0)
public class DuckDbQueryBenchmark {
  /**
   * Q1.
   *
   * @param s the loaded database
   * @return one row
   * @throws SQLException on a database error
   */
  @Benchmark
  public ResultRow q1(DuckDbState s) throws SQLException {
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
  public List<ResultRow> q2(DuckDbState s) throws SQLException {
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
  public List<ResultRow> q3(DuckDbState s) throws SQLException {
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
  public Double q4(DuckDbState s) throws SQLException {
    return s.peer.q4();
  }
}
