package io.meterkit.store.kafka;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures ingest through Kafka and the recovery of moved partitions, against the in-JVM broker
 * (everything on one machine: broker, writers and materialisers share its cores). Not a unit test;
 * run it by hand with the store's test class path:
 *
 * <pre>
 *   java -cp ... io.meterkit.store.kafka.KafkaBenchmark [samples=1000000] [writers=2]
 * </pre>
 *
 * <p>After a warm-up run, for 1 and then 2 materialisers (on a fresh topic of 8 partitions each):
 * {@code writers} threads send 1,000-sample batches (50 projects, 1,000 resources, half the samples
 * with a client id) until {@code samples} are acknowledged; it prints the acknowledged rate and the
 * end-to-end rate (until every shard is ready at the last positions). Then one of the two
 * materialisers closes and it prints how long the other took to hold every partition ready again,
 * with the records it replayed.
 */
final class KafkaBenchmark {
  private static final int BATCH = 1_000;
  private static final long START = 1_700_000_000_000L;

  private KafkaBenchmark() {}

  public static void main(String[] args) throws Exception {
    long samples = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int writers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path data = Files.createTempDirectory("kafka-benchmark");
    try (KafkaBroker broker = KafkaBroker.start()) {
      run(broker, data, "warm-up", 1, samples / 2, writers, false); // JIT, broker caches
      for (int instances = 1; instances <= 2; instances++) {
        run(broker, data, "bench-" + instances, instances, samples, writers, true);
      }
    }
  }

  private static void run(
      KafkaBroker broker,
      Path data,
      String topic,
      int instances,
      long samples,
      int writers,
      boolean print)
      throws Exception {
    List<PartitionMaterialiser> readers = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      readers.add(PartitionMaterialiser.start(options(broker, data, topic, "reader-" + i)));
    }
    Await.until(
        Duration.ofSeconds(60),
        "the partitions assigned",
        () -> KafkaRoundTripTest.caughtUp(readers, Map.of()));
    Map<Integer, Long> needed = new HashMap<>();
    long started = System.nanoTime();
    try (KafkaIngest ingest = KafkaIngest.open(options(broker, data, topic, "writer"))) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<Map<Integer, Long>>> done = new ArrayList<>();
      long perWriter = samples / writers / BATCH;
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(pool.submit(() -> write(ingest, writer, perWriter)));
      }
      for (Future<Map<Integer, Long>> future : done) {
        future.get().forEach((p, position) -> needed.merge(p, position, Math::max));
      }
      pool.shutdown();
    }
    double acked = seconds(started);
    Await.until(
        Duration.ofMinutes(5), "caught up", () -> KafkaRoundTripTest.caughtUp(readers, needed));
    double caughtUp = seconds(started);
    long total = samples / writers / BATCH * writers * BATCH;
    if (!print) {
      readers.forEach(PartitionMaterialiser::close);
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%d materialiser(s): %,d samples acknowledged in %.2f s (%,.0f/s), all shards ready after"
            + " %.2f s (%,.0f/s)%n",
        instances,
        total,
        acked,
        total / acked,
        caughtUp,
        total / caughtUp);
    if (instances == 2) {
      PartitionMaterialiser survivor = readers.get(1);
      int moving = readers.get(0).shards().size();
      long closed = System.nanoTime();
      readers.get(0).close();
      Await.until(
          Duration.ofMinutes(5),
          "the survivor ready",
          () -> KafkaRoundTripTest.caughtUp(List.of(survivor), needed));
      double recovered = seconds(closed);
      long replayed = 0;
      long rows = 0;
      for (ShardSnapshot shard : survivor.shards()) {
        if (shard.startPosition() == 0 && shard.recordsReplayed() > 0) {
          replayed += shard.recordsReplayed();
          rows += shard.snapshot().sampleCount();
        }
      }
      System.out.printf(
          Locale.ROOT,
          "clean close: %d partitions moved, ready on the other instance after %.2f s"
              + " (replayed %,d records, %,d samples, from no snapshot)%n",
          moving,
          recovered,
          replayed,
          rows);
    }
    for (PartitionMaterialiser reader : readers) {
      reader.close();
    }
  }

  private static Map<Integer, Long> write(KafkaIngest ingest, int writer, long batches) {
    Map<Integer, Long> positions = new HashMap<>();
    List<Sample> batch = new ArrayList<>(BATCH);
    for (long b = 0; b < batches; b++) {
      batch.clear();
      for (int i = 0; i < BATCH; i++) {
        long n = b * BATCH + i;
        int resource = (int) (n % 1_000);
        batch.add(
            Sample.builder("cpu_util", MeterType.GAUGE, "%")
                .volume(n % 100)
                .timestampMillis(START + b * 60_000 + i)
                .resourceId("vm-" + resource)
                .projectId("project-" + resource % 50)
                .userId("user-" + resource % 100)
                .messageId(i % 2 == 0 ? "w" + writer + "-" + n : null)
                .build());
      }
      ingest.recordAll(batch).positions().forEach((p, pos) -> positions.merge(p, pos, Math::max));
    }
    return positions;
  }

  private static KafkaOptions options(KafkaBroker broker, Path data, String topic, String id) {
    return KafkaOptions.builder(broker.bootstrapServers(), topic, id)
        .partitions(8)
        .dataDirectory(data.resolve(id))
        .storeConfig(StoreConfig.DEFAULTS)
        .snapshotInterval(Duration.ZERO)
        .build();
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
