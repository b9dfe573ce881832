package io.meterkit.jmh.state;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The trial's data as {@link SummaryColumns}: the input of the summary-fold rooflines.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class SummaryState {
  /** The data in chunks and blocks with their summaries. */
  public SummaryColumns columns;

  /** The query parameters. */
  public Workload workload;

  /**
   * Lays out the data.
   *
   * @param data the trial's data
   */
  @Setup(Level.Trial)
  public void load(DataState data) {
    columns = SummaryColumns.of(data.samples(), data.size);
    workload = data.workload;
  }
}
