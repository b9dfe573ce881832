/**
 * The implementations meterkit is compared with: {@link io.meterkit.jmh.peer.NaiveStore} (an {@code
 * ArrayList} of records and Java streams), {@link io.meterkit.jmh.peer.H2Peer} and {@link
 * io.meterkit.jmh.peer.DuckDbPeer} (embedded SQL databases, in memory), and {@link
 * io.meterkit.jmh.peer.ResultRow}, the common shape their answers are compared in. Q1 on DuckDB,
 * for {@code samples} made by {@link io.meterkit.jmh.state.SampleGenerator#generate(int)}:
 *
 * <pre>{@code
 * ResultRow q1;
 * try (DuckDbPeer duck = DuckDbPeer.open()) {
 *   duck.load(samples);
 *   duck.prepare(Workload.forSize(samples.size()));
 *   q1 = duck.q1();
 * }
 * }</pre>
 */
package io.meterkit.jmh.peer;
