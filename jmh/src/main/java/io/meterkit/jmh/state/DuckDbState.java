package io.meterkit.jmh.state;

import io.meterkit.jmh.peer.DuckDbPeer;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An in-memory DuckDB database (2 threads) loaded with the trial's data, queries prepared.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class DuckDbState {
  /** The loaded database. */
  public DuckDbPeer peer;

  /**
   * Loads the data and prepares Q1–Q4.
   *
   * @param data the trial's data
   * @throws SQLException on a database error
   */
  @Setup(Level.Trial)
  public void load(DataState data) throws SQLException {
    peer = DuckDbPeer.open();
    peer.load(data.samples());
    peer.prepare(data.workload);
  }

  /**
   * Drops the database.
   *
   * @throws SQLException on a database error
   */
  @TearDown(Level.Trial)
  public void close() throws SQLException {
    peer.close();
  }
}
