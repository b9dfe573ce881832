package io.meterkit.jmh.store;

import io.meterkit.jmh.peer.DuckDbPeer;
import io.meterkit.jmh.peer.H2Peer;
import io.meterkit.jmh.peer.NaiveStore;
import io.meterkit.jmh.state.ListState;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch ingest of the whole data set into each peer through its fastest bulk path; one operation is
 * the whole data set, so samples/s = size / (seconds per operation).
 *
 * <ul>
 *   <li>{@link #naive}: {@code ArrayList.add} of a record per sample.
 *   <li>{@link #duckDb}: DuckDB's appender into a new in-memory database (closed in the operation).
 *   <li>{@link #h2}: batched prepared inserts of 10,000 rows into a new in-memory H2 database, then
 *       the index on {@code ts} (database dropped in the operation).
 * </ul>
 *
 * <p>One operation takes seconds (DuckDB, H2: tens of seconds at 10 M), so DuckDB and H2 get one
 * measured operation and no warmup: the per-row loop is compiled within the first fraction of a
 * second, a small part of an operation.
 *
 * <p>Reference numbers (jmh/run.sh on 2026-11-23, second run: 2 vCPU AMD EPYC, OpenJDK 17.0.15,
 * otherwise idle machine, pre-touched heaps; see jmh/README.md):
 *
 * <ul>
 *   <li>{@code duckDb}: 0.37 M samples/s at 1 M, 0.44 M samples/s at 10 M
 *   <li>{@code h2}: 0.17 M samples/s at 1 M
 *   <li>{@code naive}: 10.8 M samples/s at 1 M, 11.9 M samples/s at 10 M
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The same fixed, pre-touched heap as MeterkitIngestBenchmark, for a fair comparison.
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class PeerIngestBenchmark {
  /**
   * Adds the data set to a new list.
   *
   * @param data the data
   * @return the list
   */
  @Benchmark
  @Warmup(iterations = 4, time = 1)
  @Measurement(iterations = 3, time = 1)
  public NaiveStore naive(ListState data) {
    NaiveStore store = new NaiveStore();
    store.addAll(data.samples);
    return store;
  }

  /**
   * Appends the data set to a new DuckDB database.
   *
   * @param data the data
   * @return rows appended
   * @throws SQLException on a database error
   */
  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1, time = 1)
  public int duckDb(ListState data) throws SQLException {
    try (DuckDbPeer peer = DuckDbPeer.open()) {
      peer.load(data.samples);
      return data.samples.size();
    }
  }

  /**
   * Inserts the data set into a new H2 database and indexes it.
   *
   * @param data the data
   * @return rows inserted
   * @throws SQLException on a database error
   */
  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1, time = 1)
  public int h2(ListState data) throws SQLException {
    try (H2Peer peer = H2Peer.open()) {
      peer.load(data.samples);
      return data.samples.size();
    }
  }
}
