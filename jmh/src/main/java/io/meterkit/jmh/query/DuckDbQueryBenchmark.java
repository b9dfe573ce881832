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
 * <p>REFERENCE_NUMBERS
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx16g"})
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
