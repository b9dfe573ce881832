package io.meterkit.jmh.state;

import io.meterkit.core.Sample;
import io.meterkit.query.QueryEngine;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A meterkit store loaded with the trial's data, a snapshot of it taken once, an engine and the
 * four queries.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class MeterkitState {
  /** Samples per {@link MeterStore#recordAll} call when loading. */
  public static final int BATCH = 10_000;

  /** The loaded store. */
  public MeterStore store;

  /** A snapshot taken after loading; every query reads it. */
  public StoreSnapshot snapshot;

  /** The engine. */
  public QueryEngine engine;

  /** Q1–Q4. */
  public MeterkitQueries queries;

  /**
   * Loads the data.
   *
   * @param data the trial's data
   */
  @Setup(Level.Trial)
  public void load(DataState data) {
    store = load(data.samples());
    snapshot = store.snapshot();
    engine = new QueryEngine(store);
    queries = MeterkitQueries.of(data.workload);
  }

  /**
   * Records samples into a new default store in batches of {@link #BATCH}: the batch ingest
   * workload.
   *
   * @param samples the samples
   * @return the store
   */
  public static MeterStore load(List<Sample> samples) {
    MeterStore store = MeterStore.inMemory();
    for (int from = 0; from < samples.size(); from += BATCH) {
      store.recordAll(samples.subList(from, Math.min(samples.size(), from + BATCH)));
    }
    return store;
  }

  /**
   * Records samples into a new default store in batches of {@link #BATCH}.
   *
   * @param samples the samples
   * @return the store
   */
  public static MeterStore load(Iterable<Sample> samples) {
    return load(samples, StoreConfig.DEFAULTS);
  }

  /**
   * Records samples into a new store in batches of {@link #BATCH}.
   *
   * @param samples the samples
   * @param config the store's layout (tests use small chunks to exercise sealed chunks)
   * @return the store
   */
  public static MeterStore load(Iterable<Sample> samples, StoreConfig config) {
    MeterStore store = MeterStore.create(config);
    recordAll(store, samples);
    return store;
  }

  /**
   * Records samples into a store in batches of {@link #BATCH}.
   *
   * @param store the store
   * @param samples the samples
   */
  public static void recordAll(MeterStore store, Iterable<Sample> samples) {
    List<Sample> batch = new ArrayList<>(BATCH);
    for (Sample sample : samples) {
      batch.add(sample);
      if (batch.size() == BATCH) {
        store.recordAll(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.recordAll(batch);
    }
  }
}
