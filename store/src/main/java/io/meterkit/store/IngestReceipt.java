package io.meterkit.store;

import java.util.List;

/**
 * What {@link MeterStore#recordAllWithIds} did with a batch.
 *
 * <p>Immutable and thread-safe.
 *
 * @param messageIds the message id of every input sample, in input order: the client's, or the one
 *     the store assigned
 * @param stored how many samples were stored
 * @param duplicates how many were retries of message ids already stored, and ignored
 */
public record IngestReceipt(List<String> messageIds, int stored, int duplicates) {
  /** Copies the ids. */
  public IngestReceipt {
    messageIds = List.copyOf(messageIds);
  }
}
