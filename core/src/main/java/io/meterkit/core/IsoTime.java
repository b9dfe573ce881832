package io.meterkit.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the text form of instants used on the wire.
 *
 * <p>Input is ISO-8601 with or without an offset: {@code 2014-10-22T00:00:00}, {@code
 * 2014-10-22T00:00:00Z}, {@code 2014-10-22T01:00:00+01:00}, with up to nine fraction digits, with
 * or without seconds, a space instead of the {@code T}, a bare date (midnight), or reduced forms
 * ({@code 2014}, {@code 2014-01}, {@code 2014-01-01T10}). Text without an offset means UTC.
 * Sub-millisecond fractions are truncated towards the past. Output is {@code yyyy-MM-ddTHH:mm:ss},
 * followed by the millisecond fraction (trailing zeros removed) only when it is not zero, as in the
 * Ceilometer examples.
 *
 * <p>Thread-safe: stateless.
 */
public final class IsoTime {
  private static final DateTimeFormatter INPUT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHmm", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter()
          // STRICT: the default SMART style would move 2014-02-30 to 2014-02-28 and 24:00 to the
          // next day instead of rejecting them.
          .withResolverStyle(ResolverStyle.STRICT);

  private IsoTime() {}

  /** The form timestamps must have, in the words of a {@link Rule#MALFORMED} violation. */
  public static final String TIMESTAMP_FORM = "an ISO-8601 timestamp like 2014-10-22T00:00:00";

  /** The form dates must have, in the words of a {@link Rule#MALFORMED} violation. */
  public static final String DATE_FORM = "a date like 2014-10-21";

  /**
   * Parses an ISO-8601 instant given for a request parameter; text without an offset is UTC.
   *
   * @param text the timestamp text
   * @param parameter the parameter it came from, named as the request names it
   * @return epoch milliseconds UTC
   * @throws InvalidQueryException when {@code text} is not such a timestamp
   */
  public static long parse(String text, String parameter) {
    return parse(text, new RequestField(parameter));
  }

  /**
   * Parses an ISO-8601 instant; text without an offset is UTC.
   *
   * @param text the timestamp text
   * @param field the field it came from, for the facts and the message of a refusal
   * @return epoch milliseconds UTC
   * @throws InvalidQueryException when {@code text} is not such a timestamp
   */
  public static long parse(String text, Field field) {
    if (text == null || text.isBlank()) {
      throw invalid(text, field);
    }
    String normalized = text.trim();
    if (normalized.length() > 10 && normalized.charAt(10) == ' ') {
      normalized = normalized.substring(0, 10) + 'T' + normalized.substring(11);
    }
    normalized = withReducedFormsCompleted(normalized);
    if (offsetCount(normalized) > 1) {
      throw invalid(text, field);
    }
    try {
      TemporalAccessor parsed =
          INPUT.parseBest(normalized, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      Instant instant;
      if (parsed instanceof OffsetDateTime offsetDateTime) {
        instant = offsetDateTime.toInstant();
      } else if (parsed instanceof LocalDateTime localDateTime) {
        instant = localDateTime.toInstant(ZoneOffset.UTC);
      } else {
        instant = ((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return instant.toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      throw invalid(text, field);
    }
  }

  /**
   * Parses a bare {@code yyyy-MM-dd} date as the instant of its midnight, UTC.
   *
   * @param text the date text
   * @param parameter the name of the parameter it came from, for the error message
   * @return epoch milliseconds UTC of that day's 00:00:00
   * @throws InvalidQueryException when {@code text} is not such a date
   */
  public static long parseDate(String text, String parameter) {
    try {
      return LocalDate.parse(text == null ? "" : text.trim(), DateTimeFormatter.ISO_LOCAL_DATE)
          .atStartOfDay()
          .toInstant(ZoneOffset.UTC)
          .toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      // ArithmeticException: a date such as +999999999-12-31 beyond the range of epoch millis
      throw new InvalidQueryException(
          Violation.of(new RequestField(parameter), Rule.MALFORMED, text, DATE_FORM));
    }
  }

  /**
   * Formats an instant as {@code yyyy-MM-ddTHH:mm:ss}, plus the millisecond fraction when it is not
   * zero.
   *
   * @param epochMillis epoch milliseconds UTC
   * @return the text form, without an offset
   */
  public static String format(long epochMillis) {
    LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(24);
    int year = time.getYear();
    if (year < 0 || year > 9999) {
      out.append(year);
    } else {
      pad(out, year, 4);
    }
    out.append('-');
    pad(out, time.getMonthValue(), 2);
    out.append('-');
    pad(out, time.getDayOfMonth(), 2);
    out.append('T');
    pad(out, time.getHour(), 2);
    out.append(':');
    pad(out, time.getMinute(), 2);
    out.append(':');
    pad(out, time.getSecond(), 2);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    if (millis != 0) {
      out.append('.');
      pad(out, millis, 3);
      while (out.charAt(out.length() - 1) == '0') {
        out.setLength(out.length() - 1);
      }
    }
    return out.toString();
  }

  /**
   * Formats an instant as the wall-clock time of a zone followed by the zone's offset at that
   * instant: {@code yyyy-MM-ddTHH:mm:ss} (plus the fraction when it is not zero) and {@code
   * +hh:mm}, {@code +00:00} for an offset of zero.
   *
   * @param epochMillis epoch milliseconds UTC
   * @param zone the zone whose clock and offset to show
   * @return e.g. {@code 2026-03-29T00:00:00+01:00}
   */
  public static String format(long epochMillis, ZoneId zone) {
    ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis));
    String id = offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    return format(epochMillis + offset.getTotalSeconds() * 1000L) + id;
  }

  /**
   * Formats an instant like {@link #format(long)} followed by {@code Z}, the form of the
   * usage-events API ({@code yyyy-MM-dd'T'HH:mm:ssX}).
   *
   * @param epochMillis epoch milliseconds UTC
   * @return the text form with a {@code Z} offset
   */
  public static String formatUtc(long epochMillis) {
    return format(epochMillis) + 'Z';
  }

  /**
   * Formats the UTC date of an instant as {@code yyyy-MM-dd}.
   *
   * @param epochMillis epoch milliseconds UTC
   * @return the date
   */
  public static String formatDate(long epochMillis) {
    return format(epochMillis).substring(0, 10);
  }

  // Reduced precision as ISO-8601 allows it: 2014 and 2014-01 start at their first day, and
  // 2014-01-01T10 at the full hour.
  private static String withReducedFormsCompleted(String text) {
    if (YEAR.matcher(text).matches()) {
      return text + "-01-01";
    }
    if (YEAR_MONTH.matcher(text).matches()) {
      return text + "-01";
    }
    Matcher hour = HOUR.matcher(text);
    return hour.matches()
        ? hour.group(1) + ":00" + (hour.group(2) == null ? "" : hour.group(2))
        : text;
  }

  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern HOUR =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2})([Zz+-].*)?");

  // The formatter's three optional offset forms may each match once, so "...ZZ" or
  // "...+01:00+01" would parse; an offset may be given once, after the time.
  private static int offsetCount(String text) {
    int time = 0;
    while (time < text.length() && text.charAt(time) != 'T' && text.charAt(time) != 't') {
      time++;
    }
    int offsets = 0;
    for (int i = time + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+' || c == '-' || c == 'Z' || c == 'z') {
        offsets++;
      }
    }
    return offsets;
  }

  private static void pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  private static InvalidQueryException invalid(String text, Field field) {
    return new InvalidQueryException(Violation.of(field, Rule.MALFORMED, text, TIMESTAMP_FORM));
  }
}
