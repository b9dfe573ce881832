/**
 * Shared JMH {@code @State} fixtures and the seeded data generator.
 *
 * <p>{@link io.meterkit.jmh.state.SampleGenerator} makes N {@code cpu_util} samples of a fleet of
 * 1,000 resources (100 users, 50 projects, a few sources), one every 5 minutes per resource from
 * 2026-01-01T00:00:00Z with jitter and about 1% late deliveries. {@link
 * io.meterkit.jmh.state.DataState} holds them for a trial ({@code @Param size}: 1 M and 10 M); the
 * other states load that same list into meterkit, the naive baseline, H2, DuckDB or plain sorted
 * columns. {@link io.meterkit.jmh.state.Workload} fixes Q1–Q4 for a size. Outside JMH, a data set
 * and a store loaded with it:
 *
 * <pre>{@code
 * DataState data = DataState.of(20_000);
 * MeterStore store = MeterkitState.load(data.samples());
 * }</pre>
 */
package io.meterkit.jmh.state;
