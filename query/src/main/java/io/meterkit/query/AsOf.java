package io.meterkit.query;

import java.time.Instant;

/** Converts as-of instants to the milliseconds recorded-at times are compared with. */
final class AsOf {
  private AsOf() {}

  /**
   * Returns {@code instant} in epoch milliseconds, rounded down (a recorded-at time, whole seconds,
   * is at or before the instant exactly when it is at or before the result), saturating beyond the
   * range of a {@code long}.
   */
  static long millis(Instant instant) {
    if (instant.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
      return Long.MAX_VALUE;
    }
    if (instant.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
      return Long.MIN_VALUE;
    }
    return instant.toEpochMilli();
  }
}
