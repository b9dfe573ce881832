package io.meterkit.jmh.state;

import io.meterkit.jmh.peer.H2Peer;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An in-memory H2 database loaded with the trial's data, queries prepared.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class H2State {
  /** The loaded database. */
  public H2Peer peer;

  /**
   * Loads the data and prepares Q1–Q4.
   *
   * @param data the trial's data
   * @throws SQLException on a database error
   */
  @Setup(Level.Trial)
  public void load(DataState data) throws SQLException {
    peer = H2Peer.open();
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
