/**
 * The meterkit domain model: what a usage measurement is, and the rules every measurement obeys.
 *
 * <h2>Data model</h2>
 *
 * <p>A {@link io.meterkit.core.Sample} is one measurement of a meter (for example {@code cpu_util})
 * for one resource (a VM, a volume, an IP address) owned by a project and a user, reported by a
 * source. Samples carry a volume, a UTC timestamp with millisecond precision, free-form string
 * metadata and an optional client message id used for de-duplication. A {@link
 * io.meterkit.core.Meter} is one (meter name, resource) pair; a {@link io.meterkit.core.Resource}
 * summarises everything known about one resource id.
 *
 * <h2>Time semantics</h2>
 *
 * <p>All instants are UTC epoch milliseconds. <b>Every range is half-open, {@code [from, to)}</b>:
 * {@link io.meterkit.core.TimeRange} is the one place that says so. A "greater than" bound {@code
 * t} is the inclusive bound {@code t + 1}, a "less than or equal" bound {@code t} is the exclusive
 * bound {@code t + 1}. Bucket indexes are computed with {@link java.lang.Math#floorDiv(long,
 * long)}, never {@code /}, so that the arithmetic is right on both sides of any origin. Valid
 * sample timestamps lie in the years 1970 to 9999 ({@link io.meterkit.core.Limits}). Text
 * timestamps are read and written by {@link io.meterkit.core.IsoTime}.
 *
 * <h2>Errors</h2>
 *
 * <p>Every refusal is a {@link io.meterkit.core.MeterkitException}, itself an {@link
 * java.lang.IllegalArgumentException}, whose message names the field, the rule and the offending
 * value. Adapters map the subtypes to HTTP statuses in one place.
 *
 * <pre>{@code
 * Sample sample = Sample.builder("cpu_util", MeterType.GAUGE, "%")
 *     .volume(12.5)
 *     .timestamp(Instant.parse("2014-10-22T00:00:12Z"))
 *     .resourceId("vm-1")
 *     .projectId("p-1")
 *     .userId("u-1")
 *     .build();
 * }</pre>
 */
package io.meterkit.core;
