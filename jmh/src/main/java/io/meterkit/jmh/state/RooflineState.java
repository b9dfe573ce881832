package io.meterkit.jmh.state;

import io.meterkit.core.Sample;
import it.unimi.dsi.fastutil.Arrays;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The trial's data as two plain columns sorted by time, {@code long[]} timestamps and {@code
 * double[]} volumes: the input of the roofline loops.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class RooflineState {
  /** Timestamps, ascending. */
  public long[] timestamps;

  /** Volumes, in the order of {@link #timestamps}. */
  public double[] volumes;

  /** The query parameters. */
  public Workload workload;

  /**
   * Copies and sorts the data.
   *
   * @param data the trial's data
   */
  @Setup(Level.Trial)
  public void load(DataState data) {
    int n = data.size;
    long[] ts = new long[n];
    double[] vs = new double[n];
    int i = 0;
    for (Sample sample : data.samples()) {
      ts[i] = sample.timestampMillis();
      vs[i] = sample.volume();
      i++;
    }
    Arrays.parallelQuickSort(
        0,
        n,
        (a, b) -> Long.compare(ts[a], ts[b]),
        (a, b) -> {
          long t = ts[a];
          ts[a] = ts[b];
          ts[b] = t;
          double v = vs[a];
          vs[a] = vs[b];
          vs[b] = v;
        });
    timestamps = ts;
    volumes = vs;
    workload = data.workload;
  }
}
