package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a statistics query cuts time into buckets: a {@link Fixed} number of seconds, or a {@link
 * Calendar} unit that follows a time zone's wall clock.
 *
 * <ul>
 *   <li>{@link Fixed}: buckets {@code [anchor + k * seconds, anchor + (k + 1) * seconds)}, anchored
 *       at the query's start bound as given (minus the search offset), else at the earliest
 *       matching sample.
 *   <li>{@link Calendar}: buckets from one boundary of the zone's calendar to the next, {@code
 *       amount} units apart, counted from the zone's 1970-01-01 00:00 (weeks from the Monday
 *       1969-12-29): {@code P3M} has boundaries on the 1st of January, April, July and October.
 *       Days, weeks, months and years start at the first instant of their date in the zone
 *       (midnight, or the end of a daylight-saving gap that swallows it), so a Berlin day is 23 or
 *       25 hours long when the clocks change. Hours and minutes start at every instant the zone's
 *       clock shows a multiple of {@code amount} units: a time skipped by the clocks is no
 *       boundary, a time shown twice is two.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Period permits Period.Fixed, Period.Calendar {
  /**
   * Returns a fixed period.
   *
   * @param seconds 1..{@link StatisticsQuery#MAX_PERIOD_SECONDS}
   * @return the period
   * @throws InvalidQueryException when out of range
   */
  static Fixed ofSeconds(long seconds) {
    return new Fixed(seconds);
  }

  /**
   * Returns a calendar period.
   *
   * @param unit the calendar unit
   * @param amount how many units one bucket spans, 1..{@link Calendar#MAX_AMOUNT}
   * @return the period
   * @throws InvalidQueryException when the amount is out of range
   */
  static Calendar calendar(CalendarUnit unit, int amount) {
    return new Calendar(unit, amount);
  }

  /**
   * Parses a period: a whole number of seconds (a {@link Fixed} period), or a calendar period:
   * {@code minute}, {@code hour}, {@code day}, {@code week} (ISO weeks, from Monday), {@code
   * month}, {@code quarter} (3 months), {@code year}, or ISO-8601 {@code P<n>D}, {@code P<n>W},
   * {@code P<n>M}, {@code P<n>Y}, {@code PT<n>H}, {@code PT<n>M}. Letters may be in either case.
   *
   * @param text the period as given
   * @return the period
   * @throws InvalidQueryException when the text is none of these, or the length is out of range
   */
  static Period parse(String text) {
    return Calendar.parse(text);
  }

  /**
   * The calendar units of {@link Calendar} periods.
   *
   * <p>Thread-safe: an enum.
   */
  enum CalendarUnit {
    /** Minutes of the zone's clock. */
    MINUTE("M", true),
    /** Hours of the zone's clock. */
    HOUR("H", true),
    /** Days of the zone's calendar, from their first instant. */
    DAY("D", false),
    /** ISO weeks (Monday to Sunday) of the zone's calendar. */
    WEEK("W", false),
    /** Months of the zone's calendar, from the 1st. */
    MONTH("M", false),
    /** Years of the zone's calendar, from January 1st. */
    YEAR("Y", false);

    private final String designator;
    private final boolean timeOfDay;

    CalendarUnit(String designator, boolean timeOfDay) {
      this.designator = designator;
      this.timeOfDay = timeOfDay;
    }

    /**
     * Returns whether the unit is shorter than a day (its boundaries are clock readings).
     *
     * @return true for minutes and hours
     */
    public boolean isTimeOfDay() {
      return timeOfDay;
    }
  }

  /**
   * A fixed period of whole seconds.
   *
   * <p>Immutable and thread-safe.
   *
   * @param seconds 1..{@link StatisticsQuery#MAX_PERIOD_SECONDS}
   */
  record Fixed(long seconds) implements Period {
    /**
     * Checks the length.
     *
     * @throws InvalidQueryException when out of range
     */
    public Fixed {
      if (seconds < 1 || seconds > StatisticsQuery.MAX_PERIOD_SECONDS) {
        throw new InvalidQueryException(
            Violation.of(
                QueryField.PERIOD,
                Rule.OUT_OF_RANGE,
                seconds,
                1,
                StatisticsQuery.MAX_PERIOD_SECONDS),
            "period must be in [1, "
                + StatisticsQuery.MAX_PERIOD_SECONDS
                + "] seconds, got: "
                + seconds);
      }
    }
  }

  /**
   * A calendar period: {@code amount} units of a zone's calendar.
   *
   * <p>Immutable and thread-safe.
   *
   * @param unit the unit
   * @param amount units per bucket, 1..{@link #MAX_AMOUNT}
   */
  record Calendar(CalendarUnit unit, int amount) implements Period {
    /** The most units one bucket may span. */
    public static final int MAX_AMOUNT = 1_000_000;

    // Enough digits to exceed the longest fixed period, few enough for a long.
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern ISO =
        Pattern.compile("P(?:([0-9]{1,9})([DWMY])|T([0-9]{1,9})([HM]))", Pattern.CASE_INSENSITIVE);
    private static final String FORM =
        "a number of seconds, minute, hour, day, week, month, quarter, year, P<n>D, P<n>W, P<n>M,"
            + " P<n>Y, PT<n>H or PT<n>M";

    /**
     * Checks the components.
     *
     * @throws InvalidQueryException when the amount is out of range
     */
    public Calendar {
      Objects.requireNonNull(unit, "unit");
      if (amount < 1 || amount > MAX_AMOUNT) {
        throw new InvalidQueryException(
            Violation.of(QueryField.PERIOD, Rule.OUT_OF_RANGE, amount, 1, MAX_AMOUNT),
            "period must count 1.."
                + MAX_AMOUNT
                + " "
                + unit.name().toLowerCase(Locale.ROOT)
                + "s, got: "
                + amount);
      }
    }

    private static Period parse(String text) {
      if (text != null && SECONDS.matcher(text).matches()) {
        return new Fixed(Long.parseLong(text));
      }
      String name = text == null ? "" : text.toLowerCase(Locale.ROOT);
      switch (name) {
        case "minute":
          return new Calendar(CalendarUnit.MINUTE, 1);
        case "hour":
          return new Calendar(CalendarUnit.HOUR, 1);
        case "day":
          return new Calendar(CalendarUnit.DAY, 1);
        case "week":
          return new Calendar(CalendarUnit.WEEK, 1);
        case "month":
          return new Calendar(CalendarUnit.MONTH, 1);
        case "quarter":
          return new Calendar(CalendarUnit.MONTH, 3);
        case "year":
          return new Calendar(CalendarUnit.YEAR, 1);
        default:
          break;
      }
      Matcher iso = ISO.matcher(text == null ? "" : text);
      if (!iso.matches()) {
        throw new InvalidQueryException(
            Violation.of(QueryField.PERIOD, Rule.MALFORMED, text, FORM),
            "period must be " + FORM + ", got: " + MeterkitException.describe(text));
      }
      boolean time = iso.group(3) != null;
      int amount = Integer.parseInt(time ? iso.group(3) : iso.group(1));
      char designator = Character.toUpperCase((time ? iso.group(4) : iso.group(2)).charAt(0));
      CalendarUnit unit;
      if (time) {
        unit = designator == 'H' ? CalendarUnit.HOUR : CalendarUnit.MINUTE;
      } else {
        unit =
            switch (designator) {
              case 'D' -> CalendarUnit.DAY;
              case 'W' -> CalendarUnit.WEEK;
              case 'M' -> CalendarUnit.MONTH;
              default -> CalendarUnit.YEAR;
            };
      }
      return new Calendar(unit, amount);
    }

    /**
     * Returns the ISO-8601 form.
     *
     * @return e.g. {@code P1D}, {@code P3M} or {@code PT6H}
     */
    @Override
    public String toString() {
      return (unit.isTimeOfDay() ? "PT" : "P") + amount + unit.designator;
    }
  }
}
