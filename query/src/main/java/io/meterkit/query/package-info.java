/**
 * The query engine: one engine, {@link io.meterkit.query.QueryEngine}, answers every question the
 * API families ask, by primitive scans over a {@link io.meterkit.store.spi.StoreSnapshot}.
 *
 * <h2>Queries</h2>
 *
 * <ul>
 *   <li>{@link io.meterkit.query.StatisticsQuery}: count, sum, avg, min, max, stddev, cardinality,
 *       and the billing aggregates increase, integral, twa and percentile, per group and fixed or
 *       calendar {@link io.meterkit.query.Period}, with Ceilometer's bound, anchor and clamping
 *       rules, optionally as of an earlier instant; the rows come as a {@link
 *       io.meterkit.query.StatisticsResult}.
 *   <li>{@link io.meterkit.query.SampleQuery}: raw samples, newest first.
 *   <li>{@link io.meterkit.query.ResourceQuery} and the meter and value listings: the catalog.
 *   <li>{@link io.meterkit.query.TimeInStateQuery}: time series spent in a set of states.
 *   <li>{@link io.meterkit.query.TimeWeightedQuery}: gauge levels integrated over fixed slots.
 * </ul>
 *
 * <p>Every query is an immutable value built by a small builder or a record constructor, and is
 * validated when built ({@link io.meterkit.core.InvalidQueryException} names the bad setting).
 *
 * <h2>Execution</h2>
 *
 * <p>A query is planned once: its {@link io.meterkit.query.Filter} becomes a set of series and a
 * group number per series (and per metadata map when metadata is filtered or grouped on); filter
 * values unknown to the store's dictionaries make the answer empty without a scan. The scan then
 * visits only the blocks of selected series that overlap the range. A block that lies wholly in one
 * (group, period) slot is folded from its summary in O(1); other blocks are decoded into scratch
 * arrays and folded run by run. Accumulators are parallel primitive arrays indexed by slot. Every
 * fast path computes exactly what folding each matching sample one by one would, which the property
 * tests check against a naive reference engine.
 *
 * <h2>Time</h2>
 *
 * <p>Ranges are half-open, {@code [from, to)}, in UTC epoch milliseconds (see {@link
 * io.meterkit.core.TimeRange}); fixed bucket indexes use {@link java.lang.Math#floorDiv(long,
 * long)}; calendar boundaries are computed once per query in the query's time zone.
 *
 * <pre>{@code
 * QueryEngine engine = new QueryEngine(store);
 * StatisticsResult rows = engine.statistics(
 *     StatisticsQuery.builder("cpu_util")
 *         .start(TimeBound.inclusive(Instant.parse("2014-10-22T00:00:00Z").toEpochMilli()))
 *         .end(TimeBound.exclusive(Instant.parse("2014-10-23T00:00:00Z").toEpochMilli()))
 *         .groupBy(GroupBy.of(Dimension.USER_ID))
 *         .periodSeconds(3600)
 *         .build());
 * }</pre>
 */
package io.meterkit.query;
