/**
 * Store benchmarks: batch and single-sample ingest into meterkit and the peers' bulk loads, and
 * {@link io.meterkit.jmh.store.MemoryFootprint}, which measures bytes per retained sample.
 */
package io.meterkit.jmh.store;
