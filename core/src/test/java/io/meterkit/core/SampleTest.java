package io.meterkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SampleTest {
  private static final long T0 = Instant.parse("2014-10-22T00:00:00Z").toEpochMilli();
  private static final String A64 = "a".repeat(64);

  /** Every name or id component, mapped to a sample that is valid except for that component. */
  private static final Map<String, FieldSetter> NAME_FIELDS = new LinkedHashMap<>();

  /** Reads each component of {@link #NAME_FIELDS} back from a sample. */
  private static final Map<String, Function<Sample, String>> NAME_READERS =
      Map.of(
          "meterName", Sample::meterName,
          "unit", Sample::unit,
          "resourceId", Sample::resourceId,
          "projectId", Sample::projectId,
          "userId", Sample::userId,
          "source", Sample::source,
          "messageId", Sample::messageId);

  @FunctionalInterface
  private interface FieldSetter {
    Sample build(String value);
  }

  static {
    NAME_FIELDS.put(
        "meterName",
        v -> new Sample(v, MeterType.GAUGE, "%", 1, T0, "r1", null, null, null, null, null));
    NAME_FIELDS.put(
        "unit",
        v -> new Sample("cpu", MeterType.GAUGE, v, 1, T0, "r1", null, null, null, null, null));
    NAME_FIELDS.put("resourceId", v -> valid().resourceId(v).build());
    NAME_FIELDS.put("projectId", v -> valid().projectId(v).build());
    NAME_FIELDS.put("userId", v -> valid().userId(v).build());
    NAME_FIELDS.put("source", v -> valid().source(v).build());
    NAME_FIELDS.put("messageId", v -> valid().messageId(v).build());
  }

  private static Sample.Builder valid() {
    return Sample.builder("cpu_util", MeterType.GAUGE, "%")
        .volume(42.5)
        .timestampMillis(T0)
        .resourceId("instance-1")
        .projectId("project-1")
        .userId("user-1")
        .source("openstack")
        .metadata(Map.of("flavor", "m1.small"))
        .messageId("message-1");
  }

  static Stream<String> nameFields() {
    return NAME_FIELDS.keySet().stream();
  }

  static Stream<String> requiredNameFields() {
    return Stream.of("meterName", "unit", "resourceId");
  }

  static Stream<String> optionalNameFields() {
    return Stream.of("projectId", "userId", "source", "messageId");
  }

  @Test
  void buildsAValidSampleWithEveryComponent() {
    Sample sample = valid().build();

    assertThat(sample.meterName()).isEqualTo("cpu_util");
    assertThat(sample.type()).isEqualTo(MeterType.GAUGE);
    assertThat(sample.unit()).isEqualTo("%");
    assertThat(sample.volume()).isEqualTo(42.5);
    assertThat(sample.timestampMillis()).isEqualTo(T0);
    assertThat(sample.timestamp()).isEqualTo(Instant.parse("2014-10-22T00:00:00Z"));
    assertThat(sample.resourceId()).isEqualTo("instance-1");
    assertThat(sample.projectId()).isEqualTo("project-1");
    assertThat(sample.userId()).isEqualTo("user-1");
    assertThat(sample.source()).isEqualTo("openstack");
    assertThat(sample.metadata()).containsExactly(Map.entry("flavor", "m1.small"));
    assertThat(sample.messageId()).isEqualTo("message-1");
  }

  @ParameterizedTest
  @MethodSource("requiredNameFields")
  void rejectsAMissingRequiredName(String field) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build(null))
        .withMessage(field + " is required, got: null");
  }

  @ParameterizedTest
  @MethodSource("optionalNameFields")
  void acceptsAnAbsentOptionalName(String field) {
    Sample sample = NAME_FIELDS.get(field).build(null);

    assertThat(NAME_READERS.get(field).apply(sample)).isNull();
    assertThat(sample.meterName()).isEqualTo("cpu_util");
    assertThat(sample.resourceId()).isEqualTo("instance-1");
    assertThat(sample.volume()).isEqualTo(42.5);
  }

  static Stream<String> namesThatMustNotBeBlank() {
    return nameFields().filter(field -> !field.equals("unit"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void acceptsAnEmptyOrBlankUnitAsCeilometerDoes(String unit) {
    Sample sample = NAME_FIELDS.get("unit").build(unit);

    assertThat(sample.unit()).isEqualTo(unit);
  }

  @ParameterizedTest
  @MethodSource("namesThatMustNotBeBlank")
  void rejectsAnEmptyName(String field) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build(""))
        .withMessage(field + " must not be blank, got: ''");
  }

  @ParameterizedTest
  @MethodSource("namesThatMustNotBeBlank")
  void rejectsABlankNameAndEscapesItsControlCharacters(String field) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build(" \t "))
        .withMessage(field + " must not be blank, got: ' \\u0009 '");
  }

  @ParameterizedTest
  @MethodSource("nameFields")
  void acceptsANameOfExactlyTheMaximumLength(String field) {
    String longest = "x".repeat(Limits.MAX_NAME_LENGTH);

    Sample sample = NAME_FIELDS.get(field).build(longest);

    assertThat(NAME_READERS.get(field).apply(sample)).isEqualTo(longest);
  }

  @ParameterizedTest
  @MethodSource("nameFields")
  void rejectsANameOneCharacterTooLongAndCutsItInTheMessage(String field) {
    String tooLong = "a".repeat(Limits.MAX_NAME_LENGTH + 1);

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build(tooLong))
        .withMessage(
            field + " must be at most 255 characters, got 256: '" + A64 + "'... (256 characters)");
  }

  @ParameterizedTest
  @MethodSource("nameFields")
  void rejectsANameWithAControlCharacter(String field) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build("a\u0001b"))
        .withMessage(field + " must not contain control characters, got: 'a\\u0001b'");
  }

  @ParameterizedTest
  @MethodSource("nameFields")
  void rejectsANameWithALineBreak(String field) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build("line\nbreak"))
        .withMessage(field + " must not contain control characters, got: 'line\\u000abreak'");
  }

  @ParameterizedTest
  @MethodSource("nameFields")
  void rejectsANameWithADeleteCharacter(String field) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build("del\u007f"))
        .withMessage(field + " must not contain control characters, got: 'del\\u007f'");
  }

  @ParameterizedTest
  @MethodSource("nameFields")
  void rejectsANameWithAnUnpairedSurrogate(String field) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build("a\uD800b"))
        .withMessage(
            field + " must be valid UTF-16 (unpaired surrogate at index 1), got: 'a\uD800b'");
  }

  @ParameterizedTest
  @MethodSource("nameFields")
  void rejectsANameEndingInALoneLowSurrogate(String field) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> NAME_FIELDS.get(field).build("ab\uDC00"))
        .withMessage(
            field + " must be valid UTF-16 (unpaired surrogate at index 2), got: 'ab\uDC00'");
  }

  @ParameterizedTest
  @MethodSource("nameFields")
  void acceptsNonAsciiNamesIncludingSurrogatePairs(String field) {
    String name = "énergie-\uD83D\uDE00-ü";

    assertThat(NAME_READERS.get(field).apply(NAME_FIELDS.get(field).build(name))).isEqualTo(name);
  }

  @Test
  void rejectsAMissingType() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> Sample.builder("cpu", null, "%").volume(1).timestampMillis(T0).build())
        .withMessage("type is required, got: null");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void rejectsANonFiniteVolume(double volume) {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().volume(volume).build())
        .withMessage("volume must be finite, got: " + volume);
  }

  @Test
  void namesNonFiniteVolumesTheJavaWay() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().volume(Double.NaN).build())
        .withMessage("volume must be finite, got: NaN");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().volume(Double.POSITIVE_INFINITY).build())
        .withMessage("volume must be finite, got: Infinity");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().volume(Double.NEGATIVE_INFINITY).build())
        .withMessage("volume must be finite, got: -Infinity");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, Double.MIN_VALUE, -1e100, 1e100, 1e15, -0.5})
  void acceptsEveryFiniteVolumeUpTo1e100InMagnitude(double volume) {
    assertThat(valid().volume(volume).build().volume()).isEqualTo(volume);
  }

  @Test
  void rejectsAVolumeBeyond1e100InMagnitude() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().volume(Double.MAX_VALUE).build())
        .withMessage("volume must be at most 1e100 in magnitude, got: 1.7976931348623157E308");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().volume(-1.0000001e100).build())
        .withMessage("volume must be at most 1e100 in magnitude, got: -1.0000001E100");
  }

  @Test
  void storesANegativeZeroVolumeAsZero() {
    double volume = valid().volume(-0.0).build().volume();
    assertThat(Double.doubleToRawLongBits(volume)).isEqualTo(Double.doubleToRawLongBits(0.0));
  }

  @Test
  void rejectsATimestampBefore1970() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().timestampMillis(-1).build())
        .withMessage(
            "timestamp must be within 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999Z, got: -1 ms"
                + " (1969-12-31T23:59:59.999Z)");
  }

  @Test
  void rejectsATimestampAfterTheYear9999() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().timestampMillis(Limits.MAX_TIMESTAMP_MILLIS + 1).build())
        .withMessage(
            "timestamp must be within 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999Z, got:"
                + " 253402300800000 ms (+10000-01-01T00:00:00Z)");
  }

  @Test
  void rejectsTheExtremeTimestamps() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().timestampMillis(Long.MIN_VALUE).build())
        .withMessage(
            "timestamp must be within 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999Z, got:"
                + " -9223372036854775808 ms (-292275055-05-16T16:47:04.192Z)");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().timestampMillis(Long.MAX_VALUE).build())
        .withMessage(
            "timestamp must be within 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999Z, got:"
                + " 9223372036854775807 ms (+292278994-08-17T07:12:55.807Z)");
  }

  @Test
  void acceptsTheFirstAndLastTimestampOfTheValidYears() {
    assertThat(valid().timestampMillis(0).build().timestampMillis()).isZero();
    assertThat(valid().timestampMillis(Limits.MAX_TIMESTAMP_MILLIS).build().timestamp())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
  }

  @Test
  void rejectsANullMetadataKey() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(null, "value");

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(metadata).build())
        .withMessage("metadata key must not be null");
  }

  @Test
  void rejectsABlankMetadataKey() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(Map.of("  ", "value")).build())
        .withMessage("metadata key must not be blank, got: '  '");
  }

  @Test
  void rejectsAnEmptyMetadataKey() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(Map.of("", "value")).build())
        .withMessage("metadata key must not be blank, got: ''");
  }

  @Test
  void rejectsAnOverLongMetadataKey() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(Map.of("a".repeat(256), "value")).build())
        .withMessage(
            "metadata key must be at most 255 characters, got 256: '"
                + A64
                + "'... (256 characters)");
  }

  @Test
  void rejectsAMetadataKeyWithAControlCharacter() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(Map.of("a\tb", "value")).build())
        .withMessage("metadata key must not contain control characters, got: 'a\\u0009b'");
  }

  @Test
  void rejectsANullMetadataValue() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("flavor", null);

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(metadata).build())
        .withMessage("metadata value of key 'flavor' must not be null");
  }

  @Test
  void rejectsAnOverLongMetadataValue() {
    String tooLong = "v".repeat(Limits.MAX_METADATA_VALUE_LENGTH + 1);

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(Map.of("k", tooLong)).build())
        .withMessage(
            "metadata value of key 'k' must be at most 65535 characters, got 65536: '"
                + "v".repeat(64)
                + "'... (65536 characters)");
  }

  @Test
  void acceptsAMetadataValueOfExactlyTheMaximumLengthAndAnEmptyValue() {
    String longest = "v".repeat(Limits.MAX_METADATA_VALUE_LENGTH);

    Sample sample = valid().metadata(Map.of("long", longest, "empty", "")).build();

    assertThat(sample.metadata()).containsEntry("long", longest).containsEntry("empty", "");
  }

  @Test
  void rejectsAMetadataValueWithAControlCharacterOtherThanTabsAndLineBreaks() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(Map.of("k", "bell\u0007")).build())
        .withMessage(
            "metadata value of key 'k' must not contain control characters other than tab, line"
                + " feed and carriage return, got: 'bell\\u0007'");
  }

  @Test
  void acceptsTabsAndLineBreaksInAMetadataValue() {
    Sample sample = valid().metadata(Map.of("k", "two\r\nlines\tand a tab")).build();
    assertThat(sample.metadata()).containsEntry("k", "two\r\nlines\tand a tab");
  }

  @Test
  void rejectsTooManyMetadataEntries() {
    Map<String, String> metadata = new HashMap<>();
    for (int i = 0; i <= Limits.MAX_METADATA_ENTRIES; i++) {
      metadata.put("key" + i, "value");
    }

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(metadata).build())
        .withMessage("metadata must have at most 1000 entries, got: 1001");
  }

  @Test
  void rejectsTooManyMetadataEntriesInAnAlreadySortedImmutableMap() {
    ImmutableSortedMap.Builder<String, String> metadata = ImmutableSortedMap.naturalOrder();
    for (int i = 0; i <= Limits.MAX_METADATA_ENTRIES; i++) {
      metadata.put("key" + i, "value");
    }

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(metadata.build()).build())
        .withMessage("metadata must have at most 1000 entries, got: 1001");
  }

  @Test
  void validatesTheEntriesOfAnAlreadySortedImmutableMap() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(ImmutableSortedMap.of(" ", "value")).build())
        .withMessage("metadata key must not be blank, got: ' '");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().metadata(ImmutableSortedMap.of("k", "a\u0000")).build())
        .withMessage(
            "metadata value of key 'k' must not contain control characters other than tab, line"
                + " feed and carriage return, got: 'a\\u0000'");
  }

  @Test
  void acceptsExactlyTheMaximumNumberOfMetadataEntries() {
    Map<String, String> metadata = new HashMap<>();
    for (int i = 0; i < Limits.MAX_METADATA_ENTRIES; i++) {
      metadata.put("key" + i, "value");
    }

    assertThat(valid().metadata(metadata).build().metadata()).hasSize(1000);
  }

  @Test
  void copiesMetadataIntoAnImmutableMapSortedByKey() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("zone", "b");
    metadata.put("flavor", "m1.small");
    metadata.put("properties.prop_1", "x");

    Sample sample = valid().metadata(metadata).build();
    metadata.put("added", "later");

    assertThat(sample.metadata().keySet()).containsExactly("flavor", "properties.prop_1", "zone");
    assertThatThrownBy(() -> sample.metadata().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void resortsAnImmutableSortedMapWithAnotherOrder() {
    ImmutableSortedMap<String, String> reversed =
        ImmutableSortedMap.<String, String>orderedBy(Comparator.reverseOrder())
            .put("a", "1")
            .put("b", "2")
            .build();

    Sample sample = valid().metadata(reversed).build();

    assertThat(sample.metadata().keySet()).containsExactly("a", "b");
    assertThat(sample.metadata()).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void treatsNullMetadataAsEmpty() {
    Sample sample = valid().metadata(null).build();

    assertThat(sample.metadata()).isEmpty();
    assertThat(sample).isEqualTo(valid().metadata(Map.of()).build());
  }

  @Test
  void builderRequiresAVolume() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(
            () ->
                Sample.builder("cpu", MeterType.GAUGE, "%")
                    .timestampMillis(T0)
                    .resourceId("r")
                    .build())
        .withMessage("volume is required, got: null");
  }

  @Test
  void builderRequiresATimestamp() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(
            () -> Sample.builder("cpu", MeterType.GAUGE, "%").volume(1).resourceId("r").build())
        .withMessage("timestamp is required, got: null");
  }

  @Test
  void builderReportsTheMissingVolumeBeforeTheMissingTimestamp() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> Sample.builder("cpu", MeterType.GAUGE, "%").resourceId("r").build())
        .withMessage("volume is required, got: null");
  }

  @Test
  void builderRequiresAResourceId() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(
            () -> Sample.builder("cpu", MeterType.GAUGE, "%").volume(1).timestampMillis(T0).build())
        .withMessage("resourceId is required, got: null");
  }

  @Test
  void builderTakesAnInstantTruncatedToMilliseconds() {
    Sample sample = valid().timestamp(Instant.parse("2014-10-22T00:00:00.123456789Z")).build();

    assertThat(sample.timestampMillis()).isEqualTo(T0 + 123);
  }

  @Test
  void reportsTheFirstInvalidComponentInDeclarationOrder() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(
            () -> new Sample("", null, "", Double.NaN, -1, "", "", "", "", Map.of("", ""), ""))
        .withMessage("meterName must not be blank, got: ''");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> new Sample("m", null, "", Double.NaN, -1, "", "", "", "", Map.of(), ""))
        .withMessage("type is required, got: null");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(
            () ->
                new Sample(
                    "m", MeterType.DELTA, "\t", Double.NaN, -1, "", "", "", "", Map.of(), ""))
        .withMessage("unit must not contain control characters, got: '\\u0009'");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(
            () ->
                new Sample("m", MeterType.DELTA, "B", Double.NaN, -1, "", "", "", "", Map.of(), ""))
        .withMessage("volume must be finite, got: NaN");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(
            () -> new Sample("m", MeterType.DELTA, "B", 1, T0, "r", "", "", "", Map.of(), ""))
        .withMessage("projectId must not be blank, got: ''");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(
            () ->
                new Sample(
                    "m", MeterType.DELTA, "B", 1, T0, "r", null, null, null, Map.of("", ""), ""))
        .withMessage("messageId must not be blank, got: ''");
  }

  @Test
  void withMessageIdReplacesOnlyTheMessageId() {
    Sample sample = valid().build();

    Sample other = sample.withMessageId("message-2");

    assertThat(other.messageId()).isEqualTo("message-2");
    assertThat(other.withMessageId("message-1")).isEqualTo(sample);
    assertThat(sample.withMessageId(null).messageId()).isNull();
    assertThat(sample.withMessageId("message-1")).isSameAs(sample);
  }

  @Test
  void withMessageIdValidatesTheNewId() {
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> valid().build().withMessageId(" "))
        .withMessage("messageId must not be blank, got: ' '");
  }

  @Test
  void comparesVolumesByValueWithOneZero() {
    // -0.0 is stored as 0.0, so the two samples are the same measurement.
    assertThat(valid().volume(0.0).build()).isEqualTo(valid().volume(-0.0).build());
    assertThat(valid().volume(1.0).build()).isEqualTo(valid().volume(1.0).build());
    assertThat(valid().volume(1.0).build()).isNotEqualTo(valid().volume(2.0).build());
  }
}
