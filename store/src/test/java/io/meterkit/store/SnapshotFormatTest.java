package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.MeterType;
import io.meterkit.core.Resource;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.StoreFormat;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesSelection;
import io.meterkit.store.spi.StoreSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the on-disk format with committed fixtures, one per format version, each written by the
 * meterkit of its version from the same data set ({@link SnapshotFixture}). The rule (see {@link
 * StoreFormat}): a committed fixture is never regenerated; a format change bumps the version and
 * adds a fixture, and every older one still reads.
 *
 * <p>So: every fixture opens to the values below, written out by hand from the data set; every
 * fixture holds exactly what recording the data set in memory holds; and today's writer reproduces
 * the newest fixture byte for byte, so a change to the format cannot go unnoticed.
 */
class SnapshotFormatTest {
  private static final long START = SnapshotFixture.START.toEpochMilli();
  private static final long T = SnapshotFixture.T;

  @TempDir Path temp;

  private MeterStore openCopy(int version) throws IOException {
    Path copy = temp.resolve("v" + version);
    StoreContents.copyTree(SnapshotFixture.of(version), copy);
    return MeterStore.open(copy, SnapshotFixture.options(new TestClock(START + 180_000)));
  }

  @ParameterizedTest(name = "format version {0}")
  @ValueSource(ints = {1, 2})
  void everyCommittedFixtureOpensToTheHandWrittenValuesOfTheDataSet(int version)
      throws IOException {
    MeterStore store = openCopy(version);

    RecoveryReport report = store.recoveryReport().orElseThrow();
    assertThat(report.snapshot()).isEqualTo("snapshot-00000000000000000003.manifest");
    assertThat(report.snapshotLogPosition()).isEqualTo(3);
    assertThat(report.recordsReplayed()).isEqualTo(3); // a batch, a retention change, a batch
    assertThat(report.samplesReplayed()).isEqualTo(2);
    assertThat(report.logPosition()).isEqualTo(6);
    assertThat(report.truncated()).isFalse();
    assertThat(report.problems()).isEmpty();
    StoreSnapshot snapshot = store.snapshot();
    assertThat(snapshot.meterNames()).containsExactly("cpu_util", "network.incoming.bytes");
    // 22 + 1 + 1 cpu samples, minus the 8 of the chunk retention dropped; 10 + 1 + 1 network.
    assertThat(snapshot.sampleCount()).isEqualTo(28);
    assertThat(snapshot.meter("cpu_util").map(MeterSnapshot::sampleCount)).contains(16L);
    assertThat(snapshot.meter("network.incoming.bytes").map(MeterSnapshot::sampleCount))
        .contains(12L);

    StoredSample late = store.sample("late-1").orElseThrow();
    assertThat(late)
        .isEqualTo(
            new StoredSample(
                Sample.builder("cpu_util", MeterType.GAUGE, "%")
                    .volume(0.0)
                    .timestampMillis(T - 3_600_000L)
                    .resourceId("vm-3")
                    .source("openstack")
                    .metadata(Map.of("zone", "zone-ü"))
                    .messageId("late-1")
                    .build(),
                START + 120_000));
    // Recorded as -0.0, which version 1 kept; a scan sees 0.0 only, as the store stores it today.
    assertThat(negativeZerosAScanSees(snapshot)).isZero();
    assertThat(store.sample("net-1").orElseThrow())
        .extracting(s -> s.sample().volume(), StoredSample::recordedAtMillis)
        .containsExactly(1e15, START + 120_000);
    assertThat(store.sample("net-3").orElseThrow()) // its retry in the third batch changed nothing
        .extracting(s -> s.sample().volume(), StoredSample::recordedAtMillis)
        .containsExactly(3072.0, START + 60_000);
    assertThat(store.sample("tail-1").orElseThrow())
        .extracting(s -> s.sample().volume(), StoredSample::recordedAtMillis)
        .containsExactly(42.0, START + 180_000);
    // Assigned ids: (T + 7 s, tie 1, meter 0, series 0); (T + 40 min, tie 0, meter 0, series 2).
    assertThat(store.sample("018def96-1558-8001-a940-000000000000").orElseThrow())
        .extracting(s -> s.sample().volume(), s -> s.sample().resourceId())
        .containsExactly(99.75, "vm-1");
    assertThat(store.sample("018defba-9900-8000-a940-000000000002").orElseThrow().sample())
        .extracting(Sample::volume, Sample::resourceId, Sample::metadata)
        .containsExactly(10.0, "vm-3", Map.of("az", "zone-1", "flavor", "m1.large"));
    // (T, tie 0, meter 0, series 0) was in the dropped chunk; (START, meter 1, series 2) is vm-9.
    assertThat(store.sample("018def95-fa00-8000-a940-000000000000")).isEmpty();
    assertThat(store.sample("018df9e2-b200-8000-a940-000100000002").orElseThrow())
        .extracting(s -> s.sample().resourceId(), s -> s.sample().volume())
        .containsExactly("vm-9", 7.0);
    List<Resource> resources = snapshot.resources();
    assertThat(resources)
        .extracting(Resource::resourceId)
        .containsExactly("vm-1", "vm-2", "vm-3", "vm-9");
    // vm-3: late-1 first; the last of its batch-one rows (i = 17, T + 85 min) last.
    assertThat(resources.get(2))
        .extracting(Resource::firstSampleMillis, Resource::lastSampleMillis)
        .containsExactly(T - 3_600_000L, T + 85 * 60_000L);

    // The dedupe state and the assigned ids continue where the writer stopped.
    assertThat(
            store.recordAll(
                List.of(
                    SnapshotFixture.network("vm-2", T + 180_000L, 3072, "net-3"),
                    SnapshotFixture.cpu("vm-3", T - 3_600_000L, 0, Map.of(), "late-1"))))
        .isZero();
    assertThat(
            store
                .recordAllWithIds(
                    List.of(SnapshotFixture.network("vm-9", START, 8, null))) // tie ordinal 1
                .messageIds())
        .containsExactly("018df9e2-b200-8001-a940-000100000002");
    DurableStoreTest.crash(store);
  }

  @ParameterizedTest(name = "format version {0}")
  @ValueSource(ints = {1, 2})
  void everyCommittedFixtureHoldsExactlyWhatRecordingTheDataSetInMemoryHolds(int version)
      throws IOException {
    MeterStore store = openCopy(version);

    assertThat(StoreContents.of(store))
        .isEqualTo(StoreContents.of(SnapshotFixture.recordInMemory()));
    DurableStoreTest.crash(store);
  }

  @Test
  void everyFileOfAFixtureRecordsTheFormatVersionItIsNamedFor() throws IOException {
    for (int version = StoreFormat.OLDEST_READABLE; version <= StoreFormat.CURRENT; version++) {
      Path fixture = SnapshotFixture.of(version);
      assertThat(SnapshotFixture.files(fixture)).hasSize(6);
      for (Path file : SnapshotFixture.files(fixture)) {
        byte[] bytes = Files.readAllBytes(fixture.resolve(file));
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8))
            .as(fixture.resolve(file).toString())
            .isEqualTo(version);
      }
    }
  }

  @Test
  void writingTheDataSetTodayReproducesTheNewestFixtureByteForByte() throws IOException {
    Path written = temp.resolve("written");
    Path newest = SnapshotFixture.of(StoreFormat.CURRENT);

    SnapshotFixture.write(written);

    assertThat(SnapshotFixture.files(written)).isEqualTo(SnapshotFixture.files(newest));
    for (Path file : SnapshotFixture.files(written)) {
      assertThat(Files.readAllBytes(written.resolve(file)))
          .as(file.toString())
          .isEqualTo(Files.readAllBytes(newest.resolve(file)));
    }
  }

  @Test
  void aVersionOneDirectoryKeepsItsFilesAndContinuesInFilesOfTheCurrentVersion()
      throws IOException {
    MeterStore store = openCopy(1);
    Path directory = temp.resolve("v1");
    store.recordAll(List.of(SnapshotFixture.network("vm-9", START + 1, 9, "after-1")));
    store.checkpoint();
    String before = StoreContents.of(store);
    store.close();

    // The new log segment and manifest are of the current version; the old chunk files remain.
    assertThat(version(directory.resolve("log/00000000000000000007.wal")))
        .isEqualTo(StoreFormat.CURRENT);
    assertThat(version(directory.resolve("snapshots/snapshot-00000000000000000007.manifest")))
        .isEqualTo(StoreFormat.CURRENT);
    assertThat(version(directory.resolve("chunks/00000000000000000001.chunk"))).isEqualTo(1);
    MeterStore reopened =
        MeterStore.open(directory, SnapshotFixture.options(new TestClock(START + 180_000)));
    assertThat(StoreContents.of(reopened)).isEqualTo(before);
    reopened.close();
  }

  @Test
  void anIntactFileOfANewerFormatVersionStopsRecoveryInsteadOfBeingSkipped() throws IOException {
    Path copy = temp.resolve("store");
    StoreContents.copyTree(SnapshotFixture.of(StoreFormat.CURRENT), copy);
    Path manifest = copy.resolve("snapshots").resolve("snapshot-00000000000000000003.manifest");
    byte[] bytes = Files.readAllBytes(manifest);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, StoreFormat.CURRENT + 1);
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(bytes.length - 4, BinaryReader.crc32c(bytes, 0, bytes.length - 4));
    Files.write(manifest, bytes);

    assertThatExceptionOfType(IOException.class)
        .isThrownBy(
            () -> MeterStore.open(copy, SnapshotFixture.options(new TestClock(START + 180_000))))
        .withMessage(
            "snapshot-00000000000000000003.manifest: format version 3 is not supported (this"
                + " version reads 1 to 2)");
    assertThat(manifest).exists();
  }

  private static int negativeZerosAScanSees(StoreSnapshot snapshot) {
    long negativeZero = Double.doubleToRawLongBits(-0.0);
    double[] volumes = new double[SeriesBlock.MAX_ROWS];
    int[] found = {0};
    for (MeterSnapshot meter : snapshot.meters()) {
      meter.scan(
          TimeRange.ALL,
          SeriesSelection.all(),
          block -> {
            block.readVolumes(volumes, 0);
            for (int i = 0; i < block.rowCount(); i++) {
              found[0] += Double.doubleToRawLongBits(volumes[i]) == negativeZero ? 1 : 0;
            }
            for (double summary : new double[] {block.volumeMin(), block.volumeMax()}) {
              found[0] += Double.doubleToRawLongBits(summary) == negativeZero ? 1 : 0;
            }
          });
    }
    return found[0];
  }

  private static int version(Path file) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
  }
}
