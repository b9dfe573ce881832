/**
 * The implementations meterkit is compared with: {@link io.meterkit.jmh.peer.NaiveStore} (an {@code
 * ArrayList} of records and Java streams), {@link io.meterkit.jmh.peer.H2Peer} and {@link
 * io.meterkit.jmh.peer.DuckDbPeer} (embedded SQL databases, in memory), and {@link
 * io.meterkit.jmh.peer.ResultRow}, the common shape their answers are compared in.
 *
 * <pre>{@code
 * try (DuckDbPeer duck = DuckDbPeer.open()) {
 *   duck.load(samples);
 *   duck.prepare(Workload.forSize(samples.size()));
 *   ResultRow q1 = duck.q1();
 * }
 * }</pre>
 */
package io.meterkit.jmh.peer;
