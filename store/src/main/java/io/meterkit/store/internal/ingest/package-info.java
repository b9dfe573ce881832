/**
 * The writer side of a store: {@link io.meterkit.store.internal.ingest.StoreWriter} serialises
 * changes, validates and applies them to the writer-side structures (meters, series, the client-id
 * index), writes them to the ingest log and publishes a new state; it applies entries read from a
 * log the same way. Internal to the store module.
 */
package io.meterkit.store.internal.ingest;
