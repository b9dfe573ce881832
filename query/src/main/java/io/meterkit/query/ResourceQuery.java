package io.meterkit.query;

import io.meterkit.core.TimeRange;
import java.util.Objects;

/**
 * A catalog query for resources: which series take part ({@link #filter()}: dimensions, and
 * metadata matched against each series' latest metadata) and which resources to keep by the time of
 * their last accepted sample ({@link #lastSampleRange()}, half-open).
 *
 * <p>Immutable and thread-safe.
 *
 * @param filter the series filter
 * @param lastSampleRange keeps resources whose last accepted sample lies in it
 */
public record ResourceQuery(Filter filter, TimeRange lastSampleRange) {
  /** Every resource. */
  public static final ResourceQuery ALL = new ResourceQuery(Filter.NONE, TimeRange.ALL);

  /**
   * Checks the components.
   *
   * @throws NullPointerException when a component is null
   */
  public ResourceQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(lastSampleRange, "lastSampleRange");
  }
}
