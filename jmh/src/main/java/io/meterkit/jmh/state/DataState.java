package io.meterkit.jmh.state;

import io.meterkit.core.Sample;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The generated data set of a trial and the query parameters for it: the same samples, in the same
 * order, feed meterkit, the naive baseline, H2, DuckDB and the rooflines.
 *
 * <p>Query benchmarks load their store from {@link #samples()}, which regenerates the samples on
 * the fly rather than holding 10 M of them (about 700 MB) for the whole trial; ingest benchmarks
 * take the materialised {@link #list()} so that generation is not timed.
 *
 * <p>JMH state; one instance per trial, not shared across threads.
 */
@State(Scope.Benchmark)
public class DataState {
  /** Number of samples: 1 M or 10 M. */
  @Param({"1000000", "10000000"})
  public int size;

  /** The Q1–Q4 parameters for the data. */
  public Workload workload;

  private List<Sample> list;

  /** Fixes the query parameters; the samples are generated when first asked for. */
  @Setup(Level.Trial)
  public void setUp() {
    workload = Workload.forSize(size);
  }

  /**
   * Returns the samples in delivery order, generated on the fly unless {@link #list()} was called.
   *
   * @return the samples
   */
  public Iterable<Sample> samples() {
    return list != null ? list : SampleGenerator.stream(size);
  }

  /**
   * Returns the samples as a list, generating it on the first call.
   *
   * @return the samples, in delivery order
   */
  public List<Sample> list() {
    if (list == null) {
      list = SampleGenerator.generate(size);
    }
    return list;
  }

  /**
   * Returns a data state for {@code size} samples, outside JMH (tests, mains).
   *
   * @param size number of samples
   * @return the state
   */
  public static DataState of(int size) {
    DataState state = new DataState();
    state.size = size;
    state.setUp();
    return state;
  }
}
