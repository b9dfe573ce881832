package io.meterkit.store.kafka;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded batches as many tenants send them: 20 projects (and some samples without one) over three
 * meters of the three types, integer volumes (so sums are exact whatever the order), most samples
 * with a client message id, some without; timestamps that mostly move forward but often arrive late
 * (out of order) or share a millisecond; and, on request, resends of earlier batches (the retries a
 * client makes when it did not hear back).
 */
final class Traffic {
  static final long START_MILLIS = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  static final int PROJECTS = 20;

  private static final String[][] METERS = {
    {"cpu", "CUMULATIVE", "ns"},
    {"network.incoming.bytes", "DELTA", "B"},
    {"vcpus", "GAUGE", "vcpu"}
  };
  private static final List<Map<String, String>> METADATA =
      List.of(Map.of(), Map.of("flavor", "m1.small"), Map.of("flavor", "m1.large", "az", "z1"));

  private final Random random;
  private final String idPrefix;
  private final List<List<Sample>> sent = new ArrayList<>();
  private long clock = START_MILLIS;
  private int counter;

  Traffic(long seed) {
    this.random = new Random(seed);
    this.idPrefix = "t" + seed + "-";
  }

  /** Returns a new batch of 1..maxSize samples. */
  List<Sample> next(int maxSize) {
    int size = 1 + random.nextInt(maxSize);
    List<Sample> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(sample());
    }
    clock += 60_000;
    sent.add(batch);
    return batch;
  }

  /** Returns every batch {@link #next} made, in order. */
  List<List<Sample>> sent() {
    return sent;
  }

  /** Returns an earlier batch again, whole: a retry. */
  List<Sample> resend() {
    return sent.get(random.nextInt(sent.size()));
  }

  /** Returns a new batch, or now and then a resend of an earlier one. */
  List<Sample> nextOrResend(int maxSize) {
    return !sent.isEmpty() && random.nextInt(5) == 0 ? resend() : next(maxSize);
  }

  private Sample sample() {
    String[] meter = METERS[random.nextInt(METERS.length)];
    int project = random.nextInt(PROJECTS + 1); // PROJECTS: no project
    int resource = random.nextInt(4);
    long timestamp;
    int shape = random.nextInt(10);
    if (shape < 2) {
      timestamp = clock - random.nextInt(6 * 3_600_000); // late: hours before the batch
    } else if (shape == 2) {
      timestamp = START_MILLIS + 1_000; // a crowded millisecond
    } else {
      timestamp = clock + random.nextInt(60_000);
    }
    String messageId = random.nextInt(10) < 7 ? idPrefix + counter++ : null;
    return Sample.builder(meter[0], MeterType.valueOf(meter[1]), meter[2])
        .volume(random.nextInt(2_000_001) - 1_000_000)
        .timestampMillis(timestamp)
        .resourceId("vm-" + project + "-" + resource)
        .projectId(project == PROJECTS ? null : "project-" + project)
        .userId(resource == 0 ? null : "user-" + resource)
        .source(resource == 3 ? "openstack" : null)
        .metadata(METADATA.get(random.nextInt(METADATA.size())))
        .messageId(messageId)
        .build();
  }
}
