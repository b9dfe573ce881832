package io.meterkit.api.v2;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A timestamp of a posted sample ({@code timestamp}, {@code recorded_at}): its instant and the text
 * Ceilometer echoes for it, Python's {@code isoformat()} of the parsed value, keeping the client's
 * offset ({@code Z} becomes {@code +00:00}) and up to six fraction digits.
 *
 * <p>Accepted: a date ({@code 2012-08-27}), optionally followed by {@code T} or a space and {@code
 * HH}, {@code HH:MM} or {@code HH:MM:SS} with a fraction, then optionally {@code Z} or an offset
 * ({@code +02:00}, {@code +0200}, {@code +02}). Immutable and thread-safe.
 *
 * @param epochMillis the instant, epoch milliseconds UTC (sub-millisecond digits truncated)
 * @param echo the isoformat text, e.g. {@code 2012-08-27T00:00:00+02:00}
 */
record PostedTime(long epochMillis, String echo) {
  private static final Pattern FORM =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2})(?::(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?)?"
              + "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");

  /**
   * Parses a timestamp.
   *
   * @param text the client's text
   * @return the timestamp, or null when it is not one
   */
  static PostedTime parse(String text) {
    PostedTime common = parseCommon(text);
    return common != null ? common : parseAnyForm(text);
  }

  /**
   * Parses the common form {@code yyyy-MM-ddTHH:mm:ss}, optionally with {@code .} and one to nine
   * fraction digits, then optionally {@code Z} or {@code ±HH:MM}, with plain digit arithmetic.
   * Defined by {@link #parseAnyForm}: whatever this returns, that returns too.
   *
   * @param text the client's text
   * @return the timestamp, or null when the text is not in the common form or not plainly valid
   *     (then {@link #parseAnyForm} decides)
   */
  static PostedTime parseCommon(String text) {
    int n = text.length();
    if (n < 19
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int i = 19;
    int micros = 0;
    if (i < n && text.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 10 && isDigit(text.charAt(i))) {
        micros = i - start < 6 ? micros * 10 + (text.charAt(i) - '0') : micros;
        i++;
      }
      int count = i - start;
      if (count == 0 || count > 9) {
        return null;
      }
      for (int k = count; k < 6; k++) {
        micros *= 10;
      }
    }
    int offsetSeconds = 0;
    String zone = null;
    if (i < n) {
      char c = text.charAt(i);
      if (c == 'Z' && i + 1 == n) {
        zone = "+00:00";
      } else if ((c == '+' || c == '-') && i + 6 == n && text.charAt(i + 3) == ':') {
        int hours = digits(text, i + 1, 2);
        int minutes = digits(text, i + 4, 2);
        if (hours < 0 || minutes < 0 || hours > 17 || minutes > 59) {
          return null;
        }
        offsetSeconds = (c == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        zone = offsetSeconds < 0 ? "-" + text.substring(i + 1) : "+" + text.substring(i + 1);
      } else {
        return null;
      }
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    long seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    StringBuilder echo = new StringBuilder(32).append(text, 0, 19);
    if (micros != 0) {
      echo.append('.');
      for (int scale = 100_000; scale > 0; scale /= 10) {
        echo.append((char) ('0' + micros / scale % 10));
      }
    }
    if (zone != null) {
      echo.append(zone);
    }
    return new PostedTime(seconds * 1000 + micros / 1000, echo.toString());
  }

  // The value of count decimal digits at from, or -1 when one is not a digit.
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Parses every accepted form (see the class documentation) with a pattern: the reference.
   *
   * @param text the client's text
   * @return the timestamp, or null when it is not one
   */
  static PostedTime parseAnyForm(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    String fraction = m.group(7) == null ? "" : m.group(7);
    int micros = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6));
    LocalDateTime local;
    try {
      local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              number(m.group(4)),
              number(m.group(5)),
              number(m.group(6)),
              micros * 1000);
    } catch (DateTimeException e) {
      return null;
    }
    String zone = m.group(8);
    ZoneOffset offset = zone == null ? ZoneOffset.UTC : offset(zone);
    if (offset == null) {
      return null;
    }
    StringBuilder echo = new StringBuilder(local.toLocalDate().toString());
    echo.append('T')
        .append(
            String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond()));
    if (micros != 0) {
      echo.append(String.format(".%06d", micros));
    }
    if (zone != null) {
      int seconds = offset.getTotalSeconds();
      echo.append(seconds < 0 ? '-' : '+')
          .append(
              String.format("%02d:%02d", Math.abs(seconds) / 3600, Math.abs(seconds) / 60 % 60));
    }
    long millis = local.toInstant(offset).toEpochMilli();
    return new PostedTime(millis, echo.toString());
  }

  /**
   * Returns the generated timestamp of a sample posted without one: naive UTC with microseconds.
   *
   * @param epochMillis now, epoch milliseconds UTC
   * @return the timestamp
   */
  static PostedTime now(long epochMillis) {
    LocalDateTime local =
        LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
    String echo =
        local.toLocalDate()
            + String.format(
                "T%02d:%02d:%02d.%03d000",
                local.getHour(),
                local.getMinute(),
                local.getSecond(),
                (int) Math.floorMod(epochMillis, 1000L));
    return new PostedTime(epochMillis, echo);
  }

  private static int number(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }

  private static ZoneOffset offset(String zone) {
    if (zone.equalsIgnoreCase("Z")) {
      return ZoneOffset.UTC;
    }
    String digits = zone.substring(1).replace(":", "");
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
    try {
      int sign = zone.charAt(0) == '-' ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
