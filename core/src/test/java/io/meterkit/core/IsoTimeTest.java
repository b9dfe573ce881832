package io.meterkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimeTest {

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2014-10-22T00:00:00              | 2014-10-22T00:00:00Z",
        "2014-10-22T00:00:00Z             | 2014-10-22T00:00:00Z",
        "2014-10-22T01:00:00+01:00        | 2014-10-22T00:00:00Z",
        "2014-10-21T23:00:00-01:00        | 2014-10-22T00:00:00Z",
        "2014-10-22T01:00:00+0100         | 2014-10-22T00:00:00Z",
        "2014-10-22T01:00:00+01           | 2014-10-22T00:00:00Z",
        "2014-10-22T05:30:00.5+05:30      | 2014-10-22T00:00:00.500Z",
        "2014-10-22T00:00:00.123          | 2014-10-22T00:00:00.123Z",
        "2014-10-22T00:00:00.5            | 2014-10-22T00:00:00.500Z",
        "2014-10-22T00:00:00.000001       | 2014-10-22T00:00:00Z",
        "2014-10-22T00:00:00.123456789Z   | 2014-10-22T00:00:00.123Z",
        "2014-10-22 00:00:00              | 2014-10-22T00:00:00Z",
        "2014-10-22 13:14:15.016Z         | 2014-10-22T13:14:15.016Z",
        "2014-10-22                       | 2014-10-22T00:00:00Z",
        "2014-10-22T13:14                 | 2014-10-22T13:14:00Z",
        "2014-10-22T13:14Z                | 2014-10-22T13:14:00Z",
        "2014-10-22t13:14:15z             | 2014-10-22T13:14:15Z",
        "1970-01-01T00:00:00              | 1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.9999         | 1969-12-31T23:59:59.999Z",
        "2012-02-29T00:00:00              | 2012-02-29T00:00:00Z",
        "9999-12-31T23:59:59.999Z         | 9999-12-31T23:59:59.999Z",
      })
  void parsesIsoTimestampsWithAndWithoutOffset(String text, String expected) {
    assertThat(IsoTime.parse(text, "start")).isEqualTo(millis(expected));
  }

  @Test
  void trimsSurroundingWhitespace() {
    assertThat(IsoTime.parse("  2014-10-22T00:00:00 \t", "start"))
        .isEqualTo(millis("2014-10-22T00:00:00Z"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "yesterday",
        "1413936000",
        "2014/10/22",
        "22-10-2014",
        "2014-10-22T",
        "2014-10-22T00:00:00.",
        "2014-10-22T00:00:00,5",
        "2014-10-22T00:00:00.1234567890",
        "2014-10-22T00:00:00 UTC",
        "2014-10-22T00:00:00+25:00",
        "2014-10-22TT00:00:00",
        "2014-13-01T00:00:00",
        "2014-10-32",
        "2014-02-30",
        "2013-02-29T00:00:00",
        "2014-04-31T12:00:00Z",
        "2014-10-22T24:00:00",
        "2014-10-22T23:60:00",
        "2014-10-22T23:59:60",
        "2014-10-22T00:00:00ZZ",
        "2014-10-22T00:00:00zZ",
        "2014-10-22T00:00:00Z+00:00",
        "2014-10-22T00:00:00+01:00+01:00",
        "2014-10-22T00:00:00+01:00+0100",
        "2014-10-22T00:00:00+01+01",
        "2014-10-22T00:00+01:00Z",
      })
  void rejectsAnythingElseNamingTheParameter(String text) {
    String shown = text == null ? "null" : "'" + text + "'";
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> IsoTime.parse(text, "q.value"))
        .withMessage(
            "q.value must be an ISO-8601 timestamp like 2014-10-22T00:00:00, got: " + shown);
  }

  @Test
  void escapesControlCharactersOfABadTimestampInTheMessage() {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> IsoTime.parse("2014-10\u000b-22", "end"))
        .satisfies(e -> assertThat(e).isInstanceOf(MeterkitException.class))
        .withMessage(
            "end must be an ISO-8601 timestamp like 2014-10-22T00:00:00, got: '2014-10\\u000b-22'");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "2014-10-21, 2014-10-21T00:00:00Z",
    "1970-01-01, 1970-01-01T00:00:00Z",
    "' 2016-02-29 ', 2016-02-29T00:00:00Z"
  })
  void parsesBareDatesAsUtcMidnight(String text, String expected) {
    assertThat(IsoTime.parseDate(text, "date")).isEqualTo(millis(expected));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "2014-10-21T00:00:00",
        "2014-02-30",
        "21/10/2014",
        "2014-1-1",
        "+999999999-12-31",
        "-999999999-01-01",
        "-292275056-01-01"
      })
  void rejectsAnythingButABareDate(String text) {
    String shown = text == null ? "null" : "'" + text + "'";
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> IsoTime.parseDate(text, "date__gte"))
        .withMessage("date__gte must be a date like 2014-10-21, got: " + shown);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1970-01-01T00:00:00Z, 1970-01-01T00:00:00",
    "2014-10-22T00:00:00Z, 2014-10-22T00:00:00",
    "2014-10-22T13:14:15Z, 2014-10-22T13:14:15",
    "2014-10-22T13:14:15.500Z, 2014-10-22T13:14:15.5",
    "2014-10-22T13:14:15.120Z, 2014-10-22T13:14:15.12",
    "2014-10-22T13:14:15.123Z, 2014-10-22T13:14:15.123",
    "2014-10-22T13:14:15.001Z, 2014-10-22T13:14:15.001",
    "2014-10-22T13:14:15.010Z, 2014-10-22T13:14:15.01",
    "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999",
    "0001-01-01T00:00:00Z, 0001-01-01T00:00:00",
    "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999",
  })
  void formatsWithoutOffsetAndWithAFractionOnlyWhenNotZero(String instant, String expected) {
    assertThat(IsoTime.format(millis(instant))).isEqualTo(expected);
  }

  @Test
  void formatsYearsBeyondFourDigitsWithoutPadding() {
    assertThat(IsoTime.format(Limits.MAX_TIMESTAMP_MILLIS + 1)).isEqualTo("10000-01-01T00:00:00");
  }

  @Test
  void formatsTheUtcAndDateForms() {
    long t = millis("2014-10-22T13:14:15.250Z");

    assertThat(IsoTime.formatUtc(t)).isEqualTo("2014-10-22T13:14:15.25Z");
    assertThat(IsoTime.formatUtc(millis("2014-10-22T13:14:15Z"))).isEqualTo("2014-10-22T13:14:15Z");
    assertThat(IsoTime.formatDate(t)).isEqualTo("2014-10-22");
  }

  @Test
  void parsesWhatItFormats() {
    long seed = 20141022L;
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      long t = Math.floorMod(random.nextLong(), Limits.MAX_TIMESTAMP_MILLIS + 1);
      if (i % 3 == 0) {
        t -= Math.floorMod(t, 1000);
      }
      String text = IsoTime.format(t);

      assertThat(IsoTime.parse(text, "t"))
          .as("seed %d: %d formatted as %s", seed, t, text)
          .isEqualTo(t);
      assertThat(IsoTime.parse(IsoTime.formatUtc(t), "t")).as("seed %d: %d", seed, t).isEqualTo(t);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "2014, 2014-01-01T00:00:00Z",
    "2014-03, 2014-03-01T00:00:00Z",
    "2014-03-05T10, 2014-03-05T10:00:00Z",
    "2014-03-05T10+02:00, 2014-03-05T08:00:00Z",
    "2014-03-05 10:20, 2014-03-05T10:20:00Z"
  })
  void readsTheReducedFormsOfIso8601(String text, String instant) {
    assertThat(IsoTime.parse(text, "q.value")).isEqualTo(Instant.parse(instant).toEpochMilli());
  }
}
