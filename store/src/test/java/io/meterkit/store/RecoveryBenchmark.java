package io.meterkit.store;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Measures recovery of a durable store holding the benchmark data set (1,000 resources, 50
 * projects, 100 users, one gauge sample every 5 minutes each, no client ids). Not a unit test; run
 * it by hand, recovery in a fresh JVM each time as after a real restart:
 *
 * <pre>
 *   java -cp ... io.meterkit.store.RecoveryBenchmark write DIR [samples=10000000] [tail=500000]
 *   java -cp ... io.meterkit.store.RecoveryBenchmark recover DIR
 * </pre>
 *
 * <p>{@code write} loads {@code samples - 2 * tail} samples, checkpoints, loads {@code tail} more,
 * checkpoints again (incrementally, while another thread keeps recording), loads the last {@code
 * tail} samples into the log only, and stops like a crashed process. It prints the load rate, both
 * checkpoint times and the on-disk bytes. {@code recover} opens the directory once and prints how
 * long recovery took and what it did.
 */
final class RecoveryBenchmark {
  private static final int RESOURCES = 1_000;
  private static final int BATCH = 10_000;
  private static final long START = 1_700_000_000_000L;

  private RecoveryBenchmark() {}

  static DurabilityOptions options() {
    return DurabilityOptions.builder()
        .fsyncNever()
        .snapshotEverySealedChunks(0)
        .snapshotEvery(Duration.ZERO)
        .checkpointOnClose(false)
        .build();
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    if (args[0].equals("recover")) {
      recover(directory);
      return;
    }
    long samples = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
    long tail = args.length > 3 ? Long.parseLong(args[3]) : 500_000L;
    if (Files.exists(directory)) {
      throw new IllegalArgumentException(directory + " exists; give a new directory");
    }
    Generator generator = new Generator();
    MeterStore store = MeterStore.open(directory, options());
    long loadNanos = generator.load(store, samples - 2 * tail);
    long firstCheckpoint = System.nanoTime();
    store.checkpoint();
    double firstSeconds = seconds(firstCheckpoint);
    loadNanos += generator.load(store, tail);
    long[] worstWrite = {0};
    long secondCheckpoint = System.nanoTime();
    checkpointWhileWriting(store, worstWrite);
    double secondSeconds = seconds(secondCheckpoint);
    loadNanos += generator.load(store, tail);
    long count = store.snapshot().sampleCount();
    store.durable().closeAbruptly();

    long chunks = size(directory.resolve("chunks"));
    long manifests = size(directory.resolve("snapshots"));
    long log = size(directory.resolve("log"));
    System.out.printf(
        Locale.ROOT,
        "recordAll of %,d samples in batches of %,d: %.2f s, %.2f M samples/s (fsync NEVER)%n",
        generator.written,
        BATCH,
        loadNanos / 1e9,
        generator.written / (loadNanos / 1e9) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "checkpoint of %,d samples (all chunks new): %.2f s; of %,d more (incremental): %.2f s,"
            + " worst recordAll latency of a concurrent writer meanwhile: %.1f ms%n",
        samples - 2 * tail,
        firstSeconds,
        tail,
        secondSeconds,
        worstWrite[0] / 1e6);
    System.out.printf(
        Locale.ROOT,
        "on disk: %,d bytes for %,d samples = %.2f bytes/sample: chunk files %,d (%.2f"
            + " bytes/sample), 2 manifests %,d, log %,d (%.1f bytes per logged sample, %,d samples"
            + " since the older snapshot)%n",
        chunks + manifests + log,
        count,
        (double) (chunks + manifests + log) / count,
        chunks,
        (double) chunks / count,
        manifests,
        log,
        (double) log / (2 * tail),
        2 * tail);
  }

  private static void recover(Path directory) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    MeterStore store = MeterStore.open(directory, options());
    double wall = seconds(start);
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    long gcMillis = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += collector.getCollectionTime();
    }
    RecoveryReport report = store.recoveryReport().orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "recovered %,d samples in %.0f ms wall, %.0f ms CPU of the opening thread, %d ms in GC"
            + " (snapshot %s, then %,d log records holding %,d samples)%n",
        store.snapshot().sampleCount(),
        wall * 1e3,
        cpu * 1e3,
        gcMillis,
        report.snapshot(),
        report.recordsReplayed(),
        report.samplesReplayed());
    store.durable().closeAbruptly();
  }

  /** Makes the data set's batches; samples share their strings and metadata maps. */
  private static final class Generator {
    private final Random random = new Random(42);
    private final List<Sample> prototypes = new ArrayList<>(RESOURCES);
    long written;

    Generator() {
      List<Map<String, String>> flavors =
          List.of(
              Map.of("flavor", "m1.small"),
              Map.of("flavor", "m1.medium"),
              Map.of("flavor", "m1.large", "az", "zone-1"),
              Map.of());
      for (int resource = 0; resource < RESOURCES; resource++) {
        prototypes.add(
            Sample.builder("cpu_util", MeterType.GAUGE, "%")
                .volume(0)
                .timestampMillis(START)
                .resourceId("vm-" + resource)
                .projectId("project-" + resource % 50)
                .userId("user-" + resource % 100)
                .source("openstack")
                .metadata(flavors.get(resource % flavors.size()))
                .build());
      }
    }

    /** Records {@code count} more samples; returns the nanoseconds spent in recordAll. */
    long load(MeterStore store, long count) {
      long nanos = 0;
      List<Sample> batch = new ArrayList<>(BATCH);
      for (long i = written; i < written + count; i++) {
        Sample prototype = prototypes.get((int) (i % RESOURCES));
        long step = i / RESOURCES;
        batch.add(
            new Sample(
                prototype.meterName(),
                prototype.type(),
                prototype.unit(),
                Math.round(random.nextDouble() * 10_000) / 100.0,
                START + step * 300_000L + (i % RESOURCES * 7_919L + step * 104_729L) % 1_000,
                prototype.resourceId(),
                prototype.projectId(),
                prototype.userId(),
                prototype.source(),
                prototype.metadata(),
                null));
        if (batch.size() == BATCH || i == written + count - 1) {
          long start = System.nanoTime();
          store.recordAll(batch);
          nanos += System.nanoTime() - start;
          batch.clear();
        }
      }
      written += count;
      return nanos;
    }
  }

  /** Checkpoints while another thread records one sample at a time; tracks its worst latency. */
  private static void checkpointWhileWriting(MeterStore store, long[] worstNanos)
      throws InterruptedException {
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong worst = new AtomicLong();
    Thread writer =
        new Thread(
            () -> {
              long t = START - 86_400_000L;
              while (!done.get()) {
                Sample sample =
                    Sample.builder("probe", MeterType.GAUGE, "1")
                        .volume(1)
                        .timestampMillis(t++)
                        .resourceId("probe")
                        .build();
                long start = System.nanoTime();
                store.record(sample);
                worst.accumulateAndGet(System.nanoTime() - start, Math::max);
                LockSupport.parkNanos(100_000);
              }
            });
    writer.start();
    store.checkpoint();
    done.set(true);
    writer.join();
    worstNanos[0] = worst.get();
  }

  private static long size(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      long bytes = 0;
      for (Path file : (Iterable<Path>) files::iterator) {
        bytes += Files.size(file);
      }
      return bytes;
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
