package io.meterkit.core;

import com.google.common.collect.ImmutableSortedMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything known about one resource id: its latest owner, when it was first and last measured,
 * its latest metadata and the meters that measure it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resourceId the resource
 * @param projectId the project of its latest sample, or null
 * @param userId the user of its latest sample, or null
 * @param source the source of its latest sample, or null
 * @param firstSampleMillis timestamp of its earliest sample, epoch milliseconds UTC
 * @param lastSampleMillis timestamp of its latest sample, epoch milliseconds UTC
 * @param metadata the metadata of its latest sample
 * @param meters the meters measuring it, sorted by name
 */
public record Resource(
    String resourceId,
    String projectId,
    String userId,
    String source,
    long firstSampleMillis,
    long lastSampleMillis,
    Map<String, String> metadata,
    List<Meter> meters) {

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException when resourceId, metadata or meters is null
   */
  public Resource {
    Objects.requireNonNull(resourceId, "resourceId");
    metadata = ImmutableSortedMap.copyOf(metadata);
    meters = List.copyOf(meters);
  }
}
