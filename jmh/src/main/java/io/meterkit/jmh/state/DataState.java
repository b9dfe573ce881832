package io.meterkit.jmh.state;

import io.meterkit.core.Sample;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The generated data set and the query parameters for it, shared by every implementation in a
 * trial: the same list feeds meterkit, the naive baseline, H2, DuckDB and the rooflines.
 *
 * <p>JMH state; one instance per trial, not shared across threads.
 */
@State(Scope.Benchmark)
public class DataState {
  /** Number of samples: 1 M or 10 M. */
  @Param({"1000000", "10000000"})
  public int size;

  /** The samples, in delivery order (about 1% late). */
  public List<Sample> samples;

  /** The Q1–Q4 parameters for {@link #samples}. */
  public Workload workload;

  /** Generates the data; deterministic for a given {@link #size}. */
  @Setup(Level.Trial)
  public void generate() {
    samples = SampleGenerator.generate(size);
    workload = Workload.forSize(size);
  }

  /**
   * Returns a data state for {@code size} samples, outside JMH (tests, mains).
   *
   * @param size number of samples
   * @return the generated state
   */
  public static DataState of(int size) {
    DataState state = new DataState();
    state.size = size;
    state.generate();
    return state;
  }
}
