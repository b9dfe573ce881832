package io.meterkit.jmh.state;

import io.meterkit.core.Sample;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The trial's samples materialised as a list before measurement, for the ingest benchmarks.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class ListState {
  /** The samples, in delivery order. */
  public List<Sample> samples;

  /**
   * Generates the list.
   *
   * @param data the trial's data
   */
  @Setup(Level.Trial)
  public void generate(DataState data) {
    samples = data.list();
  }
}
