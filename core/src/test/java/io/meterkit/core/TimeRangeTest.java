package io.meterkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRangeTest {
  private static final long T0 = Instant.parse("2014-10-22T00:00:00Z").toEpochMilli();

  @Test
  void containsItsStartButNotItsEnd() {
    TimeRange range = TimeRange.of(10, 20);

    assertThat(range.contains(9)).isFalse();
    assertThat(range.contains(10)).isTrue();
    assertThat(range.contains(19)).isTrue();
    assertThat(range.contains(20)).isFalse();
  }

  @Test
  void anEmptyRangeContainsNothing() {
    TimeRange empty = TimeRange.of(10, 10);

    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.contains(9)).isFalse();
    assertThat(empty.contains(10)).isFalse();
    assertThat(TimeRange.of(10, 11).isEmpty()).isFalse();
  }

  @Test
  void allContainsEveryInstantButLongMaxValue() {
    assertThat(TimeRange.ALL.contains(Long.MIN_VALUE)).isTrue();
    assertThat(TimeRange.ALL.contains(0)).isTrue();
    assertThat(TimeRange.ALL.contains(Long.MAX_VALUE - 1)).isTrue();
    assertThat(TimeRange.ALL.contains(Long.MAX_VALUE)).isFalse();
    assertThat(TimeRange.ALL).isEqualTo(new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @ParameterizedTest(name = "[{0}, {1}] vs [10, 20) -> {2}")
  @CsvSource({
    "0, 9, false",
    "0, 10, true",
    "10, 10, true",
    "12, 15, true",
    "19, 19, true",
    "19, 30, true",
    "20, 30, false",
    "21, 30, false",
    "0, 100, true",
  })
  void overlapsAClosedIntervalWhenTheyShareAnInstant(long min, long max, boolean expected) {
    assertThat(TimeRange.of(10, 20).overlapsClosed(min, max)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}, {1}] vs [10, 10) -> false")
  @CsvSource({"0, 100", "10, 10", "0, 10", "10, 20", "9, 9"})
  void anEmptyRangeOverlapsNoInterval(long min, long max) {
    assertThat(TimeRange.of(10, 10).overlapsClosed(min, max)).isFalse();
  }

  @Test
  void overlapsClosedAgreesWithContainsForEveryInstantOfASmallGrid() {
    for (long from = 0; from <= 6; from++) {
      for (long to = from; to <= 6; to++) {
        TimeRange range = TimeRange.of(from, to);
        for (long min = -1; min <= 7; min++) {
          for (long max = min; max <= 7; max++) {
            boolean shares = false;
            for (long t = min; t <= max; t++) {
              shares |= range.contains(t);
            }
            assertThat(range.overlapsClosed(min, max))
                .as("%s vs [%d, %d]", range, min, max)
                .isEqualTo(shares);
          }
        }
      }
    }
  }

  @Test
  void rejectsAStartAfterTheEnd() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> TimeRange.of(T0 + 1000, T0))
        .withMessage(
            "time range start must not be after its end, got: 2014-10-22T00:00:01 >"
                + " 2014-10-22T00:00:00");
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> new TimeRange(T0 + 1, T0))
        .withMessage(
            "time range start must not be after its end, got: 2014-10-22T00:00:00.001 >"
                + " 2014-10-22T00:00:00");
  }

  @Test
  void rejectsAStartAfterTheEndAtTheLimitsOfALong() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> TimeRange.of(Long.MAX_VALUE, Long.MIN_VALUE))
        .withMessage(
            "time range start must not be after its end, got: 292278994-08-17T07:12:55.807 >"
                + " -292275055-05-16T16:47:04.192");
  }

  @Test
  void widensBothSides() {
    assertThat(TimeRange.of(T0, T0 + 10).widen(60_000))
        .isEqualTo(TimeRange.of(T0 - 60_000, T0 + 60_010));
    assertThat(TimeRange.of(T0, T0).widen(5)).isEqualTo(TimeRange.of(T0 - 5, T0 + 5));
    assertThat(TimeRange.of(T0, T0 + 10).widen(0)).isEqualTo(TimeRange.of(T0, T0 + 10));
  }

  @Test
  void widenSaturatesAtTheLimitsOfALong() {
    assertThat(TimeRange.ALL.widen(1)).isEqualTo(TimeRange.ALL);
    assertThat(TimeRange.ALL.widen(Long.MAX_VALUE)).isEqualTo(TimeRange.ALL);
    assertThat(TimeRange.of(Long.MIN_VALUE + 3, Long.MAX_VALUE - 3).widen(10))
        .isEqualTo(TimeRange.ALL);
    assertThat(TimeRange.of(-10, 10).widen(Long.MAX_VALUE)).isEqualTo(TimeRange.ALL);
    assertThat(TimeRange.of(0, 10).widen(Long.MAX_VALUE))
        .isEqualTo(TimeRange.of(-Long.MAX_VALUE, Long.MAX_VALUE));
    assertThat(TimeRange.of(Long.MIN_VALUE, 0).widen(7)).isEqualTo(TimeRange.of(Long.MIN_VALUE, 7));
    assertThat(TimeRange.of(0, Long.MAX_VALUE).widen(7))
        .isEqualTo(TimeRange.of(-7, Long.MAX_VALUE));
  }

  @Test
  void rejectsANegativeMargin() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> TimeRange.of(0, 10).widen(-1))
        .withMessage("marginMillis must be >= 0, got: -1");
  }

  @Test
  void printsAsAHalfOpenInterval() {
    assertThat(TimeRange.of(T0, T0 + 1500))
        .hasToString("[2014-10-22T00:00:00, 2014-10-22T00:00:01.5)");
    assertThat(TimeRange.ALL).hasToString("[-inf, +inf)");
    assertThat(TimeRange.of(Long.MIN_VALUE, 0)).hasToString("[-inf, 1970-01-01T00:00:00)");
  }
}
