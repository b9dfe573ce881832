package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.state.MessageIds;
import io.meterkit.store.internal.state.StoreState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurableStoreTest {
  @TempDir Path directory;

  private final TestClock clock = new TestClock(Batches.START_MILLIS);
  private final StoreConfig config = StoreConfig.builder().chunkRows(32).clock(clock).build();

  private DurabilityOptions.Builder options() {
    return DurabilityOptions.builder()
        .storeConfig(config)
        .fsyncNever()
        .snapshotEverySealedChunks(0)
        .snapshotEvery(Duration.ZERO)
        .checkpointOnClose(false);
  }

  static void crash(MeterStore store) throws IOException {
    store.durable().closeAbruptly();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void aStoreReopenedAtRandomPointsHoldsExactlyWhatANeverStoppedStoreHolds(long seed)
      throws IOException {
    System.out.println("DurableStoreTest seed " + seed);
    DurabilityOptions opts = options().snapshotEverySealedChunks(6).logSegmentBytes(4096).build();
    MeterStore reference = MeterStore.create(config);
    MeterStore durable = MeterStore.open(directory, opts);
    Batches batches = new Batches(seed);
    Random actions = new Random(seed * 31);
    List<String> assignedIds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<Sample> batch = new ArrayList<>(batches.next(30));
      if (!assignedIds.isEmpty() && actions.nextInt(5) == 0) {
        Sample retry =
            reference
                .sample(assignedIds.get(actions.nextInt(assignedIds.size())))
                .map(StoredSample::sample)
                .orElse(batch.get(0));
        batch.add(retry); // a retry that carries an id the store assigned
      }
      IngestReceipt expected = reference.recordAllWithIds(batch);
      assertThat(durable.recordAllWithIds(batch)).isEqualTo(expected);
      for (int s = 0; s < batch.size(); s++) {
        if (batch.get(s).messageId() == null) {
          assignedIds.add(expected.messageIds().get(s));
        }
      }
      clock.advance(Duration.ofMinutes(1).toMillis());
      switch (actions.nextInt(25)) {
        case 0 -> {
          crash(durable);
          durable = MeterStore.open(directory, opts);
          assertThat(StoreContents.of(durable)).isEqualTo(StoreContents.of(reference));
        }
        case 1 -> {
          durable.close();
          durable = MeterStore.open(directory, opts);
          assertThat(StoreContents.of(durable)).isEqualTo(StoreContents.of(reference));
        }
        case 2 -> durable.checkpoint();
        case 3 -> {
          Duration age = Duration.ofMinutes(20 + actions.nextInt(120));
          assertThat(durable.dropChunksOlderThan(age))
              .isEqualTo(reference.dropChunksOlderThan(age));
        }
        case 4 -> {
          Duration age = Duration.ofMinutes(20 + actions.nextInt(120));
          assertThat(durable.dropChunksOlderThan("cpu_util", age))
              .isEqualTo(reference.dropChunksOlderThan("cpu_util", age));
        }
        default -> {}
      }
    }
    crash(durable);
    durable = MeterStore.open(directory, opts);
    assertThat(StoreContents.of(durable)).isEqualTo(StoreContents.of(reference));
    for (String id : assignedIds) {
      assertThat(durable.sample(id)).isEqualTo(reference.sample(id));
    }
    // Writer-side bookkeeping was rebuilt: the next batches get the same ids and dedup.
    for (int i = 0; i < 20; i++) {
      List<Sample> batch = batches.next(30);
      assertThat(durable.recordAllWithIds(batch)).isEqualTo(reference.recordAllWithIds(batch));
    }
    assertThat(StoreContents.of(durable)).isEqualTo(StoreContents.of(reference));
    durable.close();
  }

  @Test
  void idsDerivedOnTieOrdinalOverflowComeBackAfterACrash() throws IOException {
    // Large chunks: finding the next tie ordinal scans every chunk, 4,099 times here.
    DurabilityOptions large =
        options().storeConfig(StoreConfig.builder().chunkRows(1024).clock(clock).build()).build();
    MeterStore store = MeterStore.open(directory, large);
    List<Sample> crowd = Batches.crowd(MessageIds.MAX_TIE_ORDINAL + 4, Batches.START_MILLIS);
    IngestReceipt receipt = store.recordAllWithIds(crowd);
    String firstOverflow = receipt.messageIds().get(MessageIds.MAX_TIE_ORDINAL + 1);
    assertThat(MessageIds.parse(firstOverflow)).isNull(); // not of the assigned form: derived
    String before = StoreContents.of(store);
    crash(store);

    MeterStore reopened = MeterStore.open(directory, large);

    assertThat(StoreContents.of(reopened)).isEqualTo(before); // every row and its id
    for (String id : receipt.messageIds().subList(MessageIds.MAX_TIE_ORDINAL - 2, crowd.size())) {
      assertThat(reopened.sample(id)).isPresent();
    }
    assertThat(reopened.sample(firstOverflow).orElseThrow().sample().volume())
        .isEqualTo(MessageIds.MAX_TIE_ORDINAL + 1);
    reopened.close();
  }

  @Test
  void reSendingABatchAfterReopeningStoresNothingNew() throws IOException {
    MeterStore store = MeterStore.open(directory, options().build());
    Batches batches = new Batches(7);
    List<List<Sample>> sent = new ArrayList<>();
    List<IngestReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sent.add(batches.next(20));
      receipts.add(store.recordAllWithIds(sent.get(i)));
    }
    store.checkpoint();
    for (int i = 30; i < 40; i++) { // these live in the log only
      sent.add(batches.next(20));
      receipts.add(store.recordAllWithIds(sent.get(i)));
    }
    String before = StoreContents.of(store);
    crash(store);

    MeterStore reopened = MeterStore.open(directory, options().build());
    for (int i = 0; i < sent.size(); i++) {
      // Retried with the ids the first attempt returned, as a client that lost the answer would.
      List<Sample> retry = new ArrayList<>();
      for (int s = 0; s < sent.get(i).size(); s++) {
        retry.add(sent.get(i).get(s).withMessageId(receipts.get(i).messageIds().get(s)));
      }
      IngestReceipt again = reopened.recordAllWithIds(retry);
      assertThat(again.stored()).isZero();
      assertThat(again.duplicates()).isEqualTo(retry.size());
      assertThat(again.messageIds()).isEqualTo(receipts.get(i).messageIds());
    }

    assertThat(StoreContents.of(reopened)).isEqualTo(before);
    reopened.close();
  }

  @Test
  void aCleanCloseWithACheckpointLeavesNothingToReplay() throws IOException {
    MeterStore store = MeterStore.open(directory, options().checkpointOnClose(true).build());
    Batches batches = new Batches(3);
    for (int i = 0; i < 20; i++) {
      store.recordAll(batches.next(20));
    }
    String before = StoreContents.of(store);
    store.close();

    MeterStore reopened = MeterStore.open(directory, options().build());

    RecoveryReport report = reopened.recoveryReport().orElseThrow();
    assertThat(report.snapshot()).isEqualTo(StoreFiles.manifestName(20));
    assertThat(report.snapshotLogPosition()).isEqualTo(20);
    assertThat(report.recordsReplayed()).isZero();
    assertThat(report.logPosition()).isEqualTo(20);
    assertThat(report.truncated()).isFalse();
    assertThat(report.bytesTruncated()).isZero();
    assertThat(report.problems()).isEmpty();
    assertThat(StoreContents.of(reopened)).isEqualTo(before);
    reopened.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"EVERY_BATCH", "INTERVAL", "NEVER"})
  void everyFsyncPolicyRecoversEveryAcknowledgedBatchAfterAProcessCrash(String policy)
      throws IOException {
    DurabilityOptions.Builder builder = options();
    switch (DurabilityOptions.FsyncPolicy.valueOf(policy)) {
      case EVERY_BATCH -> builder.fsyncEveryBatch();
      case INTERVAL -> builder.fsyncEvery(Duration.ofMillis(5));
      case NEVER -> builder.fsyncNever();
    }
    MeterStore store = MeterStore.open(directory, builder.build());
    Batches batches = new Batches(11);
    for (int i = 0; i < 25; i++) {
      store.recordAll(batches.next(10));
    }
    String before = StoreContents.of(store);
    crash(store);

    MeterStore reopened = MeterStore.open(directory, builder.build());

    assertThat(StoreContents.of(reopened)).isEqualTo(before);
    assertThat(reopened.recoveryReport().orElseThrow().recordsReplayed()).isEqualTo(25);
    reopened.close();
  }

  @Test
  void snapshotsDeleteTheLogSegmentsAndChunkFilesNoRetainedSnapshotNeeds() throws IOException {
    MeterStore store = MeterStore.open(directory, options().logSegmentBytes(1024).build());
    Batches batches = new Batches(5);
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < 30; i++) {
        store.recordAll(batches.next(20));
      }
      store.dropChunksOlderThan(Duration.ofMinutes(30));
      store.checkpoint();
    }
    String before = StoreContents.of(store);

    // Two manifests are kept; the log before the older one is gone, and so are dropped chunks.
    assertThat(files("snapshots")).hasSize(2);
    long older =
        StoreFiles.parseNumber(
            files("snapshots").get(0), StoreFiles.MANIFEST_PREFIX, StoreFiles.MANIFEST_SUFFIX);
    for (String segment : files("log")) {
      assertThat(StoreFiles.parseNumber(segment, "", StoreFiles.SEGMENT_SUFFIX))
          .isGreaterThan(older);
    }
    StoreState state = store.writer().state();
    long chunksInMemory = 0;
    for (int t = 0; t < state.tableCount(); t++) {
      chunksInMemory += state.table(t).chunkCount();
    }
    assertThat((long) files("chunks").size()).isBetween(chunksInMemory, 2 * chunksInMemory);
    crash(store);

    MeterStore reopened = MeterStore.open(directory, options().build());
    assertThat(StoreContents.of(reopened)).isEqualTo(before);
    reopened.close();
  }

  @Test
  void anUnreadableNewestSnapshotFallsBackToTheOlderOneAndTheLogAfterIt() throws IOException {
    MeterStore store = MeterStore.open(directory, options().build());
    Batches batches = new Batches(9);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10; i++) {
        store.recordAll(batches.next(20));
      }
      store.checkpoint();
    }
    String before = StoreContents.of(store);
    crash(store);
    Path newest = directory.resolve("snapshots").resolve(StoreFiles.manifestName(30));
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(newest, bytes);

    MeterStore reopened = MeterStore.open(directory, options().build());

    RecoveryReport report = reopened.recoveryReport().orElseThrow();
    assertThat(report.snapshot()).isEqualTo(StoreFiles.manifestName(20));
    assertThat(report.recordsReplayed()).isEqualTo(10);
    assertThat(report.problems())
        .containsExactly(
            "skipped snapshot "
                + StoreFiles.manifestName(30)
                + ": "
                + StoreFiles.manifestName(30)
                + ": CRC mismatch");
    assertThat(StoreContents.of(reopened)).isEqualTo(before);
    reopened.close();
  }

  @Test
  void aDirectoryOpensOnceAtATime() throws IOException {
    MeterStore store = MeterStore.open(directory, options().build());

    assertThatExceptionOfType(IOException.class)
        .isThrownBy(() -> MeterStore.open(directory, options().build()))
        .withMessage(
            "store directory " + directory.toAbsolutePath() + " is already open by another store");
    store.close();
    MeterStore.open(directory, options().build()).close();
  }

  @Test
  void aClosedStoreRefusesWritesButStillAnswersReads() throws IOException {
    MeterStore store = MeterStore.open(directory, options().build());
    Sample sample = Batches.crowd(1, Batches.START_MILLIS).get(0);
    store.record(sample);
    store.close();
    store.close(); // twice is fine

    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> store.record(sample))
        .withMessage("the store is closed");
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(store::checkpoint)
        .withMessage("the store is closed");
    assertThat(store.snapshot().sampleCount()).isEqualTo(1);
  }

  @Test
  void anInMemoryStoreClosesAsANoOpAndHasNothingToCheckpoint() {
    MeterStore store = MeterStore.inMemory();
    store.close();
    store.record(Batches.crowd(1, Batches.START_MILLIS).get(0));

    assertThat(store.recoveryReport()).isEmpty();
    assertThat(store.snapshot().sampleCount()).isEqualTo(1);
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(store::checkpoint)
        .withMessage("checkpoint needs a durable store (MeterStore.open), this one is in memory");
  }

  @Test
  void aStoreReopenedWithAnotherChunkSizeKeepsEverySample() throws IOException {
    MeterStore store = MeterStore.open(directory, options().build());
    Batches batches = new Batches(13);
    for (int i = 0; i < 12; i++) {
      store.recordAll(batches.next(20));
    }
    store.checkpoint();
    long count = store.snapshot().sampleCount();
    crash(store);

    StoreConfig smaller = StoreConfig.builder().chunkRows(8).clock(clock).build();
    MeterStore reopened = MeterStore.open(directory, options().storeConfig(smaller).build());

    assertThat(reopened.snapshot().sampleCount()).isEqualTo(count);
    reopened.recordAll(batches.next(20));
    reopened.close();
  }

  @Test
  void optionsRejectOutOfRangeSettingsNamingTheValue() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> DurabilityOptions.builder().logSegmentBytes(100))
        .withMessage("logSegmentBytes must be in [1024, 1073741824], got: 100");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> DurabilityOptions.builder().fsyncEvery(Duration.ZERO))
        .withMessage("fsync interval must be in [1 ms, 1 h], got: PT0S");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> DurabilityOptions.builder().snapshotEverySealedChunks(-1))
        .withMessage("snapshotEverySealedChunks must be >= 0, got: -1");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> RetentionPolicy.keepFor(Duration.ofDays(-1)))
        .withMessage("maxAge must be positive, got: PT-24H");
  }

  private List<String> files(String subdirectory) throws IOException {
    try (Stream<Path> paths = Files.list(directory.resolve(subdirectory))) {
      return paths.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  static Sample gauge(String resource, long timestampMillis, double volume, String messageId) {
    return Sample.builder("cpu_util", MeterType.GAUGE, "%")
        .volume(volume)
        .timestampMillis(timestampMillis)
        .resourceId(resource)
        .messageId(messageId)
        .build();
  }
}
