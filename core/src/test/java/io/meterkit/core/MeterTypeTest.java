package io.meterkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MeterTypeTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "gauge, GAUGE",
    "GAUGE, GAUGE",
    "Delta, DELTA",
    "cumulative, CUMULATIVE",
    "CuMuLaTiVe, CUMULATIVE"
  })
  void parsesWireNamesIgnoringCase(String text, MeterType expected) {
    assertThat(MeterType.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @NullAndEmptySource
  @ValueSource(strings = {"counter", " gauge", "gauges"})
  void rejectsAnyOtherNameQuotingIt(String text) {
    String shown = text == null ? "null" : "'" + text + "'";
    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> MeterType.parse(text))
        .withMessage("type must be one of gauge, delta, cumulative, got: " + shown);
  }

  @Test
  void wireNamesAreLowerCase() {
    assertThat(MeterType.GAUGE.wireName()).isEqualTo("gauge");
    assertThat(MeterType.DELTA.wireName()).isEqualTo("delta");
    assertThat(MeterType.CUMULATIVE.wireName()).isEqualTo("cumulative");
  }
}
