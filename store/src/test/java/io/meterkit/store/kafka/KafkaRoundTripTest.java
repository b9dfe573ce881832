package io.meterkit.store.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.SampleField;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.internal.state.MessageIds;
import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches written through Kafka and materialised into partition shards hold exactly what one
 * in-memory store fed the same batches holds: the same rows, owners, volumes (bit for bit) and
 * recorded-at times, each retry stored once, each project in the partition its key hashes to; two
 * instances that materialise the same partitions hold the same shards, assigned ids included; a
 * record the shard cannot read stops the shard instead of being skipped.
 */
@Tag("kafka")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KafkaRoundTripTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T00:00:00Z"), ZoneOffset.UTC);
  static final StoreConfig CONFIG = StoreConfig.builder().chunkRows(64).clock(CLOCK).build();

  private static KafkaBroker broker;

  @TempDir Path directory;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  private static KafkaOptions.Builder options(String topic, String instance) {
    return KafkaOptions.builder(broker.bootstrapServers(), topic, instance)
        .partitions(8)
        .storeConfig(CONFIG);
  }

  @Test
  void theShardsTogetherHoldWhatOneStoreFedTheSameBatchesHolds() throws Exception {
    Traffic traffic = new Traffic(1);
    MeterStore reference = MeterStore.create(CONFIG);
    Set<String> clientIds = new HashSet<>();
    Map<Integer, Long> needed = new HashMap<>();
    int sent = 0;
    try (KafkaIngest ingest = KafkaIngest.open(options("round-trip", "writer").build());
        PartitionMaterialiser reader =
            PartitionMaterialiser.start(options("round-trip", "a").build())) {
      for (int i = 0; i < 80; i++) {
        List<Sample> batch = traffic.nextOrResend(150);
        merge(needed, ingest.recordAll(batch));
        reference.recordAll(batch);
        batch.forEach(s -> clientIds.add(s.messageId()));
        sent += batch.size();
      }
      awaitCaughtUp(reader, needed);

      List<StoreSnapshot> shards = snapshots(reader);
      assertThat(shards).hasSize(8);
      assertThat(reference.snapshot().sampleCount()).isLessThan(sent); // retries were sent
      assertThat(Rows.of(shards, clientIds))
          .isEqualTo(Rows.of(List.of(reference.snapshot()), clientIds));
      assertThat(Rows.totals(shards)).isEqualTo(Rows.totals(List.of(reference.snapshot())));
      for (ShardSnapshot shard : reader.shards()) {
        assertThat(projects(shard.snapshot()))
            .allSatisfy(
                project ->
                    assertThat(KafkaIngest.partitionOf(project, 8))
                        .as("partition of %s", project)
                        .isEqualTo(shard.partition()));
      }
    }
  }

  @Test
  void aBatchSentThreeTimesTwiceThroughAnotherWriterIsStoredOnce() throws Exception {
    List<Sample> batch = new Traffic(2).next(200);
    long withIds = batch.stream().filter(s -> s.messageId() != null).count();
    List<Sample> retry = batch.stream().filter(s -> s.messageId() != null).toList();
    Map<Integer, Long> needed = new HashMap<>();
    try (KafkaIngest first = KafkaIngest.open(options("retries", "writer-1").build());
        KafkaIngest second = KafkaIngest.open(options("retries", "writer-2").build());
        PartitionMaterialiser reader =
            PartitionMaterialiser.start(options("retries", "a").build())) {
      merge(needed, first.recordAll(batch));
      merge(needed, second.recordAll(retry));
      merge(needed, second.recordAll(retry));
      awaitCaughtUp(reader, needed);

      long stored = snapshots(reader).stream().mapToLong(StoreSnapshot::sampleCount).sum();
      assertThat(withIds).isPositive().isLessThan(batch.size());
      assertThat(stored).isEqualTo(batch.size());
    }
  }

  @Test
  void twoInstancesThatMaterialiseThePartitionsHoldTheSameShardsAssignedIdsAndRetentionIncluded()
      throws Exception {
    Traffic traffic = new Traffic(3);
    Map<Integer, Long> needed = new HashMap<>();
    Map<Integer, Long> halfway;
    KafkaOptions fresh = options("twins", "fresh").groupId("twins-fresh").build();
    KafkaOptions restarted =
        options("twins", "restarted").groupId("twins-restarted").dataDirectory(directory).build();
    try (KafkaIngest ingest = KafkaIngest.open(options("twins", "writer").build())) {
      try (PartitionMaterialiser early = PartitionMaterialiser.start(restarted)) {
        for (int i = 0; i < 40; i++) {
          merge(needed, ingest.recordAll(traffic.nextOrResend(150)));
        }
        merge(needed, ingest.dropChunksOlderThan(Duration.ofDays(1).minusMinutes(20)));
        awaitCaughtUp(early, needed);
        halfway = positions(early);
      } // closing writes every shard's snapshot
      for (int i = 0; i < 40; i++) {
        merge(needed, ingest.recordAll(traffic.nextOrResend(150)));
      }
      merge(needed, ingest.dropChunksOlderThan(Duration.ofDays(1).minusMinutes(40)));
      try (PartitionMaterialiser a = PartitionMaterialiser.start(fresh);
          PartitionMaterialiser b = PartitionMaterialiser.start(restarted)) {
        awaitCaughtUp(a, needed);
        awaitCaughtUp(b, needed);

        for (ShardSnapshot shard : b.shards()) {
          assertThat(shard.startPosition()).isEqualTo(halfway.get(shard.partition()));
        }
        assertThat(positions(b)).isEqualTo(positions(a));
        List<String> rows = Rows.withEveryId(snapshots(a));
        assertThat(Rows.withEveryId(snapshots(b))).isEqualTo(rows);
        assertThat(rows).hasSizeLessThan(sampleCountWithoutRetention(traffic));
      }
    }
  }

  // What the traffic's batches store when nothing is dropped: a store fed them again.
  private static int sampleCountWithoutRetention(Traffic traffic) {
    MeterStore store = MeterStore.create(CONFIG);
    traffic.sent().forEach(store::recordAll);
    return (int) store.snapshot().sampleCount();
  }

  @Test
  void aBatchThatBreaksARuleOnItsOwnIsRefusedBeforeAnythingIsWritten() throws Exception {
    Sample gauge = sample("cpu_util", MeterType.GAUGE, "%", "project-1", "m-1");
    Sample otherUnit = sample("cpu_util", MeterType.GAUGE, "ratio", "project-2", "m-2");
    Sample assignedId =
        Sample.builder("cpu_util", MeterType.GAUGE, "%")
            .volume(1)
            .timestampMillis(Traffic.START_MILLIS)
            .resourceId("vm-1")
            .projectId("project-3")
            .messageId(MessageIds.format(Traffic.START_MILLIS, 0, 0, 0))
            .build();
    try (KafkaIngest ingest = KafkaIngest.open(options("refused", "writer").build())) {
      assertThatExceptionOfType(InvalidSampleException.class)
          .isThrownBy(() -> ingest.recordAll(Arrays.asList(gauge, null)))
          .satisfies(e -> assertThat(e.violation().index()).isEqualTo(1))
          .satisfies(e -> assertThat(e.violation().rule()).isEqualTo(Rule.NOT_NULL));
      assertThatExceptionOfType(InvalidSampleException.class)
          .isThrownBy(() -> ingest.recordAll(List.of(gauge, otherUnit)))
          .withMessage("samples[1]: meter 'cpu_util' is a gauge in '%', got: a gauge in 'ratio'")
          .satisfies(e -> assertThat(e.violation().field()).isEqualTo(SampleField.UNIT));
      assertThatExceptionOfType(InvalidSampleException.class)
          .isThrownBy(() -> ingest.recordAll(List.of(gauge, assignedId)))
          .satisfies(e -> assertThat(e.violation().rule()).isEqualTo(Rule.UNKNOWN_ID));

      KafkaReceipt receipt = ingest.recordAll(List.of(gauge));
      assertThat(receipt.positions())
          .containsExactly(Map.entry(KafkaIngest.partitionOf("project-1", 8), 1L));
      assertThat(receipt.samples()).isEqualTo(1);
      assertThat(receipt.records()).isEqualTo(1);
    }
  }

  @Test
  void aRecordTheShardRefusesIsCountedAndSkippedAndARecordItCannotReadStopsTheShard()
      throws Exception {
    String project = "project-7";
    int partition = KafkaIngest.partitionOf(project, 8);
    Sample counter = sample("cpu", MeterType.CUMULATIVE, "ns", project, "c-1");
    Sample gauge = sample("cpu", MeterType.GAUGE, "%", project, "c-2");
    Sample later = sample("cpu", MeterType.CUMULATIVE, "ns", project, "c-3");
    Map<Integer, Long> needed = new HashMap<>();
    try (KafkaIngest ingest = KafkaIngest.open(options("damaged", "writer").build());
        PartitionMaterialiser reader =
            PartitionMaterialiser.start(options("damaged", "a").build())) {
      merge(needed, ingest.recordAll(List.of(counter)));
      merge(needed, ingest.recordAll(List.of(gauge))); // a gauge now: the shard refuses it
      merge(needed, ingest.recordAll(List.of(later)));
      awaitCaughtUp(reader, needed);

      ShardSnapshot shard = reader.shard(partition).orElseThrow();
      assertThat(shard.refusedRecords()).isEqualTo(1);
      assertThat(shard.recordsApplied()).isEqualTo(3);
      assertThat(shard.position()).isEqualTo(3);
      assertThat(shard.snapshot().sampleCount()).isEqualTo(2);

      try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
        byte[] garbage = "not a meterkit entry".getBytes(StandardCharsets.UTF_8);
        raw.send(new ProducerRecord<>("damaged", partition, null, garbage)).get();
      }
      merge(
          needed,
          ingest.recordAll(List.of(sample("cpu", MeterType.CUMULATIVE, "ns", project, "c-4"))));
      Await.until(
          WAIT,
          "the shard of partition " + partition + " to fail",
          () -> reader.shard(partition).orElseThrow().state() == ShardState.FAILED);
      ShardSnapshot failed = reader.shard(partition).orElseThrow();
      assertThat(failed.failure())
          .isEqualTo(
              "it cannot read the record at offset 3: damaged-"
                  + partition
                  + " offset 3: not a meterkit log entry (magic)");
      assertThat(failed.position()).isEqualTo(3);
      assertThat(failed.snapshot().sampleCount()).isEqualTo(2);
      assertThat(reader.shards())
          .filteredOn(s -> s.partition() != partition)
          .allSatisfy(s -> assertThat(s.state()).isEqualTo(ShardState.READY));
    }
  }

  private static KafkaProducer<byte[], byte[]> rawProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class.getName()));
  }

  static Sample sample(String meter, MeterType type, String unit, String project, String id) {
    return Sample.builder(meter, type, unit)
        .volume(1)
        .timestampMillis(Traffic.START_MILLIS)
        .resourceId("vm-1")
        .projectId(project)
        .messageId(id)
        .build();
  }

  static void merge(Map<Integer, Long> needed, KafkaReceipt receipt) {
    receipt.positions().forEach((p, position) -> needed.merge(p, position, Math::max));
  }

  static Map<Integer, Long> positions(ShardSet shards) {
    Map<Integer, Long> positions = new HashMap<>();
    for (ShardSnapshot shard : shards.shards()) {
      positions.put(shard.partition(), shard.position());
    }
    return positions;
  }

  static void awaitCaughtUp(ShardSet reader, Map<Integer, Long> needed) {
    Await.until(
        WAIT,
        () -> "every partition ready at " + needed + ", have " + reader.shards(),
        () -> caughtUp(List.of(reader), needed));
  }

  /**
   * Whether the shard sets together hold every partition once, ready and at the needed positions.
   */
  static boolean caughtUp(List<? extends ShardSet> readers, Map<Integer, Long> needed) {
    Set<Integer> seen = new HashSet<>();
    int count = readers.get(0).partitionCount();
    for (ShardSet reader : readers) {
      for (ShardSnapshot shard : reader.shards()) {
        if (!seen.add(shard.partition())
            || !shard.isReady()
            || shard.position() < needed.getOrDefault(shard.partition(), 0L)) {
          return false;
        }
      }
    }
    return seen.size() == count;
  }

  static List<StoreSnapshot> snapshots(ShardSet... readers) {
    List<StoreSnapshot> snapshots = new ArrayList<>();
    for (ShardSet reader : readers) {
      for (ShardSnapshot shard : reader.shards()) {
        snapshots.add(shard.snapshot());
      }
    }
    return snapshots;
  }

  private static Set<String> projects(StoreSnapshot snapshot) {
    Set<String> projects = new HashSet<>();
    Dictionary ids = snapshot.projectIds();
    snapshot
        .meters()
        .forEach(
            meter -> {
              for (int s = 0; s < meter.seriesCount(); s++) {
                String project = ids.valueOf(meter.projectIdOf(s));
                projects.add(project == null ? KafkaIngest.NO_PROJECT_KEY : project);
              }
            });
    return projects;
  }
}
