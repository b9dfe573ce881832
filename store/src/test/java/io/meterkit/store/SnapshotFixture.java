package io.meterkit.store;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The data set of the committed format fixture {@code fixtures/snapshot-v1}: a snapshot (manifest
 * and chunk files) and a log tail after it holding both record kinds. Deterministic: a fixed clock,
 * no random ids, so writing it twice gives the same bytes.
 *
 * <p>Regenerate only on purpose, when the format version changes: {@code main} rewrites the fixture
 * under {@code src/test/resources} (run from the {@code store} module directory).
 */
final class SnapshotFixture {
  static final Path FIXTURE = Path.of("src/test/resources/fixtures/snapshot-v1");
  static final Path CONTENTS = Path.of("src/test/resources/fixtures/snapshot-v1.contents.txt");
  static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

  private SnapshotFixture() {}

  static DurabilityOptions options(TestClock clock) {
    return DurabilityOptions.builder()
        .storeConfig(StoreConfig.builder().chunkRows(8).clock(clock).build())
        .fsyncNever()
        .snapshotEverySealedChunks(0)
        .snapshotEvery(Duration.ZERO)
        .checkpointOnClose(false)
        .build();
  }

  /** Writes the data set into {@code directory}; returns the store's contents. */
  static String write(Path directory) throws IOException {
    TestClock clock = new TestClock(START.toEpochMilli());
    MeterStore store = MeterStore.open(directory, options(clock));
    long t = START.toEpochMilli() - Duration.ofDays(2).toMillis();
    List<Sample> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(cpu("vm-" + (1 + i % 3), t + i * 300_000L, i * 1.25, metadata(i), null));
    }
    first.add(cpu("vm-1", t + 7_000, 99.5, Map.of(), null)); // same series and millisecond
    first.add(cpu("vm-1", t + 7_000, 99.75, Map.of(), null)); // twice: tie ordinals 0 and 1
    store.recordAll(first);
    clock.advance(Duration.ofMinutes(1).toMillis());
    List<Sample> second = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      second.add(
          network("vm-" + (1 + i % 2), t + i * 60_000L, i * 1024, i % 3 == 0 ? "net-" + i : null));
    }
    store.recordAll(second);
    clock.advance(Duration.ofMinutes(1).toMillis());
    store.recordAll(
        List.of(
            cpu("vm-3", t - 3_600_000L, -0.0, Map.of("zone", "zone-ü"), "late-1"), // late, unicode
            network("vm-1", t + 999, 1e15, "net-1"),
            network("vm-2", t + 180_000L, 3072, "net-3"))); // a retry: not stored, not logged
    clock.advance(Duration.ofMinutes(1).toMillis());
    store.checkpoint(); // covers log positions 1..3
    store.recordAll(List.of(cpu("vm-2", t + 6_000_000L, 42, Map.of(), "tail-1")));
    // The oldest cpu_util chunk holds its rows at t .. t + 35 min: the only one older than this.
    store.dropChunksOlderThan("cpu_util", Duration.ofMillis(clock.millis() - (t + 38 * 60_000L)));
    store.recordAll(List.of(network("vm-9", START.toEpochMilli(), 7, null)));
    String contents = StoreContents.of(store);
    store.durability().closeAbruptly();
    return contents;
  }

  private static Map<String, String> metadata(int i) {
    return switch (i % 3) {
      case 0 -> Map.of();
      case 1 -> Map.of("flavor", "m1.small");
      default -> Map.of("flavor", "m1.large", "az", "zone-1");
    };
  }

  private static Sample cpu(
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

  private static Sample network(String resource, long timestamp, double volume, String id) {
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

  /** Rewrites the committed fixture. */
  public static void main(String[] args) throws IOException {
    if (Files.exists(FIXTURE)) {
      try (Stream<Path> paths = Files.walk(FIXTURE)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    String contents = write(FIXTURE);
    Files.delete(FIXTURE.resolve("LOCK"));
    Files.writeString(CONTENTS, contents, StandardCharsets.UTF_8);
    System.out.println("wrote " + files(FIXTURE) + " and " + CONTENTS);
  }
}
