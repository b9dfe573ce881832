package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.Objects;

/**
 * One group-by field of a statistics query: a {@link Dimension} or a metadata key, with the label
 * the results use for it (the field exactly as the caller spelt it).
 *
 * <p>Immutable and thread-safe.
 *
 * @param label the key of this field in {@link Statistics#groupBy()}
 * @param dimension the grouped dimension, or null when grouping by metadata
 * @param metadataKey the grouped flattened metadata key, or null when grouping by a dimension
 */
public record GroupBy(String label, Dimension dimension, String metadataKey) {
  /**
   * Checks that exactly one of dimension and metadata key is given.
   *
   * @throws InvalidQueryException when both or neither are given, or the key is blank
   */
  public GroupBy {
    Objects.requireNonNull(label, "label");
    if ((dimension == null) == (metadataKey == null)) {
      throw new InvalidQueryException(
          Violation.of(QueryField.GROUP_BY, Rule.INCONSISTENT, label),
          "group-by " + label + " must name exactly one of a dimension and a metadata key");
    }
    if (metadataKey != null && metadataKey.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(QueryField.METADATA_KEY, Rule.NOT_BLANK, metadataKey),
          "group-by metadata key must not be blank");
    }
  }

  /**
   * Groups by a dimension, labelled with its wire name.
   *
   * @param dimension the dimension
   * @return the group-by field
   */
  public static GroupBy of(Dimension dimension) {
    return new GroupBy(dimension.fieldName(), dimension, null);
  }

  /**
   * Groups by a metadata key.
   *
   * @param key the flattened metadata key
   * @param label how results name the field, e.g. {@code resource_metadata.flavor}
   * @return the group-by field
   */
  public static GroupBy metadata(String key, String label) {
    return new GroupBy(label, null, key);
  }
}
