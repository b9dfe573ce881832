package io.meterkit.jmh.store;

import io.meterkit.jmh.peer.DuckDbPeer;
import io.meterkit.jmh.peer.H2Peer;
import io.meterkit.jmh.peer.NaiveStore;
import io.meterkit.jmh.peer.SqlPeer;
import io.meterkit.jmh.state.ListState;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch ingest of the whole data set into each peer through its fastest bulk path; one operation is
 * the whole data set, so samples/s = size / (seconds per operation).
 *
 * <ul>
 *   <li>{@link #naive}: {@code ArrayList.add} of a record per sample.
 *   <li>{@link #duckDb}: DuckDB's appender into a new, empty in-memory database.
 *   <li>{@link #h2}: batched prepared inserts of 10,000 rows into a new, empty in-memory H2
 *       database, then its indexes on {@code ts} and {@code (resource_id, ts)}.
 * </ul>
 *
 * <p>Every peer gets the warm-up {@link MeterkitIngestBenchmark#recordAll} gets (the same number of
 * warm-up iterations, on the same pre-touched heap) and five measured ones, and, like meterkit, is
 * timed from an empty store to a loaded one: the database is opened before and closed after each
 * operation, outside the timed section ({@link Level#Invocation} fixtures, fine for operations of
 * seconds). An iteration runs operations until its second is over, at least one: a peer that loads
 * the data set in several seconds gets one operation per iteration.
 *
 * <p>Reference numbers: see jmh/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = MeterkitIngestBenchmark.WARMUP, time = 1)
@Measurement(iterations = 5, time = 1)
// The same fixed, pre-touched heap as MeterkitIngestBenchmark, for a fair comparison.
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class PeerIngestBenchmark {
  /**
   * Adds the data set to a new list.
   *
   * @param data the data
   * @return the list
   */
  @Benchmark
  public NaiveStore naive(ListState data) {
    NaiveStore store = new NaiveStore();
    store.addAll(data.samples);
    return store;
  }

  /**
   * Appends the data set to a new, empty DuckDB database.
   *
   * @param data the data
   * @param database the empty database of this operation
   * @return rows appended
   * @throws SQLException on a database error
   */
  @Benchmark
  public int duckDb(ListState data, EmptyDuckDb database) throws SQLException {
    database.peer.load(data.samples);
    return data.samples.size();
  }

  /**
   * Inserts the data set into a new, empty H2 database and indexes it.
   *
   * @param data the data
   * @param database the empty database of this operation
   * @return rows inserted
   * @throws SQLException on a database error
   */
  @Benchmark
  public int h2(ListState data, EmptyH2 database) throws SQLException {
    database.peer.load(data.samples);
    return data.samples.size();
  }

  /** An empty database per operation, opened and closed outside the timed section. */
  abstract static class EmptyDatabase<P extends SqlPeer> {
    /** The empty database. */
    public P peer;

    abstract P open() throws SQLException;

    /**
     * Opens an empty database.
     *
     * @throws SQLException when it cannot be opened
     */
    @Setup(Level.Invocation)
    public void openEmpty() throws SQLException {
      peer = open();
    }

    /**
     * Drops the loaded database.
     *
     * @throws SQLException when it cannot be closed
     */
    @TearDown(Level.Invocation)
    public void close() throws SQLException {
      peer.close();
      peer = null;
    }
  }

  /**
   * An empty DuckDB database per operation.
   *
   * <p>JMH state; one per thread.
   */
  @State(Scope.Thread)
  public static class EmptyDuckDb extends EmptyDatabase<DuckDbPeer> {
    @Override
    DuckDbPeer open() throws SQLException {
      return DuckDbPeer.open();
    }
  }

  /**
   * An empty H2 database per operation.
   *
   * <p>JMH state; one per thread.
   */
  @State(Scope.Thread)
  public static class EmptyH2 extends EmptyDatabase<H2Peer> {
    @Override
    H2Peer open() throws SQLException {
      return H2Peer.open();
    }
  }
}
