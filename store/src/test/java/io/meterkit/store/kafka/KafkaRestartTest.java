package io.meterkit.store.kafka;

import static io.meterkit.store.kafka.KafkaRoundTripTest.CONFIG;
import static io.meterkit.store.kafka.KafkaRoundTripTest.WAIT;
import static io.meterkit.store.kafka.KafkaRoundTripTest.awaitCaughtUp;
import static io.meterkit.store.kafka.KafkaRoundTripTest.merge;
import static io.meterkit.store.kafka.KafkaRoundTripTest.positions;
import static io.meterkit.store.kafka.KafkaRoundTripTest.snapshots;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import io.meterkit.store.spi.StoreSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance that stops and starts again under the same id gets its partitions back (static group
 * membership), loads each shard's snapshot and replays only the records after it; a crash at any
 * point around a snapshot write loses nothing and counts nothing twice; a snapshot that does not
 * fit its partition stops the shard.
 */
@Tag("kafka")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KafkaRestartTest {
  private static KafkaBroker broker;

  @TempDir Path directory;

  private final MeterStore reference = MeterStore.create(CONFIG);
  private final Set<String> clientIds = new HashSet<>();
  private final Map<Integer, Long> needed = new HashMap<>();
  private final Traffic traffic = new Traffic(21);

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  private KafkaOptions options(String topic, String instance) {
    return KafkaOptions.builder(broker.bootstrapServers(), topic, instance)
        .partitions(8)
        .storeConfig(CONFIG)
        .dataDirectory(directory)
        .snapshotInterval(Duration.ZERO) // snapshots only where the test takes them
        .build();
  }

  @Test
  void aRestartedInstanceGetsItsPartitionsBackAndReplaysOnlyTheRecordsAfterItsSnapshots()
      throws Exception {
    try (KafkaIngest ingest = KafkaIngest.open(options("restart", "writer"))) {
      Map<Integer, Long> checkpointed;
      int tailRecords;
      try (PartitionMaterialiser a = PartitionMaterialiser.start(options("restart", "a"))) {
        send(ingest, 30);
        awaitCaughtUp(a, needed);
        a.checkpoint();
        checkpointed = positions(a);
        tailRecords = send(ingest, 20);
        awaitCaughtUp(a, needed);
        a.crash();
      }
      long restarted = System.nanoTime();
      try (PartitionMaterialiser again = PartitionMaterialiser.start(options("restart", "a"))) {
        Await.until(WAIT, "every partition back", () -> again.shards().size() == 8);
        long backMillis = (System.nanoTime() - restarted) / 1_000_000;
        awaitCaughtUp(again, needed);

        assertThat(backMillis).isLessThan(KafkaBroker.SESSION_TIMEOUT_MILLIS);
        long replayed = 0;
        for (ShardSnapshot shard : again.shards()) {
          long start = checkpointed.get(shard.partition());
          assertThat(shard.startPosition()).isEqualTo(start);
          assertThat(shard.recordsReplayed()).isEqualTo(shard.position() - start);
          replayed += shard.recordsReplayed();
        }
        assertThat(replayed).isEqualTo(tailRecords).isPositive();
        assertExact(snapshots(again));
      }
    }
  }

  @Test
  void aCrashRightAfterASnapshotReplaysNothingAndASnapshotTornBeforeItsRenameIsIgnored()
      throws Exception {
    try (KafkaIngest ingest = KafkaIngest.open(options("torn", "writer"))) {
      Map<Integer, Long> checkpointed;
      try (PartitionMaterialiser a = PartitionMaterialiser.start(options("torn", "a"))) {
        send(ingest, 30);
        awaitCaughtUp(a, needed);
        a.checkpoint();
        checkpointed = positions(a);
        a.crash();
      }
      // A crash while writing the next snapshot leaves its manifest as a temporary file.
      Path torn = snapshotsOf("torn", 0).resolve("snapshot-00000000000000999999.manifest.tmp");
      Files.write(torn, new byte[] {'M', 'E', 'T', 'E', 'R'});
      try (PartitionMaterialiser again = PartitionMaterialiser.start(options("torn", "a"))) {
        awaitCaughtUp(again, needed);

        for (ShardSnapshot shard : again.shards()) {
          assertThat(shard.startPosition()).isEqualTo(checkpointed.get(shard.partition()));
          assertThat(shard.recordsReplayed()).isZero();
        }
        assertThat(torn).doesNotExist();
        assertExact(snapshots(again));
      }
    }
  }

  @Test
  void aDamagedNewestSnapshotFallsBackToTheOlderOneAndTheRecordsAfterIt() throws Exception {
    try (KafkaIngest ingest = KafkaIngest.open(options("fallback", "writer"))) {
      Map<Integer, Long> older;
      Map<Integer, Long> newer;
      try (PartitionMaterialiser a = PartitionMaterialiser.start(options("fallback", "a"))) {
        send(ingest, 20);
        awaitCaughtUp(a, needed);
        a.checkpoint();
        older = positions(a);
        send(ingest, 20);
        awaitCaughtUp(a, needed);
        a.checkpoint();
        newer = positions(a);
        a.crash();
      }
      int damaged = 0;
      while (newer.get(damaged).equals(older.get(damaged))) {
        damaged++;
      }
      Path manifest = newestManifest(snapshotsOf("fallback", damaged));
      byte[] bytes = Files.readAllBytes(manifest);
      bytes[bytes.length / 2] ^= 0x5A;
      Files.write(manifest, bytes);
      try (PartitionMaterialiser again = PartitionMaterialiser.start(options("fallback", "a"))) {
        awaitCaughtUp(again, needed);

        for (ShardSnapshot shard : again.shards()) {
          long start = (shard.partition() == damaged ? older : newer).get(shard.partition());
          assertThat(shard.startPosition()).as("partition %d", shard.partition()).isEqualTo(start);
          assertThat(shard.recordsReplayed()).isEqualTo(shard.position() - start);
        }
        assertExact(snapshots(again));
      }
    }
  }

  @Test
  void aSnapshotPastThePartitionsEndStopsTheShardInsteadOfCountingTwice() throws Exception {
    int partition = KafkaIngest.partitionOf("project-1", 8);
    try (KafkaIngest first = KafkaIngest.open(options("first-life", "writer"))) {
      try (PartitionMaterialiser a = PartitionMaterialiser.start(options("first-life", "a"))) {
        send(first, 20);
        awaitCaughtUp(a, needed);
        a.close(); // snapshots every shard
      }
    }
    // The topic deleted and created again, this instance's snapshots left behind: "second-life"
    // is the new topic, and its shard directory holds the old topic's snapshot.
    copy(
        directory.resolve("first-life-" + partition),
        directory.resolve("second-life-" + partition));
    try (KafkaIngest second = KafkaIngest.open(options("second-life", "writer"));
        PartitionMaterialiser b = PartitionMaterialiser.start(options("second-life", "b"))) {
      second.recordAll(
          List.of(
              KafkaRoundTripTest.sample(
                  "cpu", io.meterkit.core.MeterType.DELTA, "B", "project-1", "x")));
      Await.until(WAIT, "every partition assigned", () -> b.shards().size() == 8);

      ShardSnapshot shard = b.shard(partition).orElseThrow();
      assertThat(shard.state()).isEqualTo(ShardState.FAILED);
      assertThat(shard.failure())
          .startsWith("its snapshot covers offsets up to " + needed.get(partition))
          .contains("but the partition ends at ")
          .endsWith(
              "delete "
                  + directory.resolve("second-life-" + partition)
                  + " to rebuild the shard from the topic");
      assertThat(shard.snapshot().sampleCount()).isZero();
    }
  }

  /** Sends new batches (and resends), feeds the reference, and returns the records written. */
  private int send(KafkaIngest ingest, int batches) {
    int records = 0;
    for (int i = 0; i < batches; i++) {
      List<Sample> batch = traffic.nextOrResend(150);
      KafkaReceipt receipt = ingest.recordAll(batch);
      merge(needed, receipt);
      records += receipt.records();
      reference.recordAll(batch);
      batch.forEach(s -> clientIds.add(s.messageId()));
    }
    return records;
  }

  private void assertExact(List<StoreSnapshot> shards) {
    assertThat(shards).hasSize(8);
    List<StoreSnapshot> expected = List.of(reference.snapshot());
    assertThat(Rows.totals(shards)).isEqualTo(Rows.totals(expected));
    assertThat(Rows.of(shards, clientIds)).isEqualTo(Rows.of(expected, clientIds));
  }

  private Path snapshotsOf(String topic, int partition) {
    return directory.resolve(topic + "-" + partition).resolve("snapshots");
  }

  private static Path newestManifest(Path snapshots) throws IOException {
    try (Stream<Path> files = Files.list(snapshots)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".manifest"))
          .max(Comparator.comparing(Path::getFileName))
          .orElseThrow();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals("LOCK")) {
          Files.copy(file, target);
        }
      }
    }
  }
}
