package io.meterkit.query;

import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoredSample;
import io.meterkit.store.spi.StoreSnapshot;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * The one query engine every API family uses: statistics, raw samples, catalog listings and the
 * usage aggregates, computed by primitive scans over a {@link StoreSnapshot}.
 *
 * <p>Each method without a snapshot argument takes a fresh snapshot of the store, so it sees every
 * batch recorded before the call; pass a snapshot to answer several queries from one consistent
 * view. The engine's clock says when "now" is: gauge levels of {@link AggregateFunction#INTEGRAL}
 * and {@link AggregateFunction#TWA} hold at most until then. Thread-safe: stateless apart from the
 * store and clock references; queries may run concurrently with each other and with writers.
 *
 * <pre>{@code
 * QueryEngine engine = new QueryEngine(store);
 * StatisticsResult hourlyByProject = engine.statistics(
 *     StatisticsQuery.builder("cpu_util")
 *         .groupBy(GroupBy.of(Dimension.PROJECT_ID))
 *         .periodSeconds(3600)
 *         .build());
 * }</pre>
 */
public final class QueryEngine {
  private final MeterStore store;
  private final Clock clock;

  /**
   * Creates an engine over {@code store} whose "now" is the store's clock (the one that stamps
   * recorded-at times).
   *
   * @param store the store to query
   */
  public QueryEngine(MeterStore store) {
    this(store, store.config().clock());
  }

  /**
   * Creates an engine over {@code store} with its own clock.
   *
   * @param store the store to query
   * @param clock gives "now"
   */
  public QueryEngine(MeterStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns the store this engine queries.
   *
   * @return the store
   */
  public MeterStore store() {
    return store;
  }

  /**
   * Computes statistics on a fresh snapshot.
   *
   * @param query the query
   * @return one row per non-empty (group, period), ordered by period start then group values
   * @throws io.meterkit.core.InvalidQueryException when an aggregate needs another meter type, or a
   *     calendar grid would hold too many buckets
   */
  public StatisticsResult statistics(StatisticsQuery query) {
    return statistics(store.snapshot(), query);
  }

  /**
   * Computes statistics on a given snapshot.
   *
   * @param snapshot the view to query
   * @param query the query
   * @return one row per non-empty (group, period), ordered by period start then group values
   * @throws io.meterkit.core.InvalidQueryException when an aggregate needs another meter type, or a
   *     calendar grid would hold too many buckets
   */
  public StatisticsResult statistics(StoreSnapshot snapshot, StatisticsQuery query) {
    return StatisticsExecutor.execute(snapshot, query, clock.millis());
  }

  /**
   * Lists raw samples on a fresh snapshot.
   *
   * @param query which samples, newest first
   * @return at most {@code query.limit()} samples, ordered by timestamp descending, then meter,
   *     resource and message id
   */
  public List<StoredSample> samples(SampleQuery query) {
    return samples(store.snapshot(), query);
  }

  /**
   * Lists raw samples on a given snapshot.
   *
   * @param snapshot the view to query
   * @param query which samples, newest first
   * @return at most {@code query.limit()} samples, ordered as {@link #samples(SampleQuery)}
   */
  public List<StoredSample> samples(StoreSnapshot snapshot, SampleQuery query) {
    return SampleCollector.execute(snapshot, query);
  }

  /**
   * Lists resources, built from the series the query accepts.
   *
   * @param snapshot the view to query
   * @param query the series filter and the last-sample time range
   * @return the resources, sorted by id
   */
  public List<Resource> resources(StoreSnapshot snapshot, ResourceQuery query) {
    return Catalog.resources(snapshot, query);
  }

  /**
   * Lists one meter entry per (meter, resource) pair among the accepted series.
   *
   * @param snapshot the view to query
   * @param filter the series filter (metadata conditions apply to each series' latest metadata)
   * @return the meters, sorted by resource id then name
   */
  public List<Meter> meters(StoreSnapshot snapshot, Filter filter) {
    return Catalog.meters(snapshot, filter);
  }

  /**
   * Lists the distinct non-null values of a dimension among the accepted series.
   *
   * @param snapshot the view to query
   * @param dimension the dimension, e.g. {@link Dimension#PROJECT_ID}
   * @param filter the series filter
   * @return the values, sorted
   */
  public SortedSet<String> values(StoreSnapshot snapshot, Dimension dimension, Filter filter) {
    return Catalog.values(snapshot, dimension, filter);
  }

  /**
   * Computes how long series spent in a set of states, per group.
   *
   * @param snapshot the view to query
   * @param query the meter, window, state key and active states
   * @return one row per group with active time, ordered by group values
   */
  public List<StateTime> timeInState(StoreSnapshot snapshot, TimeInStateQuery query) {
    return TimeInState.execute(snapshot, query);
  }

  /**
   * Integrates gauge levels over fixed slots, per group.
   *
   * @param snapshot the view to query
   * @param query the gauge meter, window, slot length and hold horizon
   * @return one row per (group, slot) with a level, ordered by slot start then group values
   */
  public List<WeightedSlot> timeWeighted(StoreSnapshot snapshot, TimeWeightedQuery query) {
    return TimeWeighted.execute(snapshot, query);
  }
}
