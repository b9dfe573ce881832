package io.meterkit.jmh.state;

/**
 * The parameters of the four benchmark queries for a data set of a given size, shared by every
 * implementation so that all of them answer exactly the same questions.
 *
 * <ul>
 *   <li>Q1: count, sum, avg, min and max of the volumes in the second half of the data's time
 *       range, {@code [q1FromMillis, q1ToMillis)}, no group.
 *   <li>Q2: the same, grouped by {@code project_id}.
 *   <li>Q3: the same aggregates grouped by {@code resource_id} in hourly buckets over one day in
 *       the middle of the data, {@code [dayFromMillis, dayToMillis)}; buckets start at {@code
 *       dayFromMillis}.
 *   <li>Q4: the largest volume of resource {@code q4ResourceId} over that day.
 * </ul>
 *
 * <p>All ranges are half-open, epoch milliseconds UTC. Immutable and thread-safe.
 *
 * @param size number of samples in the data set
 * @param q1FromMillis start of Q1/Q2 (inclusive)
 * @param q1ToMillis end of Q1/Q2 (exclusive): the end of the last polling interval
 * @param dayFromMillis start of the Q3/Q4 day (inclusive), a UTC midnight
 * @param dayToMillis end of the Q3/Q4 day (exclusive)
 * @param q3PeriodMillis the Q3 bucket width: one hour
 * @param q4ResourceId the resource of Q4
 */
public record Workload(
    int size,
    long q1FromMillis,
    long q1ToMillis,
    long dayFromMillis,
    long dayToMillis,
    long q3PeriodMillis,
    String q4ResourceId) {
  private static final long DAY_MILLIS = 86_400_000;

  /** The resource Q4 asks about. */
  static final int Q4_RESOURCE = 421;

  /**
   * Returns the workload for a data set made by {@link SampleGenerator#generate(int)}.
   *
   * @param size number of samples, >= 1
   * @return the query parameters
   */
  public static Workload forSize(int size) {
    long intervals = SampleGenerator.intervals(size);
    long from = SampleGenerator.EPOCH_MILLIS;
    long to = from + intervals * SampleGenerator.INTERVAL_MILLIS;
    long q1From = from + (intervals / 2) * SampleGenerator.INTERVAL_MILLIS;
    long dayFrom = from + Math.floorDiv((to - from) / 2, DAY_MILLIS) * DAY_MILLIS;
    return new Workload(
        size,
        q1From,
        to,
        dayFrom,
        dayFrom + DAY_MILLIS,
        3_600_000,
        Fleet.DEFAULT.resourceId(Q4_RESOURCE));
  }
}
