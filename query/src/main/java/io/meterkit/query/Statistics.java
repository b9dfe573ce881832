package io.meterkit.query;

import java.util.Map;

/**
 * One row of a statistics result: the aggregates of the samples of one group in one period.
 *
 * <p>{@code durationStartMillis}/{@code durationEndMillis} are the first and last sample timestamps
 * of the row, clamped to the query's bound values as given; when clamping leaves the start after
 * the end (possible only with a search offset) the three duration fields are null. {@code
 * durationSeconds} is the time between them. Without a period, {@code periodSeconds} is 0 and the
 * period start/end equal the duration start/end; with one, they are the bucket bounds. {@code
 * stddev} is the population standard deviation, null unless requested; {@code cardinalities} holds
 * the requested distinct counts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param groupBy group-by label to value (a value may be null), or null when the query has no
 *     group-by
 * @param count number of samples
 * @param sum sum of volumes
 * @param avg mean volume
 * @param min smallest volume
 * @param max largest volume
 * @param stddev population standard deviation, or null when not requested
 * @param cardinalities distinct values per requested dimension
 * @param unit the meter's unit
 * @param durationStartMillis first sample time, clamped; or null
 * @param durationEndMillis last sample time, clamped; or null
 * @param durationSeconds seconds from start to end; or null
 * @param periodSeconds the period, 0 without one
 * @param periodStartMillis bucket start, or the duration start without a period
 * @param periodEndMillis bucket end, or the duration end without a period
 */
public record Statistics(
    Map<String, String> groupBy,
    long count,
    double sum,
    double avg,
    double min,
    double max,
    Double stddev,
    Map<Dimension, Long> cardinalities,
    String unit,
    Long durationStartMillis,
    Long durationEndMillis,
    Double durationSeconds,
    long periodSeconds,
    Long periodStartMillis,
    Long periodEndMillis) {}
