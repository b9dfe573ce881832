package io.meterkit.core;

/**
 * The fields of a {@link Sample}, as the facts of a {@link Violation} name them.
 *
 * <p>Thread-safe: an enum.
 */
public enum SampleField implements Field {
  /** {@link Sample#meterName()}. */
  METER_NAME("meterName"),
  /** {@link Sample#type()}. */
  TYPE("type"),
  /** {@link Sample#unit()}. */
  UNIT("unit"),
  /** {@link Sample#volume()}. */
  VOLUME("volume"),
  /** {@link Sample#timestampMillis()}. */
  TIMESTAMP("timestamp"),
  /** {@link Sample#resourceId()}. */
  RESOURCE_ID("resourceId"),
  /** {@link Sample#projectId()}. */
  PROJECT_ID("projectId"),
  /** {@link Sample#userId()}. */
  USER_ID("userId"),
  /** {@link Sample#source()}. */
  SOURCE("source"),
  /** {@link Sample#metadata()} as a whole (for example its number of entries). */
  METADATA("metadata"),
  /** A key of {@link Sample#metadata()}; the value of the violation is the key. */
  METADATA_KEY("metadata key"),
  /** {@link Sample#messageId()}. */
  MESSAGE_ID("messageId"),
  /** The sample as a whole (for example a null element of a batch). */
  SAMPLE("sample");

  private final String label;

  SampleField(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }
}
