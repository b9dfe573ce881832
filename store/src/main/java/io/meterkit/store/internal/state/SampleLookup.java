package io.meterkit.store.internal.state;

import io.meterkit.store.StoredSample;

/**
 * Finds one stored row by where it lives, for lookups by message id: an assigned id encodes its
 * row's coordinates; a client id's coordinates come from the store's client-id index.
 *
 * <p>Thread-safe: stateless; it reads an immutable state.
 */
public final class SampleLookup {
  private SampleLookup() {}

  /** Returns the row an assigned id names, or null when {@code state} holds no such row. */
  public static StoredSample findAssigned(StoreState state, MessageIds.Decoded id) {
    if (id.meterOrdinal() >= state.tableCount()) {
      return null;
    }
    TableState table = state.table(id.meterOrdinal());
    if (id.seriesId() < 0 || id.seriesId() >= table.seriesCount()) {
      return null;
    }
    return table.find(
        state,
        id.seriesId(),
        id.timestampMillis(),
        (chunk, row) -> chunk.clientId(row) == null && chunk.tieOrdinal(row) == id.tieOrdinal());
  }

  /**
   * Returns the row with client id {@code messageId} among the rows of one series at one time, or
   * null when there is none.
   */
  public static StoredSample findClient(
      StoreState state, String messageId, int meterOrdinal, int seriesId, long timestampMillis) {
    return state
        .table(meterOrdinal)
        .find(
            state,
            seriesId,
            timestampMillis,
            (chunk, row) -> messageId.equals(chunk.clientId(row)));
  }
}
