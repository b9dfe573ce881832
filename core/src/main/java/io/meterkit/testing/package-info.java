/**
 * Fixtures for the tests of applications that embed meterkit: samples on a schedule and a clock the
 * test controls. Nothing here depends on a test framework; use it from JUnit, TestNG or a plain
 * {@code main}.
 *
 * <ul>
 *   <li>{@link io.meterkit.testing.SampleSeries}: samples of one meter for one resource, {@code
 *       every 5 minutes from T, values ...}, with gaps (missing readings) and, for cumulative
 *       counters, increments and resets.
 *   <li>{@link io.meterkit.testing.ManualClock}: a {@link java.time.Clock} standing at an instant
 *       until the test sets or advances it, for the store's {@code recorded_at} stamps and the REST
 *       adapters' "now".
 * </ul>
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at("2024-05-01T00:00:00Z");
 * MeterStore store = MeterStore.create(StoreConfig.builder().clock(clock).build());
 * store.recordAll(
 *     SampleSeries.gauge("cpu_util", "%")
 *         .resource("vm-1")
 *         .every(Duration.ofMinutes(5))
 *         .from(clock.instant())
 *         .values(10, 20, 30)
 *         .toList());
 * clock.advance(Duration.ofHours(1));
 * }</pre>
 *
 * <p>Thread safety: a {@code ManualClock} may be read and moved from any thread; a {@code
 * SampleSeries} is built on one thread and yields immutable samples.
 */
package io.meterkit.testing;
