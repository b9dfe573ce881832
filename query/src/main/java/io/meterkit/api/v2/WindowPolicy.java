package io.meterkit.api.v2;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import io.meterkit.query.TimeBound;
import java.util.Locale;

/**
 * How {@code GET /v2/meters/{meter}/statistics} bounds the time range of a query that has a {@code
 * period}.
 *
 * <p>{@link #K5} applies the window rules of the K5 statistics API. The window is {@code period x
 * 1440} seconds, capped at {@value #MAX_WINDOW_SECONDS} (two weeks):
 *
 * <ul>
 *   <li>no timestamp term: {@code [now - window, now)};
 *   <li>only a start term: the end is {@code start + window}, exclusive;
 *   <li>only an end term: the start is {@code end - window}, inclusive;
 *   <li>both: a range longer than the window (end value minus start value, as given) is an error.
 * </ul>
 *
 * <p>{@link #NONE} leaves the bounds as given. Without a period both policies leave them as given.
 *
 * <p>Thread-safe: an enum.
 */
public enum WindowPolicy {
  /** The K5 window rules; the default. */
  K5,
  /** No window rules. */
  NONE;

  /** How many periods one window holds. */
  public static final long PERIODS_PER_WINDOW = 1440;

  /** The longest window, in seconds (two weeks). */
  public static final long MAX_WINDOW_SECONDS = 1_209_600;

  /**
   * Parses a policy name as given on the command line.
   *
   * @param text {@code k5} or {@code none}, any case
   * @return the policy
   * @throws IllegalArgumentException for anything else
   */
  public static WindowPolicy parse(String text) {
    if (text != null) {
      for (WindowPolicy policy : values()) {
        if (policy.name().equalsIgnoreCase(text.trim())) {
          return policy;
        }
      }
    }
    throw new IllegalArgumentException(
        "window policy must be k5 or none, got: " + MeterkitException.describe(text));
  }

  /**
   * Returns the window for a period.
   *
   * @param periodSeconds the period, > 0
   * @return {@code min(period x 1440, 1209600)} seconds
   */
  public static long windowSeconds(long periodSeconds) {
    return Math.min(periodSeconds * PERIODS_PER_WINDOW, MAX_WINDOW_SECONDS);
  }

  /**
   * Applies the policy to the bounds of a statistics query.
   *
   * @param start the start bound as given, or null
   * @param end the end bound as given, or null
   * @param periodSeconds the period, 0 when none was given
   * @param nowMillis the current time, epoch milliseconds UTC
   * @return the bounds to query
   * @throws InvalidQueryException under {@link #K5} when both bounds are given and further apart
   *     than the window
   */
  Bounds apply(TimeBound start, TimeBound end, long periodSeconds, long nowMillis) {
    if (this == NONE || periodSeconds <= 0) {
      return new Bounds(start, end);
    }
    long windowSeconds = windowSeconds(periodSeconds);
    long windowMillis = windowSeconds * 1000L;
    if (start == null && end == null) {
      return new Bounds(
          TimeBound.inclusive(nowMillis - windowMillis), TimeBound.exclusive(nowMillis));
    }
    // Bounds may be any instant a timestamp parses to (years -292275055..292278994): saturate
    // rather than wrap around.
    if (end == null) {
      long to = start.millis() + windowMillis;
      return new Bounds(start, TimeBound.exclusive(to < start.millis() ? Long.MAX_VALUE : to));
    }
    if (start == null) {
      long from = end.millis() - windowMillis;
      return new Bounds(TimeBound.inclusive(from > end.millis() ? Long.MIN_VALUE : from), end);
    }
    double rangeMillis = (double) end.millis() - start.millis();
    if (rangeMillis > windowMillis) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("timestamp"),
              Rule.TOO_WIDE,
              rangeMillis / 1000.0,
              windowSeconds,
              periodSeconds),
          "the timestamp range from "
              + IsoTime.format(start.millis())
              + " to "
              + IsoTime.format(end.millis())
              + " spans "
              + rangeMillis / 1000.0
              + " seconds, more than the "
              + windowSeconds
              + " seconds allowed for period "
              + periodSeconds
              + " (period x 1440, at most 1209600)");
    }
    return new Bounds(start, end);
  }

  /**
   * The bounds of a statistics query after a policy was applied. Immutable and thread-safe.
   *
   * @param start the start bound, or null
   * @param end the end bound, or null
   */
  record Bounds(TimeBound start, TimeBound end) {}

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
