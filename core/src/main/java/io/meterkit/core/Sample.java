package io.meterkit.core;

import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One measurement of a meter for one resource: the unit meterkit stores and aggregates.
 *
 * <p>The compact constructor validates every component, so a {@code Sample} that exists is a valid
 * sample: names and ids are non-blank (the unit may be empty), at most {@link
 * Limits#MAX_NAME_LENGTH} characters and free of control characters (metadata values may hold tabs
 * and line breaks); the volume is finite and at most 1e100 in magnitude ({@code -0.0} is stored as
 * {@code 0.0}); the timestamp lies in the years 1970 to 9999; metadata keys and values are
 * non-null. {@code projectId}, {@code userId}, {@code source} and {@code messageId} are optional
 * (null). Metadata is flat: nested JSON is flattened by the adapters into dotted keys ({@code
 * properties.prop_1}).
 *
 * <p>A null {@code messageId} means the client gave none: the store then assigns a unique id when
 * it records the sample. A non-null id makes recording idempotent: a second sample with the same id
 * is recognised as a retry and ignored.
 *
 * <p>Immutable and thread-safe. Just over 300 lines because its {@link Builder} documents a setter
 * for each of the eleven components.
 *
 * @param meterName the meter, e.g. {@code cpu_util}
 * @param type gauge, delta or cumulative
 * @param unit the unit of {@code volume}, e.g. {@code %}, {@code B}, {@code instance}
 * @param volume the measured value; finite, at most {@link Limits#MAX_VOLUME_MAGNITUDE} in
 *     magnitude
 * @param timestampMillis when it was measured, epoch milliseconds UTC
 * @param resourceId the measured resource
 * @param projectId the owning project (tenant), or null
 * @param userId the owning user, or null
 * @param source who reported the sample, or null
 * @param metadata flat string metadata, sorted by key; never null
 * @param messageId the client's de-duplication id, or null when none was given
 */
public record Sample(
    String meterName,
    MeterType type,
    String unit,
    double volume,
    long timestampMillis,
    String resourceId,
    String projectId,
    String userId,
    String source,
    Map<String, String> metadata,
    String messageId) {

  /**
   * Validates every component and copies the metadata into an immutable sorted map.
   *
   * @throws InvalidSampleException naming the first invalid component and its value
   */
  public Sample {
    Checks.name(SampleField.METER_NAME, meterName);
    if (type == null) {
      throw new InvalidSampleException(Violation.of(SampleField.TYPE, Rule.REQUIRED, null));
    }
    Checks.unit(unit);
    if (!Double.isFinite(volume)) {
      throw new InvalidSampleException(Violation.of(SampleField.VOLUME, Rule.NOT_FINITE, volume));
    }
    if (Math.abs(volume) > Limits.MAX_VOLUME_MAGNITUDE) {
      throw new InvalidSampleException(
          Violation.of(SampleField.VOLUME, Rule.TOO_LARGE, volume, "1e100"));
    }
    volume += 0.0; // -0.0 becomes 0.0: one zero, so min and max need no signed-zero rule
    if (!Limits.isValidTimestamp(timestampMillis)) {
      throw new InvalidSampleException(
          Violation.of(
              SampleField.TIMESTAMP,
              Rule.OUT_OF_RANGE,
              timestampMillis,
              "1970-01-01T00:00:00Z",
              "9999-12-31T23:59:59.999Z"));
    }
    Checks.name(SampleField.RESOURCE_ID, resourceId);
    Checks.optionalName(SampleField.PROJECT_ID, projectId);
    Checks.optionalName(SampleField.USER_ID, userId);
    Checks.optionalName(SampleField.SOURCE, source);
    Checks.optionalName(SampleField.MESSAGE_ID, messageId);
    metadata = validMetadata(metadata);
  }

  // Checks every entry, then keeps a naturally ordered immutable map as it is or copies into one.
  private static Map<String, String> validMetadata(Map<String, String> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return ImmutableSortedMap.of();
    }
    if (metadata.size() > Limits.MAX_METADATA_ENTRIES) {
      throw new InvalidSampleException(
          Violation.of(
              SampleField.METADATA, Rule.TOO_MANY, metadata.size(), Limits.MAX_METADATA_ENTRIES));
    }
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      checkEntry(entry.getKey(), entry.getValue());
    }
    if (metadata instanceof ImmutableSortedMap<String, String> sorted
        && sorted.comparator().equals(ImmutableSortedMap.<String, String>of().comparator())) {
      return sorted;
    }
    return ImmutableSortedMap.copyOf(metadata);
  }

  private static void checkEntry(String key, String value) {
    if (key == null) {
      throw new InvalidSampleException(Violation.of(SampleField.METADATA_KEY, Rule.NOT_NULL, null));
    }
    Checks.name(SampleField.METADATA_KEY, key);
    if (value == null) {
      throw new InvalidSampleException(Violation.of(new MetadataValue(key), Rule.NOT_NULL, null));
    }
    // The field is built only for a refusal, not for every valid entry. Values are free text:
    // tab, line feed and carriage return are allowed there.
    if (!Checks.isCleanText(value, Limits.MAX_METADATA_VALUE_LENGTH, true)) {
      Checks.text(new MetadataValue(key), value, Limits.MAX_METADATA_VALUE_LENGTH, true);
    }
  }

  /**
   * Starts a builder for a sample of the given meter.
   *
   * @param meterName the meter, e.g. {@code cpu_util}
   * @param type gauge, delta or cumulative
   * @param unit the unit of the volume
   * @return a builder; {@link Builder#build()} validates
   */
  public static Builder builder(String meterName, MeterType type, String unit) {
    return new Builder(meterName, type, unit);
  }

  /**
   * Returns the timestamp as an {@link Instant}.
   *
   * @return when the sample was measured
   */
  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /**
   * Returns this sample with another message id.
   *
   * @param id the new message id, or null
   * @return a copy carrying {@code id}
   */
  public Sample withMessageId(String id) {
    return Objects.equals(id, messageId)
        ? this
        : new Sample(
            meterName,
            type,
            unit,
            volume,
            timestampMillis,
            resourceId,
            projectId,
            userId,
            source,
            metadata,
            id);
  }

  /**
   * Builds a {@link Sample}; not thread-safe, use one builder per thread.
   *
   * <p>{@code volume}, {@code timestamp} and {@code resourceId} are required; the rest is optional.
   */
  public static final class Builder {
    private final String meterName;
    private final MeterType type;
    private final String unit;
    private Double volume;
    private Long timestampMillis;
    private String resourceId;
    private String projectId;
    private String userId;
    private String source;
    private Map<String, String> metadata = Map.of();
    private String messageId;

    private Builder(String meterName, MeterType type, String unit) {
      this.meterName = meterName;
      this.type = type;
      this.unit = unit;
    }

    /**
     * Sets the measured value.
     *
     * @param value a finite number
     * @return this builder
     */
    public Builder volume(double value) {
      this.volume = value;
      return this;
    }

    /**
     * Sets when the value was measured.
     *
     * @param epochMillis epoch milliseconds UTC, years 1970 to 9999
     * @return this builder
     */
    public Builder timestampMillis(long epochMillis) {
      this.timestampMillis = epochMillis;
      return this;
    }

    /**
     * Sets when the value was measured.
     *
     * @param instant an instant in the years 1970 to 9999, truncated to milliseconds
     * @return this builder
     */
    public Builder timestamp(Instant instant) {
      this.timestampMillis = instant.toEpochMilli();
      return this;
    }

    /**
     * Sets the measured resource.
     *
     * @param id the resource id
     * @return this builder
     */
    public Builder resourceId(String id) {
      this.resourceId = id;
      return this;
    }

    /**
     * Sets the owning project.
     *
     * @param id the project id, or null
     * @return this builder
     */
    public Builder projectId(String id) {
      this.projectId = id;
      return this;
    }

    /**
     * Sets the owning user.
     *
     * @param id the user id, or null
     * @return this builder
     */
    public Builder userId(String id) {
      this.userId = id;
      return this;
    }

    /**
     * Sets the reporting source.
     *
     * @param id the source, or null
     * @return this builder
     */
    public Builder source(String id) {
      this.source = id;
      return this;
    }

    /**
     * Replaces the metadata.
     *
     * @param entries flat string metadata
     * @return this builder
     */
    public Builder metadata(Map<String, String> entries) {
      this.metadata = entries;
      return this;
    }

    /**
     * Sets the client's de-duplication id.
     *
     * @param id the message id, or null to let the store assign one
     * @return this builder
     */
    public Builder messageId(String id) {
      this.messageId = id;
      return this;
    }

    /**
     * Validates and builds the sample.
     *
     * @return the sample
     * @throws InvalidSampleException naming the missing or invalid field
     */
    public Sample build() {
      if (volume == null) {
        throw new InvalidSampleException(Violation.of(SampleField.VOLUME, Rule.REQUIRED, null));
      }
      if (timestampMillis == null) {
        throw new InvalidSampleException(Violation.of(SampleField.TIMESTAMP, Rule.REQUIRED, null));
      }
      return new Sample(
          meterName,
          type,
          unit,
          volume,
          timestampMillis,
          resourceId,
          projectId,
          userId,
          source,
          metadata,
          messageId);
    }
  }
}
