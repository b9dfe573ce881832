package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.SampleField;
import io.meterkit.core.Violation;
import io.meterkit.store.internal.state.MessageIds;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refused batch names the sample by index, the field, the rule and the value in its facts. */
class MeterStoreViolationTest {
  private static Sample sample(String meter, MeterType type, String unit) {
    return Sample.builder(meter, type, unit)
        .volume(1)
        .timestampMillis(1000)
        .resourceId("r")
        .build();
  }

  @Test
  void aSampleWhoseTypeDiffersFromItsMetersIsNamedByIndexAndField() {
    MeterStore store = MeterStore.inMemory();
    store.record(sample("cpu", MeterType.GAUGE, "%"));
    InvalidSampleException e =
        catchThrowableOfType(
            InvalidSampleException.class,
            () ->
                store.recordAll(
                    List.of(
                        sample("cpu", MeterType.GAUGE, "%"), sample("cpu", MeterType.DELTA, "%"))));
    assertThat(e.violation())
        .isEqualTo(
            new Violation(
                SampleField.TYPE,
                Rule.CONFLICTS_WITH_METER,
                "delta",
                List.of("cpu", "gauge", "%"),
                1));
    assertThat(e).hasMessage("samples[1]: meter 'cpu' is a gauge in '%', got: a delta in '%'");
  }

  @Test
  void aUnitThatDiffersWithinOneBatchNamesTheUnit() {
    InvalidSampleException e =
        catchThrowableOfType(
            InvalidSampleException.class,
            () ->
                MeterStore.inMemory()
                    .recordAll(
                        List.of(
                            sample("net", MeterType.DELTA, "B"),
                            sample("net", MeterType.DELTA, "KB"))));
    assertThat(e.violation().field()).isEqualTo(SampleField.UNIT);
    assertThat(e.violation().value()).isEqualTo("KB");
    assertThat(e.violation().index()).isEqualTo(1);
  }

  @Test
  void aNullSampleAndAnUnknownAssignedIdCarryTheirFacts() {
    InvalidSampleException nullSample =
        catchThrowableOfType(
            InvalidSampleException.class,
            () ->
                MeterStore.inMemory()
                    .recordAll(Arrays.asList(sample("m", MeterType.GAUGE, "u"), null)));
    assertThat(nullSample.violation())
        .isEqualTo(new Violation(SampleField.SAMPLE, Rule.NOT_NULL, null, List.of(), 1));
    assertThat(nullSample).hasMessage("samples[1]: sample must not be null");

    MeterStore store = MeterStore.inMemory();
    store.record(sample("m", MeterType.GAUGE, "u"));
    // The form of an id meterkit assigns, for a series the store does not hold.
    String forged = MessageIds.format(1000, 0, 0, 99);
    InvalidSampleException unknown =
        catchThrowableOfType(
            InvalidSampleException.class,
            () -> store.record(sample("m", MeterType.GAUGE, "u").withMessageId(forged)));
    assertThat(unknown.violation())
        .isEqualTo(new Violation(SampleField.MESSAGE_ID, Rule.UNKNOWN_ID, forged, List.of(), null));
  }
}
