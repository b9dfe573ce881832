/**
 * The ingest log: the seam between a store and its durability ({@link
 * io.meterkit.store.internal.log.IngestLog}), its entries ({@link
 * io.meterkit.store.internal.log.IngestBatch}, {@link
 * io.meterkit.store.internal.log.RetentionChange}) and their shared codec, and the local
 * write-ahead log that implements it on disk, with the kinds of damage recovery finds in it.
 * Internal to the store module.
 */
package io.meterkit.store.internal.log;
