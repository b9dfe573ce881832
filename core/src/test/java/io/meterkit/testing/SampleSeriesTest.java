package io.meterkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleSeriesTest {
  private static final Instant T = Instant.parse("2024-05-01T00:00:00Z");
  private static final long T_MILLIS = 1_714_521_600_000L;
  private static final long FIVE_MINUTES = 300_000L;

  @Test
  void aGaugeTakesOneStepPerValue() {
    List<Sample> samples =
        SampleSeries.gauge("cpu_util", "%")
            .resource("vm-1")
            .project("acme")
            .user("alice")
            .source("agent")
            .metadata(Map.of("flavor", "m1.small"))
            .every(Duration.ofMinutes(5))
            .from(T)
            .values(10, 20.5, 30)
            .toList();

    assertThat(samples)
        .extracting(Sample::timestampMillis, Sample::volume)
        .containsExactly(
            tuple(T_MILLIS, 10.0),
            tuple(T_MILLIS + FIVE_MINUTES, 20.5),
            tuple(T_MILLIS + 2 * FIVE_MINUTES, 30.0));
    Sample first = samples.get(0);
    assertThat(first.meterName()).isEqualTo("cpu_util");
    assertThat(first.type()).isEqualTo(MeterType.GAUGE);
    assertThat(first.unit()).isEqualTo("%");
    assertThat(first.resourceId()).isEqualTo("vm-1");
    assertThat(first.projectId()).isEqualTo("acme");
    assertThat(first.userId()).isEqualTo("alice");
    assertThat(first.source()).isEqualTo("agent");
    assertThat(first.metadata()).containsExactly(Map.entry("flavor", "m1.small"));
    assertThat(first.messageId()).isNull();
  }

  @Test
  void aCounterReadsItsRunningTotalAcrossGapsAndResets() {
    SampleSeries series =
        SampleSeries.cumulative("disk.read.bytes", "B")
            .resource("vm-1")
            .every(Duration.ofMinutes(5))
            .from(T)
            .values(1_000) // 00:00 1000
            .increments(100, 100) // 00:05 1100, 00:10 1200
            .gap(2) // 00:15 and 00:20 missing
            .increments(300) // 00:25 1500
            .reset()
            .increments(40, 0, 60); // 00:30 40, 00:35 40, 00:40 100

    assertThat(series.toList())
        .extracting(Sample::timestampMillis, Sample::volume)
        .containsExactly(
            tuple(T_MILLIS, 1000.0),
            tuple(T_MILLIS + FIVE_MINUTES, 1100.0),
            tuple(T_MILLIS + 2 * FIVE_MINUTES, 1200.0),
            tuple(T_MILLIS + 5 * FIVE_MINUTES, 1500.0),
            tuple(T_MILLIS + 6 * FIVE_MINUTES, 40.0),
            tuple(T_MILLIS + 7 * FIVE_MINUTES, 40.0),
            tuple(T_MILLIS + 8 * FIVE_MINUTES, 100.0));
    assertThat(series.toList()).extracting(Sample::type).containsOnly(MeterType.CUMULATIVE);
    assertThat(series.next()).isEqualTo(Instant.parse("2024-05-01T00:45:00Z"));
  }

  @Test
  void aReadingSetsTheCounterThatLaterIncrementsGrow() {
    List<Sample> samples =
        SampleSeries.cumulative("c", "B")
            .resource("r")
            .every(Duration.ofSeconds(10))
            .from(T)
            .increments(5) // 5
            .values(50) // 50, a reading given as is
            .increments(7) // 57
            .toList();

    assertThat(samples).extracting(Sample::volume).containsExactly(5.0, 50.0, 57.0);
  }

  @Test
  void idsAndTheScheduleMayChangeAlongTheSeries() {
    List<Sample> samples =
        SampleSeries.delta("network.incoming.bytes", "B")
            .resource("vm-1")
            .messageIds("net-")
            .every(Duration.ofMinutes(1))
            .from(T)
            .values(10)
            .resource("vm-2")
            .every(Duration.ofHours(1))
            .values(20, 30)
            .from(Instant.parse("2024-06-01T00:00:00Z"))
            .messageIds(null)
            .values(40)
            .toList();

    assertThat(samples)
        .extracting(Sample::resourceId, Sample::timestamp, Sample::volume, Sample::messageId)
        .containsExactly(
            tuple("vm-1", T, 10.0, "net-0"),
            tuple("vm-2", Instant.parse("2024-05-01T00:01:00Z"), 20.0, "net-1"),
            tuple("vm-2", Instant.parse("2024-05-01T01:01:00Z"), 30.0, "net-2"),
            tuple("vm-2", Instant.parse("2024-06-01T00:00:00Z"), 40.0, null));
  }

  @Test
  void theListIsASnapshotThatCannotBeChanged() {
    SampleSeries series =
        SampleSeries.gauge("g", "u").resource("r").every(Duration.ofSeconds(1)).from(T).values(1);
    List<Sample> before = series.toList();
    series.values(2);

    assertThat(before).hasSize(1);
    assertThat(series.toList()).hasSize(2);
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> before.add(before.get(0)));
  }

  @Test
  void countersOnlyGrowAndOnlyCountersIncrementOrReset() {
    SampleSeries counter =
        SampleSeries.cumulative("c", "B").resource("r").every(Duration.ofSeconds(1)).from(T);
    SampleSeries gauge =
        SampleSeries.gauge("g", "%").resource("r").every(Duration.ofSeconds(1)).from(T);

    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> counter.increments(-1))
        .withMessage(
            "increment must be a finite amount >= 0 (a counter only grows; use reset()), got: -1.0");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> counter.increments(Double.NaN))
        .withMessageEndingWith("got: NaN");
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> gauge.increments(1))
        .withMessage("increments applies to cumulative series only, this one is gauge");
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(gauge::reset)
        .withMessage("reset applies to cumulative series only, this one is gauge");
    assertThat(counter.toList()).isEmpty();
  }

  @Test
  void valuesNeedAResourceAndASchedule() {
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(
            () -> SampleSeries.gauge("g", "%").every(Duration.ofMinutes(1)).from(T).values(1))
        .withMessage("resource(id) must be set before the first value");
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> SampleSeries.gauge("g", "%").resource("r").from(T).values(1))
        .withMessage("the schedule must be set first: every(step) and from(instant)");
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> SampleSeries.gauge("g", "%").every(Duration.ofMinutes(1)).gap(1))
        .withMessage("the schedule must be set first: every(step) and from(instant)");
  }

  @Test
  void badStepsAndGapsAreRefused() {
    SampleSeries series = SampleSeries.gauge("g", "%").resource("r");

    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> series.every(Duration.ZERO))
        .withMessage("step must be a positive whole number of milliseconds, got: PT0S");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> series.every(Duration.ofNanos(1_500_000)))
        .withMessage("step must be a positive whole number of milliseconds, got: PT0.0015S");
    series.every(Duration.ofMinutes(1)).from(T);
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> series.gap(0))
        .withMessage("steps must be >= 1, got: 0");
  }

  @Test
  void anInvalidSampleIsRefusedAsTheModelRefusesIt() {
    SampleSeries series =
        SampleSeries.gauge("g", "%").resource("r").every(Duration.ofMinutes(1)).from(T);

    assertThatExceptionOfType(InvalidSampleException.class)
        .isThrownBy(() -> series.values(Double.POSITIVE_INFINITY))
        .withMessageContaining("volume");
    assertThat(series.toList()).isEmpty();
    assertThat(series.next()).isEqualTo(T);
  }
}
