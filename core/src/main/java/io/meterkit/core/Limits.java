package io.meterkit.core;

import java.time.Instant;

/**
 * The bounds every sample and query obeys, defined once.
 *
 * <p>Thread-safe: constants only.
 */
public final class Limits {
  /**
   * Longest accepted name or id (meter, resource, project, user, source, metadata key), in
   * characters.
   */
  public static final int MAX_NAME_LENGTH = 255;

  /**
   * Largest accepted volume magnitude: 1e100. Far beyond any measured quantity, and small enough
   * that no sum, square or time integral of accepted volumes can overflow to infinity.
   */
  public static final double MAX_VOLUME_MAGNITUDE = 1e100;

  /** Longest accepted metadata value, in characters. */
  public static final int MAX_METADATA_VALUE_LENGTH = 65_535;

  /** Most metadata entries accepted on one sample. */
  public static final int MAX_METADATA_ENTRIES = 1_000;

  /** Earliest accepted sample timestamp: 1970-01-01T00:00:00Z, in epoch milliseconds. */
  public static final long MIN_TIMESTAMP_MILLIS = 0L;

  /** Latest accepted sample timestamp: 9999-12-31T23:59:59.999Z, in epoch milliseconds. */
  public static final long MAX_TIMESTAMP_MILLIS =
      Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private Limits() {}

  /**
   * Returns whether {@code timestampMillis} is an accepted sample timestamp.
   *
   * @param timestampMillis epoch milliseconds, UTC
   * @return true when within {@link #MIN_TIMESTAMP_MILLIS}..{@link #MAX_TIMESTAMP_MILLIS}
   */
  public static boolean isValidTimestamp(long timestampMillis) {
    return timestampMillis >= MIN_TIMESTAMP_MILLIS && timestampMillis <= MAX_TIMESTAMP_MILLIS;
  }
}
