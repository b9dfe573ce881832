package io.meterkit.jmh.store;

import io.meterkit.core.Sample;
import io.meterkit.jmh.state.ListState;
import io.meterkit.jmh.state.MeterkitState;
import io.meterkit.store.MeterStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest into meterkit, one thread.
 *
 * <ul>
 *   <li>{@link #recordAll}: a new store receives the whole data set through {@link
 *       MeterStore#recordAll} in batches of {@value MeterkitState#BATCH}; one operation is the
 *       whole data set, so samples/s = size / (seconds per operation).
 *   <li>{@link #record}: one {@link MeterStore#record} call per operation, through the data set
 *       from its start every iteration, into a new store every iteration and whenever the data set
 *       is exhausted (so that every call records a sample the store does not hold yet, as a
 *       collector's would, rather than a second copy of the data set); operations/s = samples/s.
 * </ul>
 *
 * <p>Reference numbers: see jmh/README.md.
 */
// A fixed, pre-touched heap: this VM faults fresh memory in slowly (about 9 s for 4 GB;
// pre-touching 4 GB costs those seconds once per fork), and a
// growing heap would charge that to the first few loads, which then measure the machine, not the
// store. Several warmup loads let the JIT compile the sealing path (it runs once per 65,536 rows).
// 3 GB hold the 10 M samples (about 720 MB), the store being loaded and the previous one.
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class MeterkitIngestBenchmark {
  /** Warm-up iterations of {@link #recordAll}, and of the peers' bulk loads. */
  public static final int WARMUP = 3;

  /** Measured iterations of {@link #recordAll}. */
  public static final int MEASURED = 8;

  /**
   * Records the whole data set in batches into a new store.
   *
   * @param data the data
   * @return the loaded store
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = WARMUP, time = 1)
  @Measurement(iterations = MEASURED, time = 1)
  public MeterStore recordAll(ListState data) {
    return MeterkitState.load(data.samples);
  }

  /**
   * Records the next sample of the data set.
   *
   * @param s the store of this iteration and the cursor
   * @return whether it was stored
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 8, time = 1)
  public boolean record(RecordState s) {
    Sample sample = s.samples.get(s.next);
    boolean stored = s.store.record(sample);
    if (++s.next == s.samples.size()) {
      s.renew();
    }
    return stored;
  }

  /**
   * A fresh store per iteration and a cursor into the data.
   *
   * <p>JMH state; one per thread.
   */
  @State(Scope.Thread)
  public static class RecordState {
    /** The data set. */
    public List<Sample> samples;

    /** The store receiving this iteration's samples. */
    public MeterStore store;

    /** Index of the next sample to record. */
    public int next;

    /**
     * Takes the data set.
     *
     * @param data the trial's data
     */
    @Setup(Level.Trial)
    public void data(ListState data) {
      samples = data.samples;
    }

    /** Starts every iteration on an empty store, at the first sample. */
    @Setup(Level.Iteration)
    public void renew() {
      store = MeterStore.inMemory();
      next = 0;
    }
  }
}
