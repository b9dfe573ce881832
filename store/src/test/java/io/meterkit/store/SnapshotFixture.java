package io.meterkit.store;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.io.StoreFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data set of the committed format fixtures {@code fixtures/snapshot-v<N>}: a snapshot
 * (manifest and chunk files) and a log tail after it holding both entry kinds. Deterministic: a
 * fixed clock, no random ids, so writing it twice gives the same bytes.
 *
 * <p>A committed fixture is never regenerated. When the format changes, {@link StoreFormat#CURRENT}
 * goes up by one and {@code main} writes the fixture of the new version next to the old ones (run
 * it from the {@code store} module directory); it refuses to overwrite one.
 */
final class SnapshotFixture {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

  /** Two days before {@link #START}: the data set's samples lie around it. */
  static final long T = START.toEpochMilli() - Duration.ofDays(2).toMillis();

  private SnapshotFixture() {}

  /** Returns the fixture directory of format version {@code version}. */
  static Path of(int version) {
    return FIXTURES.resolve("snapshot-v" + version);
  }

  static DurabilityOptions options(TestClock clock) {
    return DurabilityOptions.builder()
        .storeConfig(config(clock))
        .fsyncNever()
        .snapshotEverySealedChunks(0)
        .snapshotEvery(Duration.ZERO)
        .checkpointOnClose(false)
        .build();
  }

  static StoreConfig config(TestClock clock) {
    return StoreConfig.builder().chunkRows(8).clock(clock).build();
  }

  /** Writes the data set into a durable store in {@code directory} and crashes it. */
  static void write(Path directory) throws IOException {
    TestClock clock = new TestClock(START.toEpochMilli());
    MeterStore store = MeterStore.open(directory, options(clock));
    record(store, clock, store::checkpoint);
    store.durable().closeAbruptly();
  }

  /** Records the data set into an in-memory store, the way the fixture was written. */
  static MeterStore recordInMemory() {
    TestClock clock = new TestClock(START.toEpochMilli());
    MeterStore store = MeterStore.create(config(clock));
    record(store, clock, () -> {});
    return store;
  }

  // Five batches and a retention change; the checkpoint covers the first three batches.
  private static void record(MeterStore store, TestClock clock, Runnable checkpoint) {
    List<Sample> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(cpu("vm-" + (1 + i % 3), T + i * 300_000L, i * 1.25, metadata(i), null));
    }
    first.add(cpu("vm-1", T + 7_000, 99.5, Map.of(), null)); // same series and millisecond
    first.add(cpu("vm-1", T + 7_000, 99.75, Map.of(), null)); // twice: tie ordinals 0 and 1
    store.recordAll(first);
    clock.advance(Duration.ofMinutes(1).toMillis());
    List<Sample> second = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      second.add(
          network("vm-" + (1 + i % 2), T + i * 60_000L, i * 1024, i % 3 == 0 ? "net-" + i : null));
    }
    store.recordAll(second);
    clock.advance(Duration.ofMinutes(1).toMillis());
    store.recordAll(
        List.of(
            cpu("vm-3", T - 3_600_000L, -0.0, Map.of("zone", "zone-ü"), "late-1"), // late, unicode
            network("vm-1", T + 999, 1e15, "net-1"),
            network("vm-2", T + 180_000L, 3072, "net-3"))); // a retry: not stored, not logged
    clock.advance(Duration.ofMinutes(1).toMillis());
    checkpoint.run(); // covers log positions 1..3
    store.recordAll(List.of(cpu("vm-2", T + 6_000_000L, 42, Map.of(), "tail-1")));
    // The oldest cpu_util chunk holds its rows at T .. T + 35 min: the only one older than this.
    store.dropChunksOlderThan("cpu_util", Duration.ofMillis(clock.millis() - (T + 38 * 60_000L)));
    store.recordAll(List.of(network("vm-9", START.toEpochMilli(), 7, null)));
  }

  private static Map<String, String> metadata(int i) {
    return switch (i % 3) {
      case 0 -> Map.of();
      case 1 -> Map.of("flavor", "m1.small");
      default -> Map.of("flavor", "m1.large", "az", "zone-1");
    };
  }

  static Sample cpu(
      String resource, long timestamp, double volume, Map<String, String> metadata, String id) {
    return Sample.builder("cpu_util", MeterType.GAUGE, "%")
        .volume(volume)
        .timestampMillis(timestamp)
        .resourceId(resource)
        .projectId(resource.equals("vm-3") ? null : "project-1")
        .userId(resource.equals("vm-3") ? null : "user-1")
        .source("openstack")
        .metadata(metadata)
        .messageId(id)
        .build();
  }

  static Sample network(String resource, long timestamp, double volume, String id) {
    return Sample.builder("network.incoming.bytes", MeterType.DELTA, "B")
        .volume(volume)
        .timestampMillis(timestamp)
        .resourceId(resource)
        .projectId("project-2")
        .messageId(id)
        .build();
  }

  /** Lists the files of a store directory (relative names, sorted), without the lock file. */
  static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths
          .filter(Files::isRegularFile)
          .map(directory::relativize)
          .filter(path -> !path.getFileName().toString().equals("LOCK"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
  }

  /** Writes the fixture of the current format version; never overwrites a committed one. */
  public static void main(String[] args) throws IOException {
    Path fixture = of(StoreFormat.CURRENT);
    if (Files.exists(fixture)) {
      throw new IllegalStateException(
          fixture
              + " exists: a committed fixture is never regenerated; a format change bumps"
              + " StoreFormat.CURRENT and adds the fixture of the new version");
    }
    write(fixture);
    Files.delete(fixture.resolve("LOCK"));
    System.out.println("wrote " + files(fixture));
  }
}
