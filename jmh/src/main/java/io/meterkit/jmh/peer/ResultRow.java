package io.meterkit.jmh.peer;

import io.meterkit.jmh.state.Workload;
import io.meterkit.query.Statistics;
import java.util.DoubleSummaryStatistics;
import java.util.Map;

/**
 * One row of a Q1–Q3 answer in a form every implementation can produce, so that their answers can
 * be compared: the group value, the bucket number and the five standard aggregates.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the group value ({@code project_id} for Q2, {@code resource_id} for Q3), or null for
 *     Q1
 * @param bucket the hour of the day for Q3 (0..23), 0 otherwise
 * @param count number of samples
 * @param sum sum of the volumes
 * @param avg mean volume
 * @param min smallest volume
 * @param max largest volume
 */
public record ResultRow(
    String group, long bucket, long count, double sum, double avg, double min, double max) {

  /**
   * Converts a meterkit statistics row.
   *
   * @param statistics a row with at most one group-by field
   * @param workload the workload whose day anchors Q3's buckets
   * @return the row
   */
  public static ResultRow of(Statistics statistics, Workload workload) {
    Map<String, String> groupBy = statistics.groupBy();
    String group = groupBy == null ? null : groupBy.values().iterator().next();
    long bucket =
        statistics.periodSeconds() == 0
            ? 0
            : Math.floorDiv(
                statistics.periodStartMillis() - workload.dayFromMillis(),
                workload.q3PeriodMillis());
    return new ResultRow(
        group,
        bucket,
        statistics.count(),
        statistics.sum(),
        statistics.avg(),
        statistics.min(),
        statistics.max());
  }

  /**
   * Converts a summary computed with Java streams.
   *
   * @param group the group value, or null
   * @param bucket the bucket number, 0 without buckets
   * @param summary the summary of the group's volumes
   * @return the row
   */
  public static ResultRow of(String group, long bucket, DoubleSummaryStatistics summary) {
    return new ResultRow(
        group,
        bucket,
        summary.getCount(),
        summary.getSum(),
        summary.getAverage(),
        summary.getMin(),
        summary.getMax());
  }
}
