package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the on-disk format (version 1) with committed files: today's reader must read them to
 * exactly their contents, and today's writer must produce them byte for byte. A format change fails
 * this test; it then needs a new version number and a reader for the old one.
 */
class SnapshotFormatTest {
  @TempDir Path temp;

  @Test
  void theCommittedVersionOneFilesOpenToExactlyTheirContents() throws IOException {
    Path copy = temp.resolve("store");
    StoreContents.copyTree(SnapshotFixture.FIXTURE, copy);

    MeterStore store =
        MeterStore.open(
            copy, SnapshotFixture.options(new TestClock(SnapshotFixture.START.toEpochMilli())));

    assertThat(StoreContents.of(store))
        .isEqualTo(Files.readString(SnapshotFixture.CONTENTS, StandardCharsets.UTF_8));
    RecoveryReport report = store.recoveryReport().orElseThrow();
    assertThat(report.snapshot()).isEqualTo("snapshot-00000000000000000003.manifest");
    assertThat(report.snapshotLogPosition()).isEqualTo(3);
    assertThat(report.recordsReplayed()).isEqualTo(3); // a batch, a retention change, a batch
    assertThat(report.samplesReplayed()).isEqualTo(2);
    assertThat(report.logPosition()).isEqualTo(6);
    assertThat(report.truncated()).isFalse();
    assertThat(store.snapshot().sampleCount()).isEqualTo(28);
    long t = SnapshotFixture.START.toEpochMilli() - 2 * 86_400_000L;
    assertThat(store.sample("late-1").orElseThrow())
        .isEqualTo(
            new StoredSample(
                Sample.builder("cpu_util", MeterType.GAUGE, "%")
                    .volume(-0.0)
                    .timestampMillis(t - 3_600_000L)
                    .resourceId("vm-3")
                    .source("openstack")
                    .metadata(Map.of("zone", "zone-ü"))
                    .messageId("late-1")
                    .build(),
                SnapshotFixture.START.toEpochMilli() + 120_000));
    assertThat(store.sample("net-3").orElseThrow().sample().volume()).isEqualTo(3072);
    assertThat(store.sample("net-1").orElseThrow().sample().volume()).isEqualTo(1e15);
    assertThat(store.sample(MessageIds.format(t + 7_000, 1, 0, 0)).orElseThrow().sample().volume())
        .isEqualTo(99.75);
    DurableStoreTest.crash(store);
  }

  @Test
  void anIntactSnapshotOfAnotherFormatVersionStopsRecoveryInsteadOfBeingSkipped()
      throws IOException {
    Path copy = temp.resolve("store");
    StoreContents.copyTree(SnapshotFixture.FIXTURE, copy);
    Path manifest = copy.resolve("snapshots").resolve("snapshot-00000000000000000003.manifest");
    byte[] bytes = Files.readAllBytes(manifest);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2); // version 2
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(bytes.length - 4, BinaryReader.crc32c(bytes, 0, bytes.length - 4));
    Files.write(manifest, bytes);

    assertThatExceptionOfType(IOException.class)
        .isThrownBy(
            () ->
                MeterStore.open(
                    copy,
                    SnapshotFixture.options(new TestClock(SnapshotFixture.START.toEpochMilli()))))
        .withMessage(
            "snapshot-00000000000000000003.manifest: format version 2 is not supported (this"
                + " version reads 1)");
    assertThat(manifest).exists();
  }

  @Test
  void writingTheFixtureDataSetTodayProducesTheCommittedFilesByteForByte() throws IOException {
    Path written = temp.resolve("written");

    SnapshotFixture.write(written);

    assertThat(SnapshotFixture.files(written))
        .isEqualTo(SnapshotFixture.files(SnapshotFixture.FIXTURE));
    for (Path file : SnapshotFixture.files(written)) {
      assertThat(Files.readAllBytes(written.resolve(file)))
          .as(file.toString())
          .isEqualTo(Files.readAllBytes(SnapshotFixture.FIXTURE.resolve(file)));
    }
  }
}
