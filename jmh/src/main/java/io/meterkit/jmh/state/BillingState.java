package io.meterkit.jmh.state;

import io.meterkit.query.QueryEngine;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.spi.StoreSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A meterkit store loaded with the trial's gauge samples and their {@link CounterSamples}, a
 * snapshot taken once, an engine whose "now" is fixed after the data, and the billing queries.
 *
 * <p>JMH state; one instance per trial.
 */
@State(Scope.Benchmark)
public class BillingState {
  /** "Now" for the engine: well after any generated sample, so levels end at the range end. */
  public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  /** The loaded store. */
  public MeterStore store;

  /** A snapshot taken after loading; every query reads it. */
  public StoreSnapshot snapshot;

  /** The engine. */
  public QueryEngine engine;

  /** The billing queries. */
  public BillingQueries queries;

  /**
   * Loads the data.
   *
   * @param data the trial's data
   */
  @Setup(Level.Trial)
  public void load(DataState data) {
    load(data, StoreConfig.DEFAULTS);
  }

  /**
   * Loads the data into a store of the given layout.
   *
   * @param data the trial's data
   * @param config the store's layout (tests use small chunks to exercise sealed chunks)
   */
  public void load(DataState data, StoreConfig config) {
    store = MeterkitState.load(data.samples(), config);
    MeterkitState.recordAll(store, CounterSamples.of(data.samples()));
    snapshot = store.snapshot();
    engine = new QueryEngine(store, Clock.fixed(NOW, ZoneOffset.UTC));
    queries = BillingQueries.of(data.workload);
  }
}
