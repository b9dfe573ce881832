package io.meterkit.core;

import java.util.Objects;

/**
 * The value of one metadata key of a {@link Sample}, as the facts of a {@link Violation} name it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the metadata key whose value was refused
 */
public record MetadataValue(String key) implements Field {
  /**
   * Checks the key.
   *
   * @throws NullPointerException when {@code key} is null
   */
  public MetadataValue {
    Objects.requireNonNull(key, "key");
  }

  /**
   * Returns {@code metadata value of key 'KEY'}.
   *
   * @return the label
   */
  @Override
  public String label() {
    return "metadata value of key " + MeterkitException.describe(key);
  }
}
