package io.meterkit.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which sealed chunks a durable store drops as too old, and how often it checks: the periodic form
 * of {@link MeterStore#dropChunksOlderThan(Duration)}.
 *
 * <p>Retention works at <em>chunk granularity</em>: a sealed chunk is dropped when its newest
 * sample is older than the meter's maximum age (so every sample in it is too old); a chunk that
 * holds one sample young enough is kept whole, with its older samples. The unsealed head of a meter
 * is never dropped. Ages are measured against the store's {@link StoreConfig#clock()}.
 *
 * <pre>{@code
 * RetentionPolicy policy =
 *     RetentionPolicy.keepFor(Duration.ofDays(90))
 *         .withMeter("cpu_util", Duration.ofDays(7))
 *         .checkEvery(Duration.ofMinutes(10));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAge the maximum age of every meter without an entry in {@code maxAgeByMeter}, or null
 *     to keep those meters forever; positive
 * @param maxAgeByMeter the maximum age per meter name, overriding {@code maxAge}; positive
 * @param checkInterval how often the store applies the policy; positive
 */
public record RetentionPolicy(
    Duration maxAge, Map<String, Duration> maxAgeByMeter, Duration checkInterval) {

  /** The default interval between two applications of a policy: one minute. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(1);

  /** Keeps everything. */
  public static final RetentionPolicy NONE =
      new RetentionPolicy(null, Map.of(), DEFAULT_CHECK_INTERVAL);

  /**
   * Validates the components and copies the map.
   *
   * @throws IllegalArgumentException when an age or the interval is zero or negative
   * @throws NullPointerException when {@code maxAgeByMeter}, a key or value of it, or {@code
   *     checkInterval} is null
   */
  public RetentionPolicy {
    if (maxAge != null) {
      positive("maxAge", maxAge);
    }
    maxAgeByMeter = Map.copyOf(maxAgeByMeter);
    maxAgeByMeter.forEach((meter, age) -> positive("maxAge of meter " + meter, age));
    positive("checkInterval", Objects.requireNonNull(checkInterval, "checkInterval"));
  }

  /**
   * Returns a policy that drops the chunks of every meter once their newest sample is older than
   * {@code maxAge}.
   *
   * @param maxAge the maximum age; positive
   * @return the policy, checked every {@link #DEFAULT_CHECK_INTERVAL}
   * @throws IllegalArgumentException when {@code maxAge} is zero or negative
   */
  public static RetentionPolicy keepFor(Duration maxAge) {
    return new RetentionPolicy(
        Objects.requireNonNull(maxAge, "maxAge"), Map.of(), DEFAULT_CHECK_INTERVAL);
  }

  /**
   * Returns this policy with its own maximum age for one meter.
   *
   * @param meterName the meter
   * @param meterMaxAge the meter's maximum age; positive
   * @return a new policy
   * @throws IllegalArgumentException when {@code meterMaxAge} is zero or negative
   */
  public RetentionPolicy withMeter(String meterName, Duration meterMaxAge) {
    Map<String, Duration> ages = new HashMap<>(maxAgeByMeter);
    ages.put(Objects.requireNonNull(meterName, "meterName"), meterMaxAge);
    return new RetentionPolicy(maxAge, ages, checkInterval);
  }

  /**
   * Returns this policy applied every {@code interval}.
   *
   * @param interval the time between two applications; positive
   * @return a new policy
   * @throws IllegalArgumentException when {@code interval} is zero or negative
   */
  public RetentionPolicy checkEvery(Duration interval) {
    return new RetentionPolicy(maxAge, maxAgeByMeter, interval);
  }

  /**
   * Returns the maximum age of one meter.
   *
   * @param meterName the meter
   * @return its age limit, or null when its chunks are kept forever
   */
  public Duration maxAgeOf(String meterName) {
    Duration age = maxAgeByMeter.get(meterName);
    return age != null ? age : maxAge;
  }

  /**
   * Returns whether this policy ever drops anything.
   *
   * @return false for {@link #NONE} and any policy without an age
   */
  public boolean dropsAnything() {
    return maxAge != null || !maxAgeByMeter.isEmpty();
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got: " + value);
    }
  }
}
