package io.meterkit.jmh.state;

import io.meterkit.jmh.peer.NaiveStore;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The naive baseline loaded with the trial's data.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class NaiveState {
  /** The loaded list. */
  public NaiveStore store;

  /** The query parameters. */
  public Workload workload;

  /**
   * Loads the data.
   *
   * @param data the trial's data
   */
  @Setup(Level.Trial)
  public void load(DataState data) {
    store = new NaiveStore();
    store.addAll(data.samples());
    workload = data.workload;
  }
}
