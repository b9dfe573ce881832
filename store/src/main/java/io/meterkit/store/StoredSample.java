package io.meterkit.store;

import io.meterkit.core.Sample;
import java.util.Objects;

/**
 * A sample as the store holds it: its message id is always set (the client's, or the one the store
 * assigned), and the store remembers when it accepted it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sample the sample, with {@link Sample#messageId()} set
 * @param recordedAtMillis when the store accepted it, epoch milliseconds UTC, second precision
 */
public record StoredSample(Sample sample, long recordedAtMillis) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException when {@code sample} is null
   */
  public StoredSample {
    Objects.requireNonNull(sample, "sample");
  }
}
