package io.meterkit.store.internal.log;

/**
 * Sealed chunks dropped as too old: every sealed chunk of the meter whose newest sample is older
 * than the cutoff. Applying it again to the same state drops the same chunks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param meterOrdinal the meter's ordinal, or {@link #EVERY_METER}
 * @param cutoffMillis every sealed chunk whose newest sample is older than this is dropped, epoch
 *     milliseconds
 */
public record RetentionChange(int meterOrdinal, long cutoffMillis) implements LogEntry {
  /** The meter ordinal that stands for every meter. */
  public static final int EVERY_METER = -1;
}
