package io.meterkit.query;

import static io.meterkit.query.Fixtures.at;
import static io.meterkit.query.Fixtures.cpu;
import static io.meterkit.query.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.query.Fixtures.EachChunkLayout;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Calendar periods, table-driven with ISO-8601 instants: bucket bounds and lengths across
 * daylight-saving changes, months, leap years, ISO weeks, multiples counted from 1970, and the
 * bucket cap. The expected bounds are written with the zone's offset, as a calendar shows them.
 */
class CalendarPeriodGoldenTest {
  private static final Period DAY = Period.calendar(Period.CalendarUnit.DAY, 1);
  private static final Period HOUR = Period.calendar(Period.CalendarUnit.HOUR, 1);

  /** One sample at {@code iso}; its row's bucket with {@code period} in {@code zone}. */
  private static Statistics bucketOf(String iso, Period period, String zone) {
    QueryEngine engine = Fixtures.engine(256, cpu(1, iso));
    List<Statistics> rows =
        engine.statistics(
            StatisticsQuery.builder(Fixtures.CPU)
                .period(period)
                .timeZone(zone == null ? null : ZoneId.of(zone))
                .build());
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    // Europe/Berlin, spring: 02:00 becomes 03:00 on 2026-03-29, a 23-hour day.
    "2026-03-29T12:00:00, Europe/Berlin, 2026-03-29T00:00:00+01:00, 2026-03-30T00:00:00+02:00, 82800",
    // Europe/Berlin, autumn: 03:00 becomes 02:00 on 2026-10-25, a 25-hour day.
    "2026-10-25T12:00:00, Europe/Berlin, 2026-10-25T00:00:00+02:00, 2026-10-26T00:00:00+01:00, 90000",
    // America/New_York, spring (2026-03-08) and autumn (2026-11-01).
    "2026-03-08T12:00:00, America/New_York, 2026-03-08T00:00:00-05:00, 2026-03-09T00:00:00-04:00, 82800",
    "2026-11-01T12:00:00, America/New_York, 2026-11-01T00:00:00-04:00, 2026-11-02T00:00:00-05:00, 90000",
    // An ordinary day; and a UTC instant that is already the next day in Berlin.
    "2026-06-10T12:00:00, Europe/Berlin, 2026-06-10T00:00:00+02:00, 2026-06-11T00:00:00+02:00, 86400",
    "2026-06-10T23:30:00, Europe/Berlin, 2026-06-11T00:00:00+02:00, 2026-06-12T00:00:00+02:00, 86400",
    "2026-06-10T23:30:00, UTC, 2026-06-10T00:00:00Z, 2026-06-11T00:00:00Z, 86400"
  })
  void daysFollowTheZonesCalendar(
      String sample, String zone, String start, String end, long seconds) {
    Statistics row = bucketOf(sample, DAY, zone);

    assertThat(row.periodStartMillis()).isEqualTo(at(start));
    assertThat(row.periodEndMillis()).isEqualTo(at(end));
    assertThat(row.periodSeconds()).isEqualTo(seconds);
  }

  @ParameterizedTest(name = "{0} by {1}")
  @CsvSource({
    // Months run from the 1st to the next 1st: February 2028 has 29 days, 2026 has 28.
    "2028-02-15T00:00:00, month, 2028-02-01T00:00:00Z, 2028-03-01T00:00:00Z, 2505600",
    "2026-02-15T00:00:00, month, 2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z, 2419200",
    "2028-02-29T23:59:59, P1M, 2028-02-01T00:00:00Z, 2028-03-01T00:00:00Z, 2505600",
    // A leap year has 366 days.
    "2028-07-01T00:00:00, year, 2028-01-01T00:00:00Z, 2029-01-01T00:00:00Z, 31622400",
    // Quarters (P3M from January 1970): April to June is 91 days.
    "2026-05-15T00:00:00, quarter, 2026-04-01T00:00:00Z, 2026-07-01T00:00:00Z, 7862400",
    // ISO weeks start on Monday: Sunday 2026-03-01 is in the week of Monday 2026-02-23.
    "2026-03-01T23:00:00, week, 2026-02-23T00:00:00Z, 2026-03-02T00:00:00Z, 604800",
    "2026-03-02T00:00:00, week, 2026-03-02T00:00:00Z, 2026-03-09T00:00:00Z, 604800",
    // P2D from 1970-01-01: 2026-03-10 is epoch day 20,522 (even), so 03-11 is in [03-10, 03-12).
    "2026-03-11T05:00:00, P2D, 2026-03-10T00:00:00Z, 2026-03-12T00:00:00Z, 172800",
    // P2W from Monday 1969-12-29: 2026-03-02 is 2,931 weeks later (odd), its pair starts 02-23.
    "2026-03-02T05:00:00, P2W, 2026-02-23T00:00:00Z, 2026-03-09T00:00:00Z, 1209600",
    // P2Y from 1970: 2027 is in [2026, 2028).
    "2027-06-01T00:00:00, P2Y, 2026-01-01T00:00:00Z, 2028-01-01T00:00:00Z, 63072000",
    // PT6H and PT90M from 1970-01-01T00:00.
    "2026-03-10T13:00:00, PT6H, 2026-03-10T12:00:00Z, 2026-03-10T18:00:00Z, 21600",
    "2026-03-10T01:40:00, PT90M, 2026-03-10T01:30:00Z, 2026-03-10T03:00:00Z, 5400",
    "2026-03-10T01:40:00, minute, 2026-03-10T01:40:00Z, 2026-03-10T01:41:00Z, 60"
  })
  void monthsYearsWeeksAndMultiplesInUtc(
      String sample, String period, String start, String end, long seconds) {
    Statistics row = bucketOf(sample, Period.parse(period), null);

    assertThat(row.periodStartMillis()).isEqualTo(at(start));
    assertThat(row.periodEndMillis()).isEqualTo(at(end));
    assertThat(row.periodSeconds()).isEqualTo(seconds);
  }

  @ParameterizedTest(name = "{0} by {1} in {2}")
  @CsvSource({
    // Six-hour buckets keep to the wall clock: the bucket with the spring change is 5 hours.
    "2026-03-29T02:30:00+01:00, PT6H, Europe/Berlin, 2026-03-29T00:00:00+01:00, 2026-03-29T06:00:00+02:00, 18000",
    "2026-10-25T02:30:00+01:00, PT6H, Europe/Berlin, 2026-10-25T00:00:00+02:00, 2026-10-25T06:00:00+01:00, 25200",
    // Months in Berlin start at local midnight: 2026-03-31T23:30Z is already April there.
    "2026-03-31T23:30:00Z, month, Europe/Berlin, 2026-04-01T00:00:00+02:00, 2026-05-01T00:00:00+02:00, 2592000",
    // The month with the spring change is an hour short: 31 days - 1 h.
    "2026-03-15T00:00:00Z, month, Europe/Berlin, 2026-03-01T00:00:00+01:00, 2026-04-01T00:00:00+02:00, 2674800",
    // Half-hour zones: days start at local midnight, 18:30 UTC the day before.
    "2026-03-10T18:45:00Z, day, Asia/Kolkata, 2026-03-11T00:00:00+05:30, 2026-03-12T00:00:00+05:30, 86400"
  })
  void otherUnitsFollowTheZonesWallClock(
      String sample, String period, String zone, String start, String end, long seconds) {
    QueryEngine engine =
        Fixtures.engine(256, cpu(1, "2026-01-01T00:00:00").timestampMillis(at(sample)));
    Statistics row =
        engine
            .statistics(
                StatisticsQuery.builder(Fixtures.CPU)
                    .period(Period.parse(period))
                    .timeZone(ZoneId.of(zone))
                    .build())
            .get(0);

    assertThat(row.periodStartMillis()).isEqualTo(at(start));
    assertThat(row.periodEndMillis()).isEqualTo(at(end));
    assertThat(row.periodSeconds()).isEqualTo(seconds);
  }

  @EachChunkLayout
  void anAutumnDayInBerlinHasTwentyFiveHourlyBucketsOfAnHourEach(int chunkRows) {
    List<Sample> samples = new ArrayList<>();
    long start = at("2026-10-25T00:00:00+02:00");
    for (int minute = 0; minute < 25 * 60; minute += 30) {
      samples.add(cpu(1, "2026-01-01T00:00:00").timestampMillis(start + minute * 60_000L).build());
    }
    QueryEngine engine = Fixtures.engine(chunkRows, samples);

    // 02:00 to 03:00 is shown twice (at +02:00, then +01:00): two buckets, both an hour long.
    List<Statistics> rows =
        engine.statistics(
            StatisticsQuery.builder(Fixtures.CPU)
                .period(HOUR)
                .timeZone(ZoneId.of("Europe/Berlin"))
                .build());
    assertThat(rows).hasSize(25).allSatisfy(r -> assertThat(r.periodSeconds()).isEqualTo(3600));
    assertThat(rows).allSatisfy(r -> assertThat(r.count()).isEqualTo(2));
    assertThat(rows.subList(2, 4))
        .extracting(Statistics::periodStartMillis)
        .containsExactly(at("2026-10-25T02:00:00+02:00"), at("2026-10-25T02:00:00+01:00"));
  }

  @EachChunkLayout
  void aSpringDayInNewYorkHasTwentyThreeHourlyBuckets(int chunkRows) {
    List<Sample> samples = new ArrayList<>();
    long start = at("2026-03-08T00:00:00-05:00");
    for (int minute = 0; minute < 23 * 60; minute += 20) {
      samples.add(cpu(1, "2026-01-01T00:00:00").timestampMillis(start + minute * 60_000L).build());
    }
    QueryEngine engine = Fixtures.engine(chunkRows, samples);

    // 02:00 never shows: 01:00 -05:00 is followed by 03:00 -04:00, an hour later.
    List<Statistics> rows =
        engine.statistics(
            StatisticsQuery.builder(Fixtures.CPU)
                .period(HOUR)
                .timeZone(ZoneId.of("America/New_York"))
                .build());
    assertThat(rows).hasSize(23).allSatisfy(r -> assertThat(r.count()).isEqualTo(3));
    assertThat(rows.subList(1, 3))
        .extracting(Statistics::periodStartMillis, Statistics::periodSeconds)
        .containsExactly(
            tuple(at("2026-03-08T01:00:00-05:00"), 3600L),
            tuple(at("2026-03-08T03:00:00-04:00"), 3600L));
  }

  @EachChunkLayout
  void theGridStartsAtTheBoundaryAtOrBeforeTheRangeStart(int chunkRows) {
    QueryEngine engine =
        Fixtures.engine(
            chunkRows,
            cpu(1, "2026-03-10T13:00:00"),
            cpu(2, "2026-03-11T01:00:00"),
            cpu(4, "2026-03-12T05:00:00"));

    // The range starts at noon; the first bucket still starts at midnight, and the last one ends
    // after the range. Durations are clamped to the bounds as given.
    assertThat(
            engine.statistics(
                StatisticsQuery.builder(Fixtures.CPU)
                    .start(TimeBound.inclusive(t("2026-03-10T12:00:00")))
                    .end(TimeBound.exclusive(t("2026-03-12T03:00:00")))
                    .period(DAY)
                    .build()))
        .extracting(Statistics::periodStartMillis, Statistics::periodEndMillis, Statistics::sum)
        .containsExactly(
            tuple(t("2026-03-10T00:00:00"), t("2026-03-11T00:00:00"), 1.0),
            tuple(t("2026-03-11T00:00:00"), t("2026-03-12T00:00:00"), 2.0));
  }

  @EachChunkLayout
  void calendarBucketsAddUpToTheRange(int chunkRows) {
    List<Sample> samples = new ArrayList<>();
    for (int hour = 0; hour < 24 * 40; hour += 5) {
      samples.add(
          cpu(hour, "2026-03-01T00:00:00")
              .timestampMillis(t("2026-03-01T00:00:00") + hour * 3_600_000L)
              .build());
    }
    QueryEngine engine = Fixtures.engine(chunkRows, samples);
    StatisticsQuery.Builder query =
        StatisticsQuery.builder(Fixtures.CPU)
            .start(TimeBound.inclusive(t("2026-03-03T07:00:00")))
            .end(TimeBound.exclusive(t("2026-04-05T00:00:00")))
            .timeZone(ZoneId.of("Europe/Berlin"));

    Statistics total = engine.statistics(query.build()).get(0);
    for (Period period :
        List.of(DAY, HOUR, Period.parse("week"), Period.parse("month"), Period.parse("PT7H"))) {
      List<Statistics> rows = engine.statistics(query.period(period).build());
      assertThat(rows.stream().mapToLong(Statistics::count).sum())
          .as("%s", period)
          .isEqualTo(total.count());
      assertThat(rows.stream().mapToDouble(Statistics::sum).sum())
          .as("%s", period)
          .isEqualTo(total.sum());
    }
  }

  @Test
  void moreThanTenThousandBucketsAreRefused() {
    QueryEngine engine = Fixtures.engine(256, cpu(1, "2026-03-05T00:00:00"));
    StatisticsQuery.Builder query =
        StatisticsQuery.builder(Fixtures.CPU)
            .start(TimeBound.inclusive(t("2026-03-01T00:00:00")))
            .period(Period.parse("PT1M"));

    // 7 days of minutes: 10,080 buckets; 6 days 23 h 20 min: exactly 10,000.
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () ->
                engine.statistics(query.end(TimeBound.exclusive(t("2026-03-08T00:00:00"))).build()))
        .withMessage(
            "period PT1M cuts the range into more than 10000 buckets; use a longer period or a"
                + " shorter range")
        .satisfies(
            e -> {
              assertThat(e.violation().field()).isEqualTo(QueryField.PERIOD);
              assertThat(e.violation().rule()).isEqualTo(Rule.TOO_MANY);
            });
    assertThat(engine.statistics(query.end(TimeBound.exclusive(t("2026-03-07T22:40:00"))).build()))
        .hasSize(1);
  }

  @Test
  void withoutBoundsTheCapCountsTheBucketsOfTheData() {
    QueryEngine engine =
        Fixtures.engine(256, cpu(1, "2026-03-10T00:00:00"), cpu(2, "2026-03-17T00:00:00"));

    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () ->
                engine.statistics(
                    StatisticsQuery.builder(Fixtures.CPU).period(Period.parse("minute")).build()));
    assertThat(engine.statistics(StatisticsQuery.builder(Fixtures.CPU).period(HOUR).build()))
        .hasSize(2);
  }
}
