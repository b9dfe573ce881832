package io.meterkit.store;

import static io.meterkit.store.DurableStoreTest.gauge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  private static final long HOUR = 3_600_000L;
  private static final long T0 = Batches.START_MILLIS;

  @TempDir Path directory;

  private final TestClock clock = new TestClock(T0 + 10 * HOUR);
  private final StoreConfig config = StoreConfig.builder().chunkRows(8).clock(clock).build();

  private DurabilityOptions.Builder options() {
    return DurabilityOptions.builder()
        .storeConfig(config)
        .fsyncNever()
        .snapshotEverySealedChunks(0)
        .snapshotEvery(Duration.ZERO)
        .checkpointOnClose(false);
  }

  /**
   * Three chunks of 8 rows and a head of 3: chunk A all at hours 0..1, chunk B at hour 1 but one
   * row at hour 9, chunk C at hours 8..9; the head at hour 0 (late rows).
   */
  private static List<Sample> layout() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      samples.add(gauge("vm-a", T0 + i * 60_000L, i, "a-" + i));
    }
    for (int i = 0; i < 8; i++) {
      samples.add(gauge("vm-b", T0 + HOUR + i * 60_000L + (i == 7 ? 8 * HOUR : 0), i, "b-" + i));
    }
    for (int i = 0; i < 8; i++) {
      samples.add(gauge("vm-c", T0 + 8 * HOUR + i * 60_000L, i, "c-" + i));
    }
    for (int i = 0; i < 3; i++) {
      samples.add(gauge("vm-late", T0 + i, i, "late-" + i));
    }
    return samples;
  }

  @Test
  void retentionDropsWholeChunksWhoseNewestSampleIsOlderThanTheAge() {
    MeterStore store = MeterStore.create(config);
    store.recordAll(layout());

    long dropped = store.dropChunksOlderThan(Duration.ofHours(5)); // cutoff: hour 5

    assertThat(dropped).isEqualTo(8);
    assertThat(store.snapshot().sampleCount()).isEqualTo(19);
    List<String> ids = messageIds(store);
    assertThat(ids).noneMatch(id -> id.startsWith("a-"));
    // Chunk B is kept whole, with its seven samples from hour 1; so is the head, from hour 0.
    assertThat(ids).contains("b-0", "b-6", "b-7", "c-0", "late-0", "late-2").hasSize(19);
    assertThat(store.dropChunksOlderThan(Duration.ofHours(5))).isZero();
  }

  @Test
  void theClientIdsOfDroppedSamplesAreForgottenSoARetryIsStoredAgain() {
    MeterStore store = MeterStore.create(config);
    List<Sample> samples = layout();
    store.recordAll(samples);
    store.dropChunksOlderThan(Duration.ofHours(5));

    assertThat(store.sample("a-3")).isEmpty();
    assertThat(store.sample("b-3")).isPresent();
    assertThat(store.recordAll(List.of(samples.get(3), samples.get(11)))).isEqualTo(1);
    assertThat(store.sample("a-3").orElseThrow().sample().volume()).isEqualTo(3);
  }

  @Test
  void retentionOfOneMeterLeavesTheOtherMetersAlone() {
    MeterStore store = MeterStore.create(config);
    store.recordAll(layout());
    List<Sample> other = new ArrayList<>();
    for (Sample sample : layout()) {
      other.add(
          Sample.builder("memory.usage", MeterType.GAUGE, "MB")
              .volume(sample.volume())
              .timestampMillis(sample.timestampMillis())
              .resourceId(sample.resourceId())
              .messageId("m-" + sample.messageId())
              .build());
    }
    store.recordAll(other);

    assertThat(store.dropChunksOlderThan("memory.usage", Duration.ofHours(5))).isEqualTo(8);
    assertThat(store.dropChunksOlderThan("no.such.meter", Duration.ofHours(5))).isZero();

    assertThat(store.snapshot().meter("cpu_util").orElseThrow().sampleCount()).isEqualTo(27);
    assertThat(store.snapshot().meter("memory.usage").orElseThrow().sampleCount()).isEqualTo(19);
  }

  @Test
  void retentionSurvivesARestartFromTheLogAndFromASnapshot() throws IOException {
    MeterStore store = MeterStore.open(directory, options().build());
    store.recordAll(layout());
    store.dropChunksOlderThan(Duration.ofHours(5));
    String expected = StoreContents.of(store);
    DurableStoreTest.crash(store);

    MeterStore fromLog = MeterStore.open(directory, options().build());
    assertThat(fromLog.recoveryReport().orElseThrow().recordsReplayed()).isEqualTo(2);
    assertThat(StoreContents.of(fromLog)).isEqualTo(expected);
    fromLog.checkpoint();
    DurableStoreTest.crash(fromLog);

    MeterStore fromSnapshot = MeterStore.open(directory, options().build());
    assertThat(fromSnapshot.recoveryReport().orElseThrow().recordsReplayed()).isZero();
    assertThat(StoreContents.of(fromSnapshot)).isEqualTo(expected);
    assertThat(fromSnapshot.recordAll(List.of(layout().get(0)))).isEqualTo(1); // forgotten id
    fromSnapshot.close();
  }

  @Test
  void aRetentionPolicyInTheOptionsDropsOldChunksInTheBackground() throws Exception {
    DurabilityOptions withPolicy =
        options()
            .retention(
                RetentionPolicy.keepFor(Duration.ofDays(30))
                    .withMeter("cpu_util", Duration.ofHours(5))
                    .checkEvery(Duration.ofMillis(10)))
            .build();
    MeterStore store = MeterStore.open(directory, withPolicy);
    store.recordAll(layout());

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (store.snapshot().sampleCount() != 19 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThat(store.snapshot().sampleCount()).isEqualTo(19);
    String expected = StoreContents.of(store);
    DurableStoreTest.crash(store);
    MeterStore reopened = MeterStore.open(directory, options().build());
    assertThat(StoreContents.of(reopened)).isEqualTo(expected);
    reopened.close();
  }

  @Test
  void retentionRejectsANonPositiveAge() {
    MeterStore store = MeterStore.create(config);

    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> store.dropChunksOlderThan(Duration.ZERO))
        .withMessage("maxAge must be positive, got: PT0S");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> RetentionPolicy.NONE.withMeter("cpu_util", Duration.ofSeconds(-1)))
        .withMessage("maxAge of meter cpu_util must be positive, got: PT-1S");
  }

  private static List<String> messageIds(MeterStore store) {
    List<String> ids = new ArrayList<>();
    MeterSnapshot meter = store.snapshot().meter("cpu_util").orElseThrow();
    meter.scan(
        TimeRange.ALL,
        SeriesSelection.all(),
        block -> {
          for (int row = 0; row < block.rowCount(); row++) {
            ids.add(block.sample(row).sample().messageId());
          }
        });
    return ids;
  }
}
