/**
 * The in-memory, columnar sample store, as a host uses it: {@link io.meterkit.store.MeterStore}
 * records samples and hands out immutable {@link io.meterkit.store.spi.StoreSnapshot}s that a query
 * engine scans (see {@link io.meterkit.store.spi}); {@link io.meterkit.store.StoreConfig}, {@link
 * io.meterkit.store.DurabilityOptions} and {@link io.meterkit.store.RetentionPolicy} configure it;
 * {@link io.meterkit.store.IngestReceipt}, {@link io.meterkit.store.StoredSample} and {@link
 * io.meterkit.store.RecoveryReport} are what it answers.
 *
 * <h2>Layout</h2>
 *
 * <p>Samples are kept per meter. Each meter's rows are grouped into <em>series</em> (one per
 * distinct resource, project, user and source, all dictionary-encoded) and stored in chunks of
 * primitive columns. New rows are appended, in arrival order, to the meter's head; when the head
 * holds {@link io.meterkit.store.StoreConfig#chunkRows()} rows it is sealed: sorted by (series,
 * timestamp), cut into blocks of at most {@link io.meterkit.store.spi.SeriesBlock#MAX_ROWS} rows of
 * one series, and encoded (timestamps as bit-packed deltas, metadata as bit-packed dictionary ids,
 * volumes as plain doubles). Each block carries its first and last timestamp and a volume summary
 * (count, compensated sum, min, max), so scans skip whole chunks and blocks by time and fold whole
 * blocks without decoding them.
 *
 * <h2>Time</h2>
 *
 * <p>Timestamps are UTC epoch milliseconds and every range is half-open, as defined in {@link
 * io.meterkit.core.TimeRange}.
 *
 * <h2>Concurrency</h2>
 *
 * <p>Writers are serialised; a batch becomes visible to readers atomically, by one volatile write
 * of a new immutable state. Readers take a {@link io.meterkit.store.spi.StoreSnapshot} in O(1) and
 * never block.
 *
 * <pre>{@code
 * MeterStore store = MeterStore.inMemory();
 * store.recordAll(samples);
 * MeterSnapshot cpu = store.snapshot().meter("cpu_util").orElseThrow();
 * cpu.scan(TimeRange.ALL, SeriesSelection.all(), block -> total[0] += block.rowCount());
 * }</pre>
 */
package io.meterkit.store;
