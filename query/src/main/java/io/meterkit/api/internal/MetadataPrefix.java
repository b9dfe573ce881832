package io.meterkit.api.internal;

import java.util.Optional;

/**
 * The prefixes that name a metadata key in a request field or parameter: {@code metadata.KEY} (v1
 * parameters, v2 query terms) and {@code resource_metadata.KEY} (v2 query terms and group-by), the
 * one place that parses them.
 *
 * <p>Thread-safe: an enum.
 */
public enum MetadataPrefix {
  /** {@code metadata.KEY}. */
  METADATA("metadata."),
  /** {@code resource_metadata.KEY}. */
  RESOURCE_METADATA("resource_metadata.");

  private final String prefix;

  MetadataPrefix(String prefix) {
    this.prefix = prefix;
  }

  /**
   * Returns the prefix as written on the wire.
   *
   * @return e.g. {@code metadata.}
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Returns how messages name the fields of this prefix.
   *
   * @return e.g. {@code metadata.KEY}
   */
  public String pattern() {
    return prefix + "KEY";
  }

  /**
   * Returns the metadata key a field names with this prefix.
   *
   * @param field a field or parameter name
   * @return the non-empty key after the prefix, or empty when the field has no such key
   */
  public Optional<String> keyOf(String field) {
    return field.startsWith(prefix) && field.length() > prefix.length()
        ? Optional.of(field.substring(prefix.length()))
        : Optional.empty();
  }

  /**
   * Returns the metadata key a field names with any prefix.
   *
   * @param field a field name
   * @return the key, or empty when the field names no metadata key
   */
  public static Optional<String> keyOfAny(String field) {
    for (MetadataPrefix prefix : values()) {
      Optional<String> key = prefix.keyOf(field);
      if (key.isPresent()) {
        return key;
      }
    }
    return Optional.empty();
  }
}
