package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.Optional;

/**
 * The ownership fields of a sample that queries filter and group on.
 *
 * <p>Thread-safe: an enum.
 */
public enum Dimension {
  /** The measured resource. */
  RESOURCE_ID("resource_id"),
  /** The owning project (tenant). */
  PROJECT_ID("project_id"),
  /** The owning user. */
  USER_ID("user_id"),
  /** The reporting source. */
  SOURCE("source");

  private final String fieldName;

  Dimension(String fieldName) {
    this.fieldName = fieldName;
  }

  /**
   * Returns the field name used on the wire.
   *
   * @return {@code resource_id}, {@code project_id}, {@code user_id} or {@code source}
   */
  public String fieldName() {
    return fieldName;
  }

  /**
   * Returns the dimension of a wire field name, if it names one.
   *
   * @param fieldName a field name, possibly null
   * @return the dimension, or empty when the name is none of {@code resource_id}, {@code
   *     project_id}, {@code user_id}, {@code source}
   */
  public static Optional<Dimension> tryParse(String fieldName) {
    for (Dimension dimension : values()) {
      if (dimension.fieldName.equals(fieldName)) {
        return Optional.of(dimension);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the dimension of a wire field name.
   *
   * @param fieldName {@code resource_id}, {@code project_id}, {@code user_id} or {@code source}
   * @return the dimension
   * @throws InvalidQueryException when the name is none of these
   */
  public static Dimension parse(String fieldName) {
    Optional<Dimension> dimension = tryParse(fieldName);
    if (dimension.isPresent()) {
      return dimension.get();
    }
    throw new InvalidQueryException(
        Violation.of(
            QueryField.DIMENSION,
            Rule.NOT_ONE_OF,
            fieldName,
            "resource_id",
            "project_id",
            "user_id",
            "source"));
  }
}
