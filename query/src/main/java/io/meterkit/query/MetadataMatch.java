package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.Objects;

/**
 * One accepted value of a metadata key: matches a sample whose flattened metadata holds {@code key}
 * with a value equal to {@code value} under {@code type}'s comparison.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the flattened metadata key, e.g. {@code properties.prop_1}
 * @param value the wanted value, valid for {@code type}
 * @param type how stored and wanted values compare
 */
public record MetadataMatch(String key, String value, ValueType type) {
  /**
   * Checks the components.
   *
   * @throws InvalidQueryException when the key is blank or the value is invalid for the type
   * @throws NullPointerException when a component is null
   */
  public MetadataMatch {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    if (key.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(QueryField.METADATA_KEY, Rule.NOT_BLANK, key),
          "metadata key must not be blank");
    }
    type.check("metadata." + key, value);
  }

  /**
   * Returns a match whose type is inferred from the value (see {@link ValueType#infer}).
   *
   * @param key the flattened metadata key
   * @param value the wanted value
   * @return the match
   */
  public static MetadataMatch inferred(String key, String value) {
    return new MetadataMatch(key, value, ValueType.infer(value));
  }

  /**
   * Returns a match by plain string equality (the v1 API's {@code metadata.KEY=VALUE}).
   *
   * @param key the flattened metadata key
   * @param value the wanted value
   * @return the match
   */
  public static MetadataMatch string(String key, String value) {
    return new MetadataMatch(key, value, ValueType.STRING);
  }

  /**
   * Returns whether a stored value matches.
   *
   * @param stored the stored value of {@link #key()}, or null when the key is absent
   * @return true on a match
   */
  public boolean matches(String stored) {
    return stored != null && type.matches(stored, value);
  }
}
