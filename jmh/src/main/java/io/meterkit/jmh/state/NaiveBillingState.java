package io.meterkit.jmh.state;

import io.meterkit.jmh.peer.NaiveBilling;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The naive billing baseline loaded with the trial's gauge samples and their {@link
 * CounterSamples}.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class NaiveBillingState {
  /** The loaded lists. */
  public NaiveBilling store;

  /** The query parameters. */
  public Workload workload;

  /**
   * Loads the data.
   *
   * @param data the trial's data
   */
  @Setup(Level.Trial)
  public void load(DataState data) {
    store = new NaiveBilling();
    store.addAll(data.samples(), CounterSamples.of(data.samples()));
    workload = data.workload;
  }
}
