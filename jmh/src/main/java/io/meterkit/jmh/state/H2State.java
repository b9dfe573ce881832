package io.meterkit.jmh.state;

import io.meterkit.jmh.peer.H2Peer;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An in-memory H2 database loaded with the trial's data, queries prepared.
 *
 * <p>Loading 10 M rows into H2 takes minutes on the reference machine, so the database of each size
 * is loaded once per JVM and kept for the JVM's lifetime: the H2 query benchmarks run in the JMH
 * host JVM ({@code @Fork(0)}) and share it, instead of loading it again in a fork per query. The
 * databases vanish when the JVM exits.
 *
 * <p>JMH state; one instance per trial, sharing a JVM-wide database per size.
 */
@State(Scope.Benchmark)
public class H2State {
  private static final Map<Integer, H2Peer> LOADED = new HashMap<>();

  /** The loaded database. */
  public H2Peer peer;

  /**
   * Loads the data and prepares Q1–Q4, unless this JVM already did for this size.
   *
   * @param data the trial's data
   * @throws SQLException on a database error
   */
  @Setup(Level.Trial)
  public void load(DataState data) throws SQLException {
    synchronized (LOADED) {
      peer = LOADED.get(data.size);
      if (peer == null) {
        peer = H2Peer.open();
        peer.load(data.samples());
        peer.prepare(data.workload);
        LOADED.put(data.size, peer);
      }
    }
  }

  /**
   * Drops every database loaded by this JVM (for tests).
   *
   * @throws SQLException on a database error
   */
  public static void closeAll() throws SQLException {
    synchronized (LOADED) {
      for (H2Peer loaded : LOADED.values()) {
        loaded.close();
      }
      LOADED.clear();
    }
  }
}
