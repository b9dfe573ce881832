package io.meterkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MeterTest {

  @Test
  void meterIdIsTheBase64OfResourcePlusNameAsInTheSpecExample() {
    Meter meter =
        new Meter("testmeter005", MeterType.GAUGE, "B", "demo_resource003", null, null, null);

    assertThat(meter.meterId()).isEqualTo("ZGVtb19yZXNvdXJjZTAwMyt0ZXN0bWV0ZXIwMDU=");
    assertThat(new String(Base64.getDecoder().decode(meter.meterId()), StandardCharsets.UTF_8))
        .isEqualTo("demo_resource003+testmeter005");
  }

  @Test
  void meterIdHasNoTrailingNewlineAndEncodesUtf8() {
    Meter meter = new Meter("énergie", MeterType.CUMULATIVE, "J", "r€", "p", "u", "s");

    assertThat(meter.meterId())
        .isEqualTo(
            Base64.getEncoder().encodeToString("r€+énergie".getBytes(StandardCharsets.UTF_8)))
        .doesNotContain("\n");
  }

  @Test
  void meterIdDoesNotDependOnTheOwner() {
    Meter a = new Meter("cpu", MeterType.GAUGE, "%", "r1", "p1", "u1", "s1");
    Meter b = new Meter("cpu", MeterType.GAUGE, "%", "r1", null, null, null);

    assertThat(a.meterId()).isEqualTo(b.meterId()).isEqualTo("cjErY3B1");
  }

  @Test
  void requiresNameTypeUnitAndResource() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Meter(null, MeterType.GAUGE, "%", "r", null, null, null))
        .withMessage("name");
    assertThatNullPointerException()
        .isThrownBy(() -> new Meter("cpu", null, "%", "r", null, null, null))
        .withMessage("type");
    assertThatNullPointerException()
        .isThrownBy(() -> new Meter("cpu", MeterType.GAUGE, null, "r", null, null, null))
        .withMessage("unit");
    assertThatNullPointerException()
        .isThrownBy(() -> new Meter("cpu", MeterType.GAUGE, "%", null, null, null, null))
        .withMessage("resourceId");
  }
}
