package io.meterkit.query;

/**
 * One end of a query's time range exactly as the caller gave it: an instant and whether it is
 * included ({@code ge}/{@code le}) or not ({@code gt}/{@code lt}).
 *
 * <p>The engine turns bounds into a half-open {@link io.meterkit.core.TimeRange}; the bound values
 * as given also anchor the period grid and clamp reported durations. Immutable and thread-safe.
 *
 * @param millis the instant, epoch milliseconds UTC
 * @param inclusive true for {@code ge}/{@code le}, false for {@code gt}/{@code lt}
 */
public record TimeBound(long millis, boolean inclusive) {
  /**
   * Returns an inclusive bound ({@code ge} as a start, {@code le} as an end).
   *
   * @param millis the instant, epoch milliseconds UTC
   * @return the bound
   */
  public static TimeBound inclusive(long millis) {
    return new TimeBound(millis, true);
  }

  /**
   * Returns an exclusive bound ({@code gt} as a start, {@code lt} as an end).
   *
   * @param millis the instant, epoch milliseconds UTC
   * @return the bound
   */
  public static TimeBound exclusive(long millis) {
    return new TimeBound(millis, false);
  }

  /**
   * Returns the first instant inside a range that starts at this bound.
   *
   * @return {@code millis} when inclusive, else {@code millis + 1} (saturating)
   */
  public long asRangeStart() {
    return inclusive ? millis : saturatedIncrement(millis);
  }

  /**
   * Returns the first instant after a range that ends at this bound.
   *
   * @return {@code millis + 1} when inclusive (saturating), else {@code millis}
   */
  public long asRangeEnd() {
    return inclusive ? saturatedIncrement(millis) : millis;
  }

  private static long saturatedIncrement(long value) {
    return value == Long.MAX_VALUE ? value : value + 1;
  }
}
