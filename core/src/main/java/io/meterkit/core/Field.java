package io.meterkit.core;

/**
 * What a refused value was given for: a field of a sample ({@link SampleField}), a metadata value
 * of a sample ({@link MetadataValue}), a setting of an engine query ({@link QueryField}), or a
 * parameter or body member of a request in the request's own words ({@link RequestField}).
 *
 * <p>Part of the facts of a {@link Violation}; adapters translate it into the field names of their
 * wire format. Implementations are immutable and thread-safe.
 */
public sealed interface Field permits SampleField, MetadataValue, QueryField, RequestField {
  /**
   * Returns how meterkit's own English messages name the field.
   *
   * @return e.g. {@code volume}, {@code metadata value of key 'flavor'}, {@code period}, {@code
   *     start_timestamp}
   */
  String label();
}
