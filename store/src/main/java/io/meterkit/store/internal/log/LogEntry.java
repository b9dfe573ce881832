package io.meterkit.store.internal.log;

/**
 * One entry of an {@link IngestLog}: a change to a store, applied in log order. Applying the same
 * entries in the same order to the same state gives the same state, ids included.
 *
 * <p>Implementations are immutable values.
 */
public sealed interface LogEntry permits IngestBatch, RetentionChange {}
