package io.meterkit.jmh.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
  private final List<Sample> samples = TestData.small().list();

  @Test
  void generatesExactlyTheRequestedNumberOfSamplesOfOneGauge() {
    assertThat(samples).hasSize(TestData.SIZE);
    assertThat(samples)
        .allSatisfy(
            s -> {
              assertThat(s.meterName()).isEqualTo("cpu_util");
              assertThat(s.unit()).isEqualTo("%");
              assertThat(s.messageId()).isNull();
              assertThat(s.metadata()).isEmpty();
            });
  }

  @Test
  void isDeterministic() {
    assertThat(SampleGenerator.generate(TestData.SIZE)).isEqualTo(samples);
  }

  @Test
  void streamsTheSameSamplesItLists() {
    assertThat(SampleGenerator.stream(TestData.SIZE)).containsExactlyElementsOf(samples);
    assertThat(SampleGenerator.stream(0)).isEmpty();
  }

  @Test
  void coversTheWholeFleetWithFixedOwnersPerResource() {
    Set<String> resources = new HashSet<>();
    Set<String> projects = new HashSet<>();
    Set<String> users = new HashSet<>();
    Set<String> owners = new HashSet<>();
    for (Sample s : samples) {
      resources.add(s.resourceId());
      projects.add(s.projectId());
      users.add(s.userId());
      owners.add(s.resourceId() + "/" + s.projectId() + "/" + s.userId() + "/" + s.source());
    }
    assertThat(resources).hasSize(Fleet.RESOURCES);
    assertThat(projects).hasSize(Fleet.PROJECTS);
    assertThat(users).hasSize(Fleet.USERS);
    assertThat(owners).hasSize(Fleet.RESOURCES);
  }

  @Test
  void pollsEveryResourceOncePerFiveMinuteIntervalFromTheEpoch() {
    assertThat(Instant.ofEpochMilli(SampleGenerator.EPOCH_MILLIS))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    Set<String> perInterval = new HashSet<>();
    for (Sample s : samples) {
      long interval =
          Math.floorDiv(
              s.timestampMillis() - SampleGenerator.EPOCH_MILLIS, SampleGenerator.INTERVAL_MILLIS);
      assertThat(interval).isBetween(0L, SampleGenerator.intervals(TestData.SIZE) - 1);
      assertThat(perInterval.add(s.resourceId() + "@" + interval)).isTrue();
    }
  }

  @Test
  void deliversAboutOnePercentOfTheSamplesLate() {
    long latest = Long.MIN_VALUE;
    int late = 0;
    for (Sample s : samples) {
      if (s.timestampMillis() < latest - 30_000) {
        late++;
      }
      latest = Math.max(latest, s.timestampMillis());
    }
    assertThat(late).isBetween(TestData.SIZE / 200, TestData.SIZE / 50);
  }

  @Test
  void producesFullPrecisionPercentages() {
    Set<Double> distinct = new HashSet<>();
    for (Sample s : samples) {
      assertThat(s.volume()).isGreaterThan(0.0).isLessThanOrEqualTo(100.0);
      distinct.add(s.volume());
    }
    assertThat(distinct.size()).isGreaterThan(TestData.SIZE * 9 / 10);
  }

  @Test
  void placesTheQueriesInTheMiddleOfTheData() {
    Workload w = Workload.forSize(10_000_000);
    long day = 86_400_000;
    assertThat(Instant.ofEpochMilli(w.q1FromMillis())).isEqualTo("2026-01-18T08:40:00Z");
    assertThat(Instant.ofEpochMilli(w.q1ToMillis())).isEqualTo("2026-02-04T17:20:00Z");
    assertThat(Instant.ofEpochMilli(w.dayFromMillis())).isEqualTo("2026-01-18T00:00:00Z");
    assertThat(w.dayToMillis() - w.dayFromMillis()).isEqualTo(day);
    assertThat(Workload.forSize(1_000_000).dayFromMillis())
        .isEqualTo(Instant.parse("2026-01-02T00:00:00Z").toEpochMilli());
  }
}
