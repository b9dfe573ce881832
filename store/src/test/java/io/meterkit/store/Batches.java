package io.meterkit.store;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic, seeded batches that exercise every path of {@code apply}: three meters of the
 * three types, resources whose owner sometimes changes (new series), a few metadata maps, samples
 * with and without client ids, retries of earlier client ids (within and across batches), rows
 * sharing their series and millisecond (tie ordinals), and late samples.
 */
final class Batches {
  static final long START_MILLIS = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

  private static final String[][] METERS = {
    {"cpu_util", "GAUGE", "%"},
    {"network.incoming.bytes", "DELTA", "B"},
    {"cpu", "CUMULATIVE", "ns"}
  };
  private static final List<Map<String, String>> METADATA =
      List.of(
          Map.of(),
          Map.of("flavor", "m1.small"),
          Map.of("flavor", "m1.large", "az", "zone-1"),
          Map.of("state", "running", "properties.prop_1", "x"));

  private final Random random;
  private final String prefix;
  private final List<String> sentIds = new ArrayList<>();
  private long clock = START_MILLIS;
  private int counter;

  Batches(long seed) {
    this.random = new Random(seed);
    this.prefix = "m" + seed + "-";
  }

  /** Returns the next batch: 1..maxSize samples. */
  List<Sample> next(int maxSize) {
    int size = 1 + random.nextInt(maxSize);
    List<Sample> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(sample());
    }
    clock += 60_000;
    return batch;
  }

  private Sample sample() {
    String[] meter = METERS[random.nextInt(METERS.length)];
    int resource = random.nextInt(12);
    long timestamp;
    int shape = random.nextInt(10);
    if (shape == 0) {
      timestamp = clock - random.nextInt(3_600_000); // late
    } else if (shape == 1) {
      timestamp = START_MILLIS + 7_000; // crowded millisecond: tie ordinals
    } else {
      timestamp = clock + random.nextInt(60_000);
    }
    String messageId = null;
    int idShape = random.nextInt(10);
    if (idShape < 4) {
      messageId = prefix + counter++;
      sentIds.add(messageId);
    } else if (idShape == 4 && !sentIds.isEmpty()) {
      messageId = sentIds.get(random.nextInt(sentIds.size())); // a retry
    }
    boolean moved = random.nextInt(25) == 0; // the resource changes owner: a new series
    return Sample.builder(meter[0], MeterType.valueOf(meter[1]), meter[2])
        .volume(Math.round(random.nextGaussian() * 1000) / 10.0)
        .timestampMillis(timestamp)
        .resourceId("vm-" + resource)
        .projectId(moved ? "project-moved" : "project-" + (resource % 3))
        .userId(resource % 4 == 0 ? null : "user-" + (resource % 5))
        .source(resource % 2 == 0 ? "openstack" : null)
        .metadata(METADATA.get(random.nextInt(METADATA.size())))
        .messageId(messageId)
        .build();
  }

  /** Returns {@code count} samples of one series at one millisecond, without client ids. */
  static List<Sample> crowd(int count, long timestampMillis) {
    List<Sample> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(
          Sample.builder("cpu_util", MeterType.GAUGE, "%")
              .volume(i)
              .timestampMillis(timestampMillis)
              .resourceId("vm-crowded")
              .build());
    }
    return batch;
  }
}
