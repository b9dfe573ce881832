package io.meterkit.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleReaderTest {
  private static Sample read(String json) {
    return SampleReader.read(Json.read(json, "test"), 0, "samples[0]", 7L);
  }

  @Test
  void nestedMetadataIsFlattenedToDottedStringKeys() {
    Sample sample =
        read(
            "{\"counter_name\":\"m\",\"counter_type\":\"GAUGE\",\"counter_unit\":\"u\","
                + "\"counter_volume\":1.5,\"resource_id\":\"r\",\"resource_metadata\":"
                + "{\"properties\":{\"prop_1\":0.75,\"on\":true,\"n\":null},\"tags\":[1,\"a\"],"
                + "\"size\":10,\"exact\":1.50}}");
    assertThat(sample.type()).isEqualTo(MeterType.GAUGE);
    assertThat(sample.timestampMillis()).isEqualTo(7L);
    assertThat(sample.metadata())
        .isEqualTo(
            Map.of(
                "properties.prop_1", "0.75",
                "properties.on", "True",
                "properties.n", "None",
                "tags", "[1, 'a']",
                "size", "10",
                "exact", "1.5"));
  }

  @Test
  void errorsNameTheSampleTheWireFieldAndTheValue() {
    String base =
        "\"counter_name\":\"m\",\"counter_type\":\"gauge\",\"counter_unit\":\"u\",\"resource_id\":\"r\"";
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base + ",\"counter_volume\":\"abc\"}"))
        .withMessage("samples[0].counter_volume must be a number, got: 'abc'");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base + "}"))
        .withMessage("samples[0].counter_volume is required, got: null");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base.replace("\"r\"", "\" \"") + ",\"counter_volume\":1}"))
        .withMessage("samples[0].resource_id must not be blank, got: ' '");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base + ",\"counter_volume\":1,\"colour\":\"red\"}"))
        .withMessage(
            "samples[0] has an unknown field 'colour'; known: counter_name, counter_type,"
                + " counter_unit, counter_volume, message_id, project_id, recorded_at, resource_id,"
                + " resource_metadata, source, timestamp, user_id");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base + ",\"counter_volume\":1,\"timestamp\":\"soon\"}"))
        .withMessage(
            "samples[0].timestamp must be an ISO-8601 timestamp like 2014-10-22T00:00:00, got: 'soon'");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base + ",\"counter_volume\":1,\"resource_metadata\":[1]}"))
        .withMessage("samples[0].resource_metadata must be a JSON object, got: array");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base.replace("gauge", "rate") + ",\"counter_volume\":1}"))
        .withMessage(
            "samples[0].counter_type must be one of gauge, delta, cumulative, got: 'rate'");
  }

  @Test
  void aHugeOffendingValueIsCutInTheMessage() {
    String base =
        "\"counter_name\":\"m\",\"counter_type\":\"gauge\",\"counter_unit\":\"u\",\"resource_id\":\"r\"";
    String huge = "x".repeat(100_000);
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base + ",\"counter_volume\":{\"a\":\"" + huge + "\"}}"))
        .withMessage(
            "samples[0].counter_volume must be a number, got: object {\"a\":\""
                + "x".repeat(58)
                + "... (100008 characters)");
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> read("{" + base + ",\"counter_volume\":1,\"source\":[\"" + huge + "\"]}"))
        .withMessage(
            "samples[0].source must be a string, got: array [\""
                + "x".repeat(62)
                + "... (100004 characters)");
  }

  @Test
  void refusalsCarryTheSampleFieldItsIndexTheRuleAndTheValueAsGiven() {
    String base =
        "\"counter_name\":\"m\",\"counter_type\":\"gauge\",\"counter_unit\":\"u\",\"resource_id\":\"r\"";
    io.meterkit.core.Violation notANumber =
        violation("{" + base + ",\"counter_volume\":\"abc\"}", 2);
    assertThat(notANumber)
        .isEqualTo(
            new io.meterkit.core.Violation(
                io.meterkit.core.SampleField.VOLUME,
                io.meterkit.core.Rule.MALFORMED,
                "abc",
                java.util.List.of("a number"),
                2));
    io.meterkit.core.Violation badType =
        violation("{" + base.replace("gauge", "rate") + ",\"counter_volume\":1}", 0);
    assertThat(badType.field()).isEqualTo(io.meterkit.core.SampleField.TYPE);
    assertThat(badType.rule()).isEqualTo(io.meterkit.core.Rule.NOT_ONE_OF);
    assertThat(badType.value()).isEqualTo("rate");
    assertThat(badType.expected()).containsExactly("gauge", "delta", "cumulative");
    io.meterkit.core.Violation blank =
        violation("{" + base.replace("\"r\"", "\" \"") + ",\"counter_volume\":1}", 5);
    assertThat(blank.field()).isEqualTo(io.meterkit.core.SampleField.RESOURCE_ID);
    assertThat(blank.rule()).isEqualTo(io.meterkit.core.Rule.NOT_BLANK);
    assertThat(blank.index()).isEqualTo(5);
    io.meterkit.core.Violation metadata =
        violation(
            "{" + base + ",\"counter_volume\":1,\"resource_metadata\":{\"k\":\"a\\u0000\"}}", 1);
    assertThat(metadata.field()).isEqualTo(new io.meterkit.core.MetadataValue("k"));
    assertThat(metadata.rule()).isEqualTo(io.meterkit.core.Rule.CONTROL_CHARACTERS);
    io.meterkit.core.Violation unknown =
        violation("{" + base + ",\"counter_volume\":1,\"colour\":\"red\"}", 0);
    assertThat(unknown.field()).isEqualTo(io.meterkit.core.SampleField.SAMPLE);
    assertThat(unknown.rule()).isEqualTo(io.meterkit.core.Rule.UNKNOWN);
    assertThat(unknown.value()).isEqualTo("colour");
    assertThat(unknown.expected()).contains("counter_volume", "recorded_at");
  }

  private static io.meterkit.core.Violation violation(String json, int index) {
    InvalidSampleException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            InvalidSampleException.class,
            () -> SampleReader.read(Json.read(json, "test"), index, "samples[" + index + "]", 7L));
    assertThat(e).isNotNull();
    return e.violation();
  }
}
