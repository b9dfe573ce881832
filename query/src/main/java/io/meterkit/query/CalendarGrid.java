package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * Computes, once per query and with {@code java.time}, the boundary instants of a {@link
 * Period.Calendar} grid in a zone (see {@link Period} for where the boundaries lie).
 *
 * <p>Boundaries are numbered by the bucket index {@code k} of their wall-clock value: {@code
 * floorDiv(units since the zone's 1970-01-01, amount)}, with weeks counted from Monday 1969-12-29,
 * months as {@code (year - 1970) * 12 + month - 1} and minutes of the local date-time. Dates map to
 * the first instant of the day in the zone; clock readings map to every instant that shows them
 * ({@link ZoneRules#getValidOffsets}: none in a gap, two in an overlap). Thread-safe: stateless.
 */
final class CalendarGrid {
  private static final long MONDAY_BEFORE_EPOCH = -3; // 1969-12-29, as an epoch day

  private CalendarGrid() {}

  /**
   * Returns the boundaries of the buckets that cover {@code [firstMillis, lastMillis]}: the last
   * boundary at or before {@code firstMillis}, every one in between, and the first after {@code
   * lastMillis}.
   *
   * @throws InvalidQueryException when that makes more than {@link
   *     StatisticsQuery#MAX_CALENDAR_BUCKETS} buckets
   */
  static long[] bounds(Period.Calendar period, ZoneId zone, long firstMillis, long lastMillis) {
    return period.unit().isTimeOfDay()
        ? clockBounds(period, zone, firstMillis, lastMillis)
        : dateBounds(period, zone, firstMillis, lastMillis);
  }

  private static long[] dateBounds(
      Period.Calendar period, ZoneId zone, long firstMillis, long lastMillis) {
    long first =
        Math.floorDiv(unitIndex(period.unit(), localDate(firstMillis, zone)), period.amount());
    long last =
        Math.floorDiv(unitIndex(period.unit(), localDate(lastMillis, zone)), period.amount());
    checkCount(period, last - first + 1, StatisticsQuery.MAX_CALENDAR_BUCKETS);
    long[] bounds = new long[(int) (last - first + 2)];
    for (int i = 0; i < bounds.length; i++) {
      LocalDate date = startDate(period.unit(), (first + i) * period.amount());
      bounds[i] = date.atStartOfDay(zone).toInstant().toEpochMilli();
    }
    return bounds;
  }

  private static long unitIndex(Period.CalendarUnit unit, LocalDate date) {
    switch (unit) {
      case DAY:
        return date.toEpochDay();
      case WEEK:
        return Math.floorDiv(date.toEpochDay() - MONDAY_BEFORE_EPOCH, 7);
      case MONTH:
        return (date.getYear() - 1970L) * 12 + date.getMonthValue() - 1;
      default:
        return date.getYear() - 1970L;
    }
  }

  private static LocalDate startDate(Period.CalendarUnit unit, long index) {
    switch (unit) {
      case DAY:
        return LocalDate.ofEpochDay(index);
      case WEEK:
        return LocalDate.ofEpochDay(MONDAY_BEFORE_EPOCH + index * 7);
      case MONTH:
        return LocalDate.of(1970, 1, 1).plusMonths(index);
      default:
        return LocalDate.of(1970, 1, 1).plusYears(index);
    }
  }

  // Every instant at which the zone's clock shows a multiple of the period, from the last one at or
  // before firstMillis to the first one after lastMillis. The indexes of firstMillis and lastMillis
  // bracket them, except where a gap swallows a reading: then the walk extends to the next reading
  // that exists.
  private static long[] clockBounds(
      Period.Calendar period, ZoneId zone, long firstMillis, long lastMillis) {
    long minutes = period.amount() * (period.unit() == Period.CalendarUnit.HOUR ? 60L : 1L);
    long first = Math.floorDiv(localMinute(firstMillis, zone), minutes);
    long last = Math.floorDiv(localMinute(lastMillis, zone), minutes);
    // Gaps only remove readings and overlaps add a few: more than twice the cap is refused before
    // the readings are computed, the exact count after.
    checkCount(period, last - first + 1, 2L * StatisticsQuery.MAX_CALENDAR_BUCKETS);
    ZoneRules rules = zone.getRules();
    LongArrayList instants = new LongArrayList();
    for (long k = first; k <= last + 1; k++) {
      addReadings(rules, k * minutes, instants);
    }
    long low = first;
    while (instants.isEmpty() || min(instants) > firstMillis) {
      addReadings(rules, --low * minutes, instants);
    }
    long high = last + 1;
    while (max(instants) <= lastMillis) {
      addReadings(rules, ++high * minutes, instants);
    }
    long[] sorted = distinctSorted(instants.toLongArray());
    int from = 0;
    while (from + 1 < sorted.length && sorted[from + 1] <= firstMillis) {
      from++;
    }
    int to = from;
    while (sorted[to] <= lastMillis) {
      to++;
    }
    checkCount(period, to - from, StatisticsQuery.MAX_CALENDAR_BUCKETS);
    return Arrays.copyOfRange(sorted, from, to + 1);
  }

  private static long[] distinctSorted(long[] values) {
    LongArrays.quickSort(values);
    int distinct = 0;
    for (int i = 0; i < values.length; i++) {
      if (distinct == 0 || values[i] != values[distinct - 1]) {
        values[distinct++] = values[i];
      }
    }
    return Arrays.copyOf(values, distinct);
  }

  private static void addReadings(ZoneRules rules, long localMinute, LongArrayList instants) {
    LocalDateTime reading = LocalDateTime.ofEpochSecond(localMinute * 60, 0, ZoneOffset.UTC);
    for (ZoneOffset offset : rules.getValidOffsets(reading)) {
      instants.add(reading.toEpochSecond(offset) * 1000L);
    }
  }

  private static long min(LongArrayList values) {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < values.size(); i++) {
      min = Math.min(min, values.getLong(i));
    }
    return min;
  }

  private static long max(LongArrayList values) {
    long max = Long.MIN_VALUE;
    for (int i = 0; i < values.size(); i++) {
      max = Math.max(max, values.getLong(i));
    }
    return max;
  }

  private static LocalDate localDate(long millis, ZoneId zone) {
    return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
  }

  private static long localMinute(long millis, ZoneId zone) {
    LocalDateTime local = Instant.ofEpochMilli(millis).atZone(zone).toLocalDateTime();
    return Math.floorDiv(local.toEpochSecond(ZoneOffset.UTC), 60);
  }

  private static void checkCount(Period.Calendar period, long buckets, long limit) {
    int cap = StatisticsQuery.MAX_CALENDAR_BUCKETS;
    if (buckets > limit) {
      throw new InvalidQueryException(
          Violation.of(QueryField.PERIOD, Rule.TOO_MANY, buckets, cap),
          "period "
              + period
              + " cuts the range into more than "
              + cap
              + " buckets; use a longer period or a shorter range");
    }
  }
}
