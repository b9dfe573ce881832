package io.meterkit.api.internal;

import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.MetadataMatch;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A conjunction of equality conditions collected from a request (path, parameters, the caller's
 * project), turned into an engine {@link Filter} at the end.
 *
 * <p>Conditions are ANDed. Two conditions on the same dimension or metadata key that disagree can
 * never both hold, so the conjunction becomes unsatisfiable and {@link #toFilter()} is empty: the
 * answer is empty without asking the engine (whose {@link Filter} would OR them instead). Two
 * metadata conditions on one key agree only when their value and type are equal.
 *
 * <p>Not thread-safe: build one per request.
 */
public final class Conditions {
  private final Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);
  private final Map<String, MetadataMatch> metadata = new LinkedHashMap<>();
  private boolean unsatisfiable;

  /** Creates an empty conjunction, which every sample satisfies. */
  public Conditions() {}

  /**
   * Requires a dimension to equal a value.
   *
   * @param dimension the field
   * @param value the required value, not null
   * @return this
   */
  public Conditions equal(Dimension dimension, String value) {
    Objects.requireNonNull(value, "value");
    String existing = dimensions.putIfAbsent(dimension, value);
    if (existing != null && !existing.equals(value)) {
      unsatisfiable = true;
    }
    return this;
  }

  /**
   * Requires a metadata key to match.
   *
   * @param match the required match
   * @return this
   */
  public Conditions metadata(MetadataMatch match) {
    MetadataMatch existing = metadata.putIfAbsent(match.key(), match);
    if (existing != null && !existing.equals(match)) {
      unsatisfiable = true;
    }
    return this;
  }

  /**
   * Makes the conjunction unsatisfiable (e.g. the caller may see no project at all).
   *
   * @return this
   */
  public Conditions never() {
    unsatisfiable = true;
    return this;
  }

  /**
   * Returns the value a dimension is required to equal.
   *
   * @param dimension the field
   * @return the value, or empty when the dimension is not constrained
   */
  public Optional<String> value(Dimension dimension) {
    return Optional.ofNullable(dimensions.get(dimension));
  }

  /**
   * Returns the engine filter of the conjunction.
   *
   * @return the filter, or empty when no sample can satisfy the conjunction
   */
  public Optional<Filter> toFilter() {
    if (unsatisfiable) {
      return Optional.empty();
    }
    Filter.Builder filter = Filter.builder();
    dimensions.forEach(filter::equal);
    metadata.values().forEach(filter::metadata);
    return Optional.of(filter.build());
  }
}
