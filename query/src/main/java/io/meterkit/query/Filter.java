package io.meterkit.query;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Equality filters on the dimensions and metadata of samples, shared by every query type.
 *
 * <p>Several accepted values of one field mean OR, different fields mean AND: a sample matches
 * when, for every filtered dimension, its value is one of the accepted ones, and, for every
 * filtered metadata key, one of the key's {@link MetadataMatch}es accepts its value. A null
 * accepted dimension value matches samples without that field. {@link #NONE} accepts everything.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}.
 */
public final class Filter {
  /** The filter that accepts every sample. */
  public static final Filter NONE = builder().build();

  private final Map<Dimension, Set<String>> dimensions;
  private final Map<String, List<MetadataMatch>> metadata;

  private Filter(
      Map<Dimension, Set<String>> dimensions, Map<String, List<MetadataMatch>> metadata) {
    this.dimensions = dimensions;
    this.metadata = metadata;
  }

  /**
   * Starts an empty builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the accepted values per filtered dimension.
   *
   * @return an immutable map; a dimension absent from it is not filtered
   */
  public Map<Dimension, Set<String>> dimensions() {
    return dimensions;
  }

  /**
   * Returns the accepted matches per filtered metadata key.
   *
   * @return an immutable map; a key absent from it is not filtered
   */
  public Map<String, List<MetadataMatch>> metadata() {
    return metadata;
  }

  /**
   * Returns whether this filter accepts everything.
   *
   * @return true when nothing is filtered
   */
  public boolean isEmpty() {
    return dimensions.isEmpty() && metadata.isEmpty();
  }

  /**
   * Returns whether a metadata map passes the metadata part of this filter.
   *
   * @param values flat sample metadata
   * @return true when every filtered key has an accepted value
   */
  public boolean acceptsMetadata(Map<String, String> values) {
    for (Map.Entry<String, List<MetadataMatch>> entry : metadata.entrySet()) {
      String stored = values.get(entry.getKey());
      boolean any = false;
      for (MetadataMatch match : entry.getValue()) {
        any |= match.matches(stored);
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns a builder holding this filter's conditions, to add more.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    dimensions.forEach(
        (dimension, values) -> builder.dimensions.put(dimension, new LinkedHashSet<>(values)));
    metadata.forEach((key, matches) -> builder.metadata.put(key, new ArrayList<>(matches)));
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Filter that
        && dimensions.equals(that.dimensions)
        && metadata.equals(that.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dimensions, metadata);
  }

  @Override
  public String toString() {
    return "Filter" + dimensions + metadata;
  }

  /** Builds a {@link Filter}; not thread-safe. */
  public static final class Builder {
    private final Map<Dimension, Set<String>> dimensions = new EnumMap<>(Dimension.class);
    private final Map<String, List<MetadataMatch>> metadata = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Accepts samples whose {@code dimension} is {@code value} (or any other value added for it).
     *
     * @param dimension the field
     * @param value an accepted value; null accepts samples without the field
     * @return this builder
     */
    public Builder equal(Dimension dimension, String value) {
      dimensions
          .computeIfAbsent(
              Objects.requireNonNull(dimension, "dimension"), d -> new LinkedHashSet<>())
          .add(value);
      return this;
    }

    /**
     * Accepts samples whose {@code dimension} is one of {@code values}.
     *
     * @param dimension the field
     * @param values the accepted values
     * @return this builder
     */
    public Builder in(Dimension dimension, Collection<String> values) {
      for (String value : values) {
        equal(dimension, value);
      }
      return this;
    }

    /**
     * Accepts samples whose metadata matches {@code match} (or any other match added for its key).
     *
     * @param match an accepted metadata value
     * @return this builder
     */
    public Builder metadata(MetadataMatch match) {
      metadata.computeIfAbsent(match.key(), k -> new ArrayList<>()).add(match);
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the immutable filter
     */
    public Filter build() {
      Map<Dimension, Set<String>> dimensionCopy = new EnumMap<>(Dimension.class);
      dimensions.forEach(
          (dimension, values) ->
              dimensionCopy.put(
                  dimension, Collections.unmodifiableSet(new LinkedHashSet<>(values))));
      ImmutableMap.Builder<String, List<MetadataMatch>> metadataCopy = ImmutableMap.builder();
      metadata.forEach((key, matches) -> metadataCopy.put(key, List.copyOf(matches)));
      return new Filter(Collections.unmodifiableMap(dimensionCopy), metadataCopy.build());
    }
  }
}
