package io.meterkit.core;

/**
 * A half-open interval of UTC instants, {@code [fromMillis, toMillis)}: the one definition of a
 * time range in meterkit.
 *
 * <p>An instant {@code t} is inside when {@code fromMillis <= t && t < toMillis}. A "greater than
 * t" bound is {@code fromMillis = t + 1}; a "less than or equal to t" bound is {@code toMillis = t
 * + 1}. {@link #ALL} covers every instant a {@code long} can hold. Immutable and thread-safe.
 *
 * @param fromMillis first instant inside the range, epoch milliseconds UTC (inclusive)
 * @param toMillis first instant after the range, epoch milliseconds UTC (exclusive)
 */
public record TimeRange(long fromMillis, long toMillis) {
  /** The range holding every instant. */
  public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

  /**
   * Validates the bounds.
   *
   * @throws InvalidQueryException when {@code fromMillis > toMillis}
   */
  public TimeRange {
    if (fromMillis > toMillis) {
      throw new InvalidQueryException(
          Violation.of(QueryField.TIME_RANGE, Rule.START_AFTER_END, fromMillis, "end", toMillis),
          "time range start must not be after its end, got: "
              + IsoTime.format(fromMillis)
              + " > "
              + IsoTime.format(toMillis));
    }
  }

  /**
   * Creates {@code [fromMillis, toMillis)}.
   *
   * @param fromMillis inclusive start, epoch milliseconds UTC
   * @param toMillis exclusive end, epoch milliseconds UTC
   * @return the range
   * @throws InvalidQueryException when {@code fromMillis > toMillis}
   */
  public static TimeRange of(long fromMillis, long toMillis) {
    return new TimeRange(fromMillis, toMillis);
  }

  /**
   * Returns whether {@code timestampMillis} lies in {@code [fromMillis, toMillis)}.
   *
   * @param timestampMillis an instant, epoch milliseconds UTC
   * @return true when inside
   */
  public boolean contains(long timestampMillis) {
    return timestampMillis >= fromMillis && timestampMillis < toMillis;
  }

  /**
   * Returns whether the closed interval {@code [minMillis, maxMillis]} shares an instant with this
   * range (the test used to skip chunks by their first and last timestamps).
   *
   * @param minMillis earliest instant of the other interval, inclusive
   * @param maxMillis latest instant of the other interval, inclusive
   * @return true when they overlap
   */
  public boolean overlapsClosed(long minMillis, long maxMillis) {
    // An empty range shares no instant with anything, even an interval that spans it.
    return fromMillis < toMillis && minMillis < toMillis && maxMillis >= fromMillis;
  }

  /**
   * Returns whether no instant lies inside.
   *
   * @return true when {@code fromMillis == toMillis}
   */
  public boolean isEmpty() {
    return fromMillis == toMillis;
  }

  /**
   * Returns the range widened by {@code marginMillis} on both sides, saturating at the limits of a
   * {@code long}.
   *
   * @param marginMillis non-negative widening, in milliseconds
   * @return the wider range
   */
  public TimeRange widen(long marginMillis) {
    if (marginMillis < 0) {
      throw new InvalidQueryException(
          Violation.of(QueryField.MARGIN, Rule.TOO_SMALL, marginMillis, 0));
    }
    long from =
        fromMillis == Long.MIN_VALUE ? fromMillis : saturatedSubtract(fromMillis, marginMillis);
    long to = toMillis == Long.MAX_VALUE ? toMillis : saturatedAdd(toMillis, marginMillis);
    return new TimeRange(from, to);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static long saturatedSubtract(long a, long b) {
    long difference = a - b;
    return ((a ^ b) & (a ^ difference)) < 0 ? Long.MIN_VALUE : difference;
  }

  @Override
  public String toString() {
    String from = fromMillis == Long.MIN_VALUE ? "-inf" : IsoTime.format(fromMillis);
    String to = toMillis == Long.MAX_VALUE ? "+inf" : IsoTime.format(toMillis);
    return "[" + from + ", " + to + ")";
  }
}
