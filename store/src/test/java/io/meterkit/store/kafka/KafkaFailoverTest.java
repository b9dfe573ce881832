package io.meterkit.store.kafka;

import static io.meterkit.store.kafka.KafkaRoundTripTest.CONFIG;
import static io.meterkit.store.kafka.KafkaRoundTripTest.WAIT;
import static io.meterkit.store.kafka.KafkaRoundTripTest.caughtUp;
import static io.meterkit.store.kafka.KafkaRoundTripTest.merge;
import static io.meterkit.store.kafka.KafkaRoundTripTest.snapshots;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import io.meterkit.store.spi.StoreSnapshot;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances in one group split the partitions; when one goes, the other takes its partitions,
 * recovers them from the topic (RECOVERING, then READY) and holds exactly what one store fed every
 * batch holds: nothing lost, nothing counted twice. A clean close moves the partitions at once; a
 * crash (no snapshot, no goodbye to the group) only after the group's session timeout.
 */
@Tag("kafka")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KafkaFailoverTest {
  private static KafkaBroker broker;

  @TempDir Path directory;

  private final MeterStore reference = MeterStore.create(CONFIG);
  private final Set<String> clientIds = new HashSet<>();
  private final Map<Integer, Long> needed = new HashMap<>();

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
        .dataDirectory(directory.resolve(instance))
        .build();
  }

  @Test
  void whenOneInstanceClosesTheOtherRecoversItsPartitionsAtOnceAndHoldsEveryBatchOnce()
      throws Exception {
    Traffic traffic = new Traffic(11);
    try (KafkaIngest ingest = KafkaIngest.open(options("clean", "writer"));
        PartitionMaterialiser a = PartitionMaterialiser.start(options("clean", "a"));
        PartitionMaterialiser b = PartitionMaterialiser.start(options("clean", "b"))) {
      awaitSplit(a, b);
      send(ingest, traffic, 40);
      await(List.of(a, b));
      assertExact(snapshots(a, b));
      Set<Integer> moved = partitionsOf(a);

      try (StateWatcher watcher = new StateWatcher(b)) {
        long closed = System.nanoTime();
        a.close();
        long movedMillis = millisUntilEveryPartitionIsOn(b, closed);
        send(ingest, traffic, 20);
        await(List.of(b));

        assertThat(movedMillis).isLessThan(KafkaBroker.SESSION_TIMEOUT_MILLIS);
        for (int partition : moved) {
          assertThat(watcher.seen(partition))
              .as("states of partition %d on b", partition)
              .contains(ShardState.RECOVERING, ShardState.READY);
          ShardSnapshot shard = b.shard(partition).orElseThrow();
          assertThat(shard.startPosition()).isZero(); // b never held it: no snapshot of it
          assertThat(shard.recordsReplayed()).isPositive();
        }
      }
      assertExact(snapshots(b));
    }
  }

  @Test
  void whenOneInstanceCrashesItsPartitionsMoveOnlyAfterTheSessionTimeoutAndNothingIsLost()
      throws Exception {
    Traffic traffic = new Traffic(12);
    try (KafkaIngest ingest = KafkaIngest.open(options("crash", "writer"));
        PartitionMaterialiser a = PartitionMaterialiser.start(options("crash", "a"));
        PartitionMaterialiser b = PartitionMaterialiser.start(options("crash", "b"))) {
      awaitSplit(a, b);
      send(ingest, traffic, 40);
      await(List.of(a, b));
      int held = b.shards().size();

      long crashed = System.nanoTime();
      a.crash();
      send(ingest, traffic, 20); // no one materialises a's partitions meanwhile
      assertThat(b.shards()).hasSize(held);
      long movedMillis = millisUntilEveryPartitionIsOn(b, crashed);
      await(List.of(b));

      assertThat(movedMillis).isGreaterThanOrEqualTo(KafkaBroker.SESSION_TIMEOUT_MILLIS - 1_000);
      assertExact(snapshots(b));
    }
  }

  private void send(KafkaIngest ingest, Traffic traffic, int batches) {
    for (int i = 0; i < batches; i++) {
      List<Sample> batch = traffic.nextOrResend(150);
      merge(needed, ingest.recordAll(batch));
      reference.recordAll(batch);
      batch.forEach(s -> clientIds.add(s.messageId()));
    }
  }

  private void assertExact(List<StoreSnapshot> shards) {
    assertThat(shards).hasSize(8);
    List<StoreSnapshot> expected = List.of(reference.snapshot());
    assertThat(Rows.totals(shards)).isEqualTo(Rows.totals(expected));
    assertThat(Rows.of(shards, clientIds)).isEqualTo(Rows.of(expected, clientIds));
  }

  private void await(List<PartitionMaterialiser> readers) {
    Await.until(
        WAIT,
        () -> "every partition ready at " + needed + " on " + readers.size() + " instances",
        () -> caughtUp(readers, needed));
  }

  // How long after sinceNanos until the instance holds every partition, in any state.
  private static long millisUntilEveryPartitionIsOn(PartitionMaterialiser b, long sinceNanos) {
    Await.until(WAIT, "every partition on one instance", () -> b.shards().size() == 8);
    return (System.nanoTime() - sinceNanos) / 1_000_000;
  }

  private static void awaitSplit(PartitionMaterialiser a, PartitionMaterialiser b) {
    Await.until(
        WAIT,
        () -> "both instances to hold partitions: a " + partitionsOf(a) + ", b " + partitionsOf(b),
        () -> !a.shards().isEmpty() && !b.shards().isEmpty() && caughtUp(List.of(a, b), Map.of()));
  }

  private static Set<Integer> partitionsOf(ShardSet shards) {
    Set<Integer> partitions = new TreeSet<>();
    shards.shards().forEach(shard -> partitions.add(shard.partition()));
    return partitions;
  }

  /** Records every state each partition's shard shows, reading the shard set in a tight loop. */
  private static final class StateWatcher implements AutoCloseable {
    private final Map<Integer, Set<ShardState>> seen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StateWatcher(ShardSet shards) {
      thread =
          new Thread(
              () -> {
                while (running) {
                  for (ShardSnapshot shard : shards.shards()) {
                    seen.computeIfAbsent(shard.partition(), p -> ConcurrentHashMap.newKeySet())
                        .add(shard.state());
                  }
                  Thread.onSpinWait();
                }
              },
              "state-watcher");
      thread.setDaemon(true);
      thread.start();
    }

    Set<ShardState> seen(int partition) {
      Set<ShardState> states = seen.get(partition);
      return states == null ? Set.of() : EnumSet.copyOf(states);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }
}
