package io.meterkit.jmh.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The bodies of {@code POST /v2/meters/cpu_util} batches as a Ceilometer collector sends them:
 * {@value #BATCH} gauge samples per body from {@value #SERIES} resources (one project, one user),
 * round-robin, one poll per resource and minute, each with a distinct {@code message_id} and a
 * one-key {@code resource_metadata}. Body {@code b} continues where body {@code b - 1} stopped, so
 * the bodies can be posted in order into one store.
 *
 * <p>Immutable and thread-safe.
 */
public final class PostBodies {
  /** Samples per body. */
  public static final int BATCH = 1_000;

  /** Resources (series) the samples come from. */
  public static final int SERIES = 50;

  /** The meter every sample is of. */
  public static final String METER = "cpu_util";

  /** The project owning every resource. */
  public static final String PROJECT = "6f2d1c0e4a5b4c3d9e8f7a6b5c4d3e2f";

  /** The user owning every resource. */
  public static final String USER = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

  /** The time of the first poll, epoch milliseconds (2026-01-01T00:00:00Z). */
  public static final long EPOCH = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private PostBodies() {}

  /**
   * Returns body {@code number}.
   *
   * @param number the body's number, from 0
   * @return the UTF-8 JSON array
   */
  public static byte[] body(int number) {
    StringBuilder json = new StringBuilder(BATCH * 420).append('[');
    for (int i = 0; i < BATCH; i++) {
      long index = (long) number * BATCH + i;
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"counter_name\":\"")
          .append(METER)
          .append("\",\"counter_type\":\"gauge\",\"counter_unit\":\"%\",\"counter_volume\":")
          .append(volume(index))
          .append(",\"resource_id\":\"")
          .append(resourceId(series(index)))
          .append("\",\"project_id\":\"")
          .append(PROJECT)
          .append("\",\"user_id\":\"")
          .append(USER)
          .append("\",\"source\":\"openstack\",\"timestamp\":\"")
          .append(Instant.ofEpochMilli(timestampMillis(index)))
          .append("\",\"resource_metadata\":{\"instance_type\":\"m1.small\"},\"message_id\":\"")
          .append(messageId(index))
          .append("\"}");
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The series (resource number) of the sample at {@code index} of all bodies. */
  static int series(long index) {
    return (int) (index % SERIES);
  }

  /** The resource id of series {@code series}: a UUID. */
  static String resourceId(int series) {
    return String.format(Locale.ROOT, "5e3c%04x-8d1a-4b2e-9f60-1c2d3e4f5a6b", series);
  }

  /** The volume of the sample at {@code index}: two decimals in [0, 100). */
  static double volume(long index) {
    return (index * 7919 % 10_000) / 100.0;
  }

  /** The time of the sample at {@code index}: its resource's poll of minute {@code index / 50}. */
  static long timestampMillis(long index) {
    return EPOCH + index / SERIES * 60_000 + series(index) * 1_000;
  }

  /** The message id of the sample at {@code index}: a UUID unique across all bodies. */
  static String messageId(long index) {
    return String.format(
        Locale.ROOT, "%08x-%04x-4000-8000-%012x", index >>> 16, index & 0xFFFF, index * 31);
  }
}
