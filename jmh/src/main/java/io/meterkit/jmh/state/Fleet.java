package io.meterkit.jmh.state;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The monitored fleet the benchmark data describes: 1,000 resources (virtual machines), each owned
 * by one of 100 users in one of 50 projects and reported by one of a few sources, each with its own
 * CPU profile and polling phase.
 *
 * <p>Ids look like OpenStack's: resources are UUIDs, users and projects 32 hex digits. Every user
 * and every project owns at least one resource; beyond that ownership is skewed (a few users own
 * many machines), as in a real cloud. Built deterministically from {@link #SEED}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Fleet {
  /** The seed every benchmark and test uses. */
  public static final long SEED = 0x6D65746572L; // "meter"

  /** Number of resources. */
  public static final int RESOURCES = 1_000;

  /** Number of users. */
  public static final int USERS = 100;

  /** Number of projects. */
  public static final int PROJECTS = 50;

  /** The sources that report samples. */
  static final String[] SOURCES = {"openstack", "hypervisor-inspector", "telemetry-bridge"};

  /** The fleet every benchmark uses. */
  public static final Fleet DEFAULT = new Fleet(SEED);

  final String[] resourceIds = new String[RESOURCES];
  final String[] projectOfResource = new String[RESOURCES];
  final String[] userOfResource = new String[RESOURCES];
  final String[] sourceOfResource = new String[RESOURCES];

  /** Offset of each resource's polls within the 5-minute interval, milliseconds. */
  final long[] phaseMillis = new long[RESOURCES];

  /** Mean CPU utilisation of each resource, percent. */
  final double[] baseLevel = new double[RESOURCES];

  /** Amplitude of the daily cycle, percent. */
  final double[] dailyAmplitude = new double[RESOURCES];

  /** Phase of the daily cycle, radians. */
  final double[] dailyPhase = new double[RESOURCES];

  /** Standard deviation of the per-poll noise, relative (log scale). */
  final double[] noise = new double[RESOURCES];

  /** Resource numbers in the order of their polling phase: the order samples arrive in. */
  final int[] pollOrder;

  private Fleet(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] projects = new String[PROJECTS];
    for (int p = 0; p < PROJECTS; p++) {
      projects[p] = hex32(random);
    }
    String[] users = new String[USERS];
    String[] projectOfUser = new String[USERS];
    for (int u = 0; u < USERS; u++) {
      users[u] = hex32(random);
      projectOfUser[u] = projects[u < PROJECTS ? u : random.nextInt(PROJECTS)];
    }
    for (int r = 0; r < RESOURCES; r++) {
      resourceIds[r] = new UUID(random.nextLong(), random.nextLong()).toString();
      // The first USERS resources give every user (hence every project) a machine; the rest go
      // mostly to the low-numbered users (a squared uniform variate skews towards 0).
      double skew = random.nextDouble();
      int user = r < USERS ? r : (int) (USERS * skew * skew);
      userOfResource[r] = users[user];
      projectOfResource[r] = projectOfUser[user];
      sourceOfResource[r] = SOURCES[random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(2)];
      // Polls stay 2 s clear of the interval edges so that jitter never crosses into the next.
      phaseMillis[r] = 2_000 + random.nextLong(SampleGenerator.INTERVAL_MILLIS - 4_000);
      double idle = random.nextDouble();
      baseLevel[r] = 2 + 85 * idle * idle * idle;
      dailyAmplitude[r] = random.nextDouble() * Math.min(0.8 * baseLevel[r], 15);
      dailyPhase[r] = random.nextDouble() * 2 * Math.PI;
      noise[r] = 0.02 + random.nextDouble() * 0.1;
    }
    Integer[] order = new Integer[RESOURCES];
    for (int r = 0; r < RESOURCES; r++) {
      order[r] = r;
    }
    Arrays.sort(order, Comparator.comparingLong(r -> phaseMillis[r]));
    pollOrder = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private static String hex32(SplittableRandom random) {
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  /**
   * Returns the id of a resource.
   *
   * @param resource 0..{@link #RESOURCES} - 1
   * @return its UUID string
   */
  public String resourceId(int resource) {
    return resourceIds[resource];
  }
}
