package io.meterkit.api.v2;

import java.time.DateTimeException;
import java.time.LocalDateTime;
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
