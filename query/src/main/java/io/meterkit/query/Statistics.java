package io.meterkit.query;

import java.util.Map;

/**
 * One row of a statistics result: the aggregates of the samples of one group in one period.
 *
 * <p>{@code durationStartMillis}/{@code durationEndMillis} are the first and last sample timestamps
 * of the row, clamped to the query's bound values as given; when clamping leaves the start after
 * the end (possible only with a search offset), or the row holds no sample, the three duration
 * fields are null. {@code durationSeconds} is the time between them. Without a period, {@code
 * periodSeconds} is 0 and the period start/end equal the duration start/end; with one, they are the
 * bucket bounds and {@code periodSeconds} the bucket's length (a calendar bucket's own length, e.g.
 * 82,800 for a 23-hour day). {@code stddev} is the population standard deviation, null unless
 * requested; {@code cardinalities} holds the requested distinct counts.
 *
 * <p>A row that exists only because an increase interval or a gauge level overlaps it has {@code
 * count} 0, {@code sum} 0, NaN as {@code avg}, {@code min} and {@code max}, null stddev and
 * percentiles, and no durations. {@code increase}, {@code integral} and {@code twa} are null unless
 * requested; {@code twa} is also null when the group had no level during the row. {@code
 * percentiles} maps each requested P to its value, in request order.
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
 * @param increase the counter increase apportioned to the row, or null when not requested
 * @param integral the gauge integral over the row in unit-seconds, or null when not requested
 * @param twa the time-weighted average level, or null when not requested or without a level
 * @param percentiles requested percentile to its value (null for a row without samples)
 * @param unit the meter's unit
 * @param durationStartMillis first sample time, clamped; or null
 * @param durationEndMillis last sample time, clamped; or null
 * @param durationSeconds seconds from start to end; or null
 * @param periodSeconds the bucket's length, 0 without a period
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
    Double increase,
    Double integral,
    Double twa,
    Map<Percentile, Double> percentiles,
    String unit,
    Long durationStartMillis,
    Long durationEndMillis,
    Double durationSeconds,
    long periodSeconds,
    Long periodStartMillis,
    Long periodEndMillis) {}
