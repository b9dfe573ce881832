package io.meterkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the core produces facts naming the right field, rule and value. */
class ViolationTest {
  private static final long T0 = Instant.parse("2014-10-22T00:00:00Z").toEpochMilli();

  private static Sample.Builder valid() {
    return Sample.builder("cpu", MeterType.GAUGE, "%")
        .volume(1)
        .timestampMillis(T0)
        .resourceId("r");
  }

  private static Violation refusal(Runnable build) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, build::run);
    assertThat(e).as("a refusal").isNotNull();
    assertThat(e.getMessage()).isEqualTo(e.violation().message());
    return e.violation();
  }

  private static void assertFacts(
      Violation violation, Field field, Rule rule, Object value, String... expected) {
    assertThat(violation.field()).isEqualTo(field);
    assertThat(violation.rule()).isEqualTo(rule);
    assertThat(violation.value()).isEqualTo(value);
    assertThat(violation.expected()).containsExactly(expected);
    assertThat(violation.index()).isNull();
  }

  @Test
  void aMissingRequiredFieldIsRequiredWithoutValue() {
    assertFacts(
        refusal(() -> valid().resourceId(null).build()),
        SampleField.RESOURCE_ID,
        Rule.REQUIRED,
        null);
    assertFacts(
        refusal(
            () ->
                Sample.builder("cpu", null, "%")
                    .volume(1)
                    .timestampMillis(T0)
                    .resourceId("r")
                    .build()),
        SampleField.TYPE,
        Rule.REQUIRED,
        null);
    assertFacts(
        refusal(() -> Sample.builder("cpu", MeterType.GAUGE, "%").timestampMillis(T0).build()),
        SampleField.VOLUME,
        Rule.REQUIRED,
        null);
  }

  @Test
  void textRulesNameTheFieldAndKeepTheWholeValue() {
    assertFacts(
        refusal(() -> valid().userId(" ").build()), SampleField.USER_ID, Rule.NOT_BLANK, " ");
    String longName = "m".repeat(256);
    assertFacts(
        refusal(
            () ->
                Sample.builder(longName, MeterType.GAUGE, "%")
                    .volume(1)
                    .timestampMillis(T0)
                    .resourceId("r")
                    .build()),
        SampleField.METER_NAME,
        Rule.TOO_LONG,
        longName,
        "255");
    assertFacts(
        refusal(() -> valid().source("a\u0001b").build()),
        SampleField.SOURCE,
        Rule.CONTROL_CHARACTERS,
        "a\u0001b");
    assertFacts(
        refusal(() -> valid().messageId("x\ud800").build()),
        SampleField.MESSAGE_ID,
        Rule.UNPAIRED_SURROGATE,
        "x\ud800",
        "1");
  }

  @Test
  void numbersAndTimestampsKeepTheirRawValue() {
    assertFacts(
        refusal(() -> valid().volume(Double.NaN).build()),
        SampleField.VOLUME,
        Rule.NOT_FINITE,
        Double.NaN);
    assertFacts(
        refusal(() -> valid().volume(-2e100).build()),
        SampleField.VOLUME,
        Rule.TOO_LARGE,
        -2e100,
        "1e100");
    Violation early = refusal(() -> valid().timestampMillis(-1).build());
    assertFacts(
        early,
        SampleField.TIMESTAMP,
        Rule.OUT_OF_RANGE,
        -1L,
        "1970-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z");
    assertThat(early.message())
        .isEqualTo(
            "timestamp must be within 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999Z, got: -1 ms"
                + " (1969-12-31T23:59:59.999Z)");
  }

  @Test
  void metadataRulesNameTheKeyOrTheValueOfAKey() {
    assertFacts(
        refusal(() -> valid().metadata(Map.of(" ", "v")).build()),
        SampleField.METADATA_KEY,
        Rule.NOT_BLANK,
        " ");
    Violation value = refusal(() -> valid().metadata(Map.of("flavor", "a\u0000")).build());
    assertFacts(
        value,
        new MetadataValue("flavor"),
        Rule.CONTROL_CHARACTERS,
        "a\u0000",
        "tab",
        "line feed",
        "carriage return");
    assertThat(value.messageFor("resource_metadata.flavor"))
        .isEqualTo(
            "resource_metadata.flavor must not contain control characters other than tab, line"
                + " feed and carriage return, got: 'a\\u0000'");
    java.util.Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i <= Limits.MAX_METADATA_ENTRIES; i++) {
      many.put("k" + i, "v");
    }
    assertFacts(
        refusal(() -> valid().metadata(many).build()),
        SampleField.METADATA,
        Rule.TOO_MANY,
        1001,
        "1000");
  }

  @Test
  void parsersNameTheParameterTheFormAndTheText() {
    assertFacts(
        refusal(() -> MeterType.parse("rate")),
        SampleField.TYPE,
        Rule.NOT_ONE_OF,
        "rate",
        "gauge",
        "delta",
        "cumulative");
    assertFacts(
        refusal(() -> IsoTime.parse("soon", "start_timestamp")),
        new RequestField("start_timestamp"),
        Rule.MALFORMED,
        "soon",
        IsoTime.TIMESTAMP_FORM);
    assertFacts(
        refusal(() -> IsoTime.parseDate("2014-13-01", "date__gt")),
        new RequestField("date__gt"),
        Rule.MALFORMED,
        "2014-13-01",
        IsoTime.DATE_FORM);
    Violation range =
        catchThrowableOfType(InvalidQueryException.class, () -> TimeRange.of(2, 1)).violation();
    assertFacts(range, QueryField.TIME_RANGE, Rule.START_AFTER_END, 2L, "end", "1");
    assertFacts(
        refusal(() -> TimeRange.ALL.widen(-1)), QueryField.MARGIN, Rule.TOO_SMALL, -1L, "0");
  }

  @Test
  void anIndexedViolationNamesItsSampleInTheMessage() {
    Violation violation = Violation.of(SampleField.VOLUME, Rule.NOT_FINITE, Double.NaN).at(3);
    assertThat(violation.index()).isEqualTo(3);
    assertThat(violation.message()).isEqualTo("samples[3]: volume must be finite, got: NaN");
    assertThat(violation.messageFor("samples[3].counter_volume"))
        .isEqualTo("samples[3].counter_volume must be finite, got: NaN");
    assertThat(new InvalidSampleException(violation).getMessage()).isEqualTo(violation.message());
    assertThat(new InvalidQueryException(violation, "other words").getMessage())
        .isEqualTo("other words");
    assertThat(violation.expected()).isEqualTo(List.of());
  }
}
