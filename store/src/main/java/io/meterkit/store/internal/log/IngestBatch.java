package io.meterkit.store.internal.log;

import io.meterkit.core.Sample;
import java.util.List;

/**
 * A batch of samples to store: the samples one accepted batch stored (not its retries of ids the
 * store held), in order, each with the message id it came with (or none, when the store assigns
 * one).
 *
 * <p>Immutable and thread-safe.
 *
 * @param recordedAtMillis when the store accepted the batch, epoch milliseconds: its rows'
 *     recorded-at, carried so that applying the entry again stamps the same time
 * @param samples the samples, at least one
 */
public record IngestBatch(long recordedAtMillis, List<Sample> samples) implements LogEntry {
  /**
   * Copies the samples.
   *
   * @throws IllegalArgumentException when there is no sample
   * @throws NullPointerException when {@code samples} or one of them is null
   */
  public IngestBatch {
    samples = List.copyOf(samples);
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a batch entry holds at least one sample");
    }
  }
}
