package io.meterkit.store;

import io.meterkit.core.Limits;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded generator of valid samples in varied shapes: several meters (each with one type and unit),
 * many resources with a usual owner and occasional other owners (null project, user or source
 * included), shared, sticky and distinct metadata, series that advance in time with late samples,
 * duplicate timestamps and wild jumps, volumes from tiny to 1e15 and beyond, and client message
 * ids, absent ids and retries.
 *
 * <p>Not thread-safe; one per test and seed.
 */
final class RandomSamples {
  record MeterSpec(String name, MeterType type, String unit) {}

  static final List<MeterSpec> METERS =
      List.of(
          new MeterSpec("cpu_util", MeterType.GAUGE, "%"),
          new MeterSpec("network.incoming.bytes", MeterType.DELTA, "B"),
          new MeterSpec("cpu", MeterType.CUMULATIVE, "ns"),
          new MeterSpec("instance", MeterType.GAUGE, "instance"),
          new MeterSpec("énergie", MeterType.DELTA, "kWh"));

  private static final List<Map<String, String>> SHARED_METADATA =
      List.of(
          Map.of(),
          Map.of("flavor", "m1.small"),
          Map.of("flavor", "m1.large", "availability_zone", "nova"),
          Map.of("properties.prop_1", "x", "status", "active"),
          Map.of("display_name", "vm € 1", "empty", ""),
          Map.of("flavor", "m1.small", "status", "active"));

  private final Random random;
  private final List<MeterSpec> meters;
  private final String[] resources;
  private final String[][] homeOwners;
  private final String[] projects;
  private final String[] users;
  private final String[] sources;
  private final long baseMillis;
  private final long stepMillis;
  private final double wild;
  private final double late;
  private final double duplicateTimestamp;
  private final double otherOwner;
  private final double idless;
  private final double[] metadataMix; // shared, sticky, distinct
  private final boolean inexactVolumes;
  private final Map<List<String>, Long> cursors = new HashMap<>();
  private final Map<List<String>, List<Long>> recent = new HashMap<>();
  private final Map<String, Map<String, String>> sticky = new HashMap<>();
  private final List<Sample> withClientIds = new ArrayList<>();
  private int nextMessage;
  private int nextDistinct;

  RandomSamples(Random random) {
    this(
        random,
        1 + random.nextInt(METERS.size()),
        1 + random.nextInt(random.nextBoolean() ? 3 : 60));
  }

  RandomSamples(Random random, int meterCount, int resourceCount) {
    this.random = random;
    this.meters = METERS.subList(0, meterCount);
    this.resources = names("instance-", resourceCount);
    this.projects = withNull(names("project-", 1 + random.nextInt(6)));
    this.users = withNull(names("user-", 1 + random.nextInt(8)));
    this.sources = withNull(names("source-", 1 + random.nextInt(3)));
    this.homeOwners = new String[resources.length][];
    for (int i = 0; i < resources.length; i++) {
      homeOwners[i] = randomOwner();
    }
    long[] bases = {0, 1_413_936_000_000L, Limits.MAX_TIMESTAMP_MILLIS - 1_000_000_000_000L};
    this.baseMillis = bases[random.nextInt(bases.length)];
    long[] steps = {1, 1_000, 300_000};
    this.stepMillis = steps[random.nextInt(steps.length)];
    this.wild = random.nextInt(4) == 0 ? 0.02 : 0;
    this.late = random.nextDouble() * 0.3;
    this.duplicateTimestamp = random.nextDouble() * 0.3;
    this.otherOwner = random.nextDouble() * 0.2;
    double[] idlessChoices = {0, 0.3, 0.7, 1};
    this.idless = idlessChoices[random.nextInt(idlessChoices.length)];
    double shared = random.nextDouble();
    double stickyShare = random.nextDouble();
    this.metadataMix = new double[] {shared, shared + stickyShare, shared + stickyShare + 0.3};
    this.inexactVolumes = random.nextBoolean();
  }

  @Override
  public String toString() {
    return String.format(
        "%d meters, %d resources, base %d, step %d, wild %.2f, late %.2f, duplicate ts %.2f,"
            + " other owner %.2f, id-less %.1f, inexact volumes %b",
        meters.size(),
        resources.length,
        baseMillis,
        stepMillis,
        wild,
        late,
        duplicateTimestamp,
        otherOwner,
        idless,
        inexactVolumes);
  }

  /** Returns a new sample (never a retry). */
  Sample next() {
    MeterSpec meter = meters.get(random.nextInt(meters.size()));
    int resource = skewed(resources.length);
    String[] owner = random.nextDouble() < otherOwner ? randomOwner() : homeOwners[resource];
    List<String> series = List.of(meter.name(), resources[resource]);
    String messageId = null;
    if (random.nextDouble() >= idless) {
      messageId =
          random.nextInt(10) == 0
              ? UUID.nameUUIDFromBytes(("m" + nextMessage++).getBytes(StandardCharsets.UTF_8))
                  .toString()
              : "msg-" + nextMessage++;
    }
    Sample sample =
        new Sample(
            meter.name(),
            meter.type(),
            meter.unit(),
            volume(),
            timestamp(series),
            resources[resource],
            owner[0],
            owner[1],
            owner[2],
            metadata(resources[resource]),
            messageId);
    if (messageId != null) {
      withClientIds.add(sample);
    }
    return sample;
  }

  /**
   * Returns a retry of an earlier sample with a client id: an exact copy, or (a client bug the
   * store must still treat as a retry) the same id with other contents; null when there is none.
   */
  Sample retry() {
    if (withClientIds.isEmpty()) {
      return null;
    }
    Sample original = withClientIds.get(random.nextInt(withClientIds.size()));
    return random.nextBoolean() ? original : next().withMessageId(original.messageId());
  }

  private long timestamp(List<String> series) {
    long cursor = cursors.getOrDefault(series, baseMillis + random.nextInt(100_000));
    List<Long> seen = recent.computeIfAbsent(series, s -> new ArrayList<>());
    double r = random.nextDouble();
    long timestamp;
    if (r < wild) {
      timestamp = random.nextLong(Limits.MAX_TIMESTAMP_MILLIS + 1);
    } else if (r < wild + late) {
      timestamp = cursor - 1 - random.nextLong(1 + 20 * stepMillis);
    } else if (r < wild + late + duplicateTimestamp && !seen.isEmpty()) {
      timestamp = seen.get(random.nextInt(seen.size()));
    } else {
      cursor += stepMillis * random.nextInt(3) + (stepMillis > 1 ? random.nextInt(500) : 0);
      cursors.put(series, cursor);
      timestamp = cursor;
    }
    timestamp = Math.max(0, Math.min(Limits.MAX_TIMESTAMP_MILLIS, timestamp));
    if (seen.size() < 16) {
      seen.add(timestamp);
    } else {
      seen.set(random.nextInt(seen.size()), timestamp);
    }
    return timestamp;
  }

  private double volume() {
    int kind = random.nextInt(inexactVolumes ? 6 : 4);
    double sign = random.nextBoolean() ? 1 : -1;
    return switch (kind) {
      case 0 -> random.nextInt(2001) - 1000;
      case 1 -> sign * (1e15 + 2 * random.nextInt(1_000_000) + 1);
      case 2 -> sign * random.nextLong(1L << 40) / 1024.0;
      case 3 -> random.nextBoolean() ? 0.0 : -0.0;
      case 4 -> random.nextInt(1000) * 0.1;
      default -> random.nextInt(50) == 0 ? sign * 1e100 : sign * random.nextDouble() * 1e6;
    };
  }

  private Map<String, String> metadata(String resource) {
    double r = random.nextDouble() * metadataMix[2];
    if (r < metadataMix[0]) {
      return SHARED_METADATA.get(random.nextInt(SHARED_METADATA.size()));
    }
    if (r < metadataMix[1]) {
      if (!sticky.containsKey(resource) || random.nextInt(20) == 0) {
        sticky.put(resource, Map.of("state", "s" + random.nextInt(5), "owner", resource));
      }
      return sticky.get(resource);
    }
    return Map.of("seq", Integer.toString(nextDistinct++), "flavor", "m" + random.nextInt(3));
  }

  private String[] randomOwner() {
    return new String[] {pick(projects), pick(users), pick(sources)};
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** Picks an index, small ones more often: a few hot resources, a long tail of cold ones. */
  private int skewed(int bound) {
    int a = random.nextInt(bound);
    return random.nextBoolean() ? a : Math.min(a, random.nextInt(bound));
  }

  private static String[] names(String prefix, int count) {
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = prefix + i;
    }
    return names;
  }

  private static String[] withNull(String[] values) {
    String[] all = new String[values.length + 1];
    System.arraycopy(values, 0, all, 1, values.length);
    return all;
  }
}
