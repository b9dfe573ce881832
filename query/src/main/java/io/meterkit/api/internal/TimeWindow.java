package io.meterkit.api.internal;

import io.meterkit.api.QueryParameters;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import io.meterkit.query.TimeBound;
import java.util.Objects;
import java.util.Optional;

/**
 * The time bounds of a request, read the same way by every API family: the one place that turns
 * timestamp parameters into {@link TimeBound}s, keeps the tighter of repeated bounds, refuses a
 * window that starts after it ends, and converts the bounds into a half-open {@link TimeRange}.
 *
 * <ul>
 *   <li>A start bound {@code t} is {@code t} itself when inclusive ({@code ge}, {@code
 *       start_timestamp}, {@code startTime}) and {@code t + 1} ms when exclusive ({@code gt}); an
 *       end bound {@code t} is {@code t + 1} ms when inclusive ({@code le}) and {@code t} itself
 *       when exclusive ({@code lt}, {@code end_timestamp}, {@code endTime}). The conversions
 *       saturate at the limits of a {@code long} ({@link TimeBound#asRangeStart()}).
 *   <li>Given several start (or end) bounds, the window keeps the one that selects less.
 *   <li>A window starts after it ends when its range start lies after its range end; an equal start
 *       and end is an empty window, not an error. {@link #ordered(Words)} refuses the former with
 *       facts {@code (start parameter, START_AFTER_END, start text, [end parameter, end text])} in
 *       the family's words.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class TimeWindow {
  /** The window without bounds: every instant. */
  public static final TimeWindow UNBOUNDED = new TimeWindow(null, null);

  private final Bound start;
  private final Bound end;

  private TimeWindow(Bound start, Bound end) {
    this.start = start;
    this.end = end;
  }

  /**
   * One end of a window as the request gave it: the parameter, its text and the bound it means.
   *
   * <p>Immutable and thread-safe.
   *
   * @param parameter the parameter (or query term) that gave it, e.g. {@code start_timestamp}
   * @param text the value as given
   * @param bound the instant and whether it is included
   */
  public record Bound(String parameter, String text, TimeBound bound) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException when one is null
     */
    public Bound {
      Objects.requireNonNull(parameter, "parameter");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(bound, "bound");
    }

    /**
     * Parses a timestamp value ({@link IsoTime#parse}).
     *
     * @param parameter the parameter that gave it, for the facts and message of a refusal
     * @param text the value
     * @param inclusive whether the instant itself belongs to the window
     * @return the bound
     * @throws InvalidQueryException when {@code text} is not a timestamp
     */
    public static Bound timestamp(String parameter, String text, boolean inclusive) {
      long millis = IsoTime.parse(text, parameter);
      return new Bound(parameter, text, new TimeBound(millis, inclusive));
    }

    /**
     * Returns the instant of the bound.
     *
     * @return epoch milliseconds UTC
     */
    public long millis() {
      return bound.millis();
    }
  }

  /** How a family words a window that starts after it ends. */
  @FunctionalInterface
  public interface Words {
    /**
     * Words the refusal.
     *
     * @param start the start bound
     * @param end the end bound, before the start
     * @return the message, naming both parameters and values
     */
    String startAfterEnd(Bound start, Bound end);
  }

  /**
   * Reads an optional timestamp parameter given at most once as a bound.
   *
   * @param query the request's parameters
   * @param name the parameter
   * @param inclusive whether its instant belongs to the window
   * @return the bound, or empty when absent
   * @throws InvalidQueryException when repeated or not a timestamp
   */
  public static Optional<Bound> timestamp(QueryParameters query, String name, boolean inclusive) {
    return query.single(name).map(text -> Bound.timestamp(name, text, inclusive));
  }

  /**
   * Returns this window with another start bound; of two start bounds the later range start wins.
   *
   * @param bound the start bound
   * @return the narrower window
   */
  public TimeWindow from(Bound bound) {
    return start == null || rangeStart(bound) > rangeStart(start)
        ? new TimeWindow(bound, end)
        : this;
  }

  /**
   * Returns this window with another end bound; of two end bounds the earlier range end wins.
   *
   * @param bound the end bound
   * @return the narrower window
   */
  public TimeWindow until(Bound bound) {
    return end == null || rangeEnd(bound) < rangeEnd(end) ? new TimeWindow(start, bound) : this;
  }

  /**
   * Returns this window with an optional start bound.
   *
   * @param bound the start bound, or empty
   * @return the window
   */
  public TimeWindow from(Optional<Bound> bound) {
    return bound.map(this::from).orElse(this);
  }

  /**
   * Returns this window with an optional end bound.
   *
   * @param bound the end bound, or empty
   * @return the window
   */
  public TimeWindow until(Optional<Bound> bound) {
    return bound.map(this::until).orElse(this);
  }

  /**
   * Returns the start bound.
   *
   * @return the bound, or empty when the window is open at its start
   */
  public Optional<Bound> start() {
    return Optional.ofNullable(start);
  }

  /**
   * Returns the end bound.
   *
   * @return the bound, or empty when the window is open at its end
   */
  public Optional<Bound> end() {
    return Optional.ofNullable(end);
  }

  /**
   * Returns whether the window starts after it ends.
   *
   * @return true when both bounds are given and the range start lies after the range end
   */
  public boolean isInverted() {
    return start != null && end != null && rangeStart(start) > rangeEnd(end);
  }

  /**
   * Checks that the window does not start after it ends.
   *
   * @param words how the family words the refusal
   * @return this window
   * @throws InvalidQueryException when {@link #isInverted()}
   */
  public TimeWindow ordered(Words words) {
    if (isInverted()) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField(start.parameter()),
              Rule.START_AFTER_END,
              start.text(),
              end.parameter(),
              end.text()),
          words.startAfterEnd(start, end));
    }
    return this;
  }

  /**
   * Returns the half-open range the bounds select.
   *
   * @return {@code [range start, range end)}, unbounded where no bound is given; an inverted window
   *     is the empty range at its start
   */
  public TimeRange range() {
    long from = start == null ? Long.MIN_VALUE : rangeStart(start);
    long to = end == null ? Long.MAX_VALUE : rangeEnd(end);
    return from > to ? TimeRange.of(from, from) : TimeRange.of(from, to);
  }

  private static long rangeStart(Bound bound) {
    return bound.bound().asRangeStart();
  }

  private static long rangeEnd(Bound bound) {
    return bound.bound().asRangeEnd();
  }

  @Override
  public String toString() {
    return range().toString();
  }
}
