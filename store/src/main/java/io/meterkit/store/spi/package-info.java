/**
 * What a query engine reads from the store: an immutable {@link
 * io.meterkit.store.spi.StoreSnapshot} of everything recorded, its per-meter {@link
 * io.meterkit.store.spi.MeterSnapshot}s, and the blocks a scan visits.
 *
 * <h2>Model</h2>
 *
 * <p>A meter's samples are grouped into series, one per distinct (resource, project, user, source);
 * series ids are dense per meter, and the four values are ids of the snapshot's {@link
 * io.meterkit.store.spi.Dictionary dictionaries} (metadata maps too, by their own id). A query
 * turns its filter values into ids once, compiles them into a {@link
 * io.meterkit.store.spi.SeriesSelection}, and {@link io.meterkit.store.spi.MeterSnapshot#scan
 * scans}: the store hands each {@link io.meterkit.store.spi.SeriesBlock} (at most {@link
 * io.meterkit.store.spi.SeriesBlock#MAX_ROWS} rows of one series, sorted by time) to a {@link
 * io.meterkit.store.spi.SeriesBlockVisitor}, which folds the block's summary or decodes its columns
 * into arrays of {@code MAX_ROWS} elements it owns. Before the blocks of a chunk that lies wholly
 * inside the range, the visitor is offered the chunk's {@link io.meterkit.store.spi.ChunkSummary}
 * (totals and per-series summaries) and may fold the chunk from it instead. Nothing is allocated
 * per row.
 *
 * <h2>Time</h2>
 *
 * <p>Timestamps are UTC epoch milliseconds and every range is half-open, as defined in {@link
 * io.meterkit.core.TimeRange}.
 *
 * <h2>Thread safety</h2>
 *
 * <p>Snapshots are immutable; any number of threads may scan one at once. A block is a flyweight,
 * valid during the {@code visit} call that received it.
 *
 * <pre>{@code
 * StoreSnapshot snapshot = store.snapshot();
 * MeterSnapshot cpu = snapshot.meter("cpu_util").orElseThrow();
 * int vm1 = snapshot.resourceIds().idOf("vm-1");
 * int[] series = IntStream.range(0, cpu.seriesCount())
 *     .filter(s -> cpu.resourceIdOf(s) == vm1)
 *     .toArray();
 * TimeRange range = TimeRange.of(fromMillis, toMillis);
 * long[] timestamps = new long[SeriesBlock.MAX_ROWS]; // the kernel's own scratch arrays
 * double[] volumes = new double[SeriesBlock.MAX_ROWS];
 * double[] sum = {0};
 * cpu.scan(range, SeriesSelection.of(series), block -> {
 *   block.readTimestamps(timestamps, 0); // a block may reach past the range at its edges
 *   block.readVolumes(volumes, 0);
 *   for (int i = 0; i < block.rowCount(); i++) {
 *     if (range.contains(timestamps[i])) {
 *       sum[0] += volumes[i];
 *     }
 *   }
 * });
 * }</pre>
 */
package io.meterkit.store.spi;
