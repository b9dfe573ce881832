package io.meterkit.query;

import java.util.Map;

/**
 * One row of a time-in-state result: the total active time of a group's series in the window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param groupBy group-by label to value, or null without group-by
 * @param activeMillis summed active time over the group's series, in milliseconds
 */
public record StateTime(Map<String, String> groupBy, long activeMillis) {
  /**
   * Returns the active time in seconds.
   *
   * @return {@code activeMillis / 1000.0}
   */
  public double activeSeconds() {
    return activeMillis / 1000.0;
  }
}
