package io.meterkit.testing;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Samples of one meter laid on a fixed schedule, for tests: {@code every 5 minutes from T, values
 * ...}, with gaps where readings are missing and, for cumulative counters, increments and resets.
 *
 * <pre>{@code
 * List<Sample> readings =
 *     SampleSeries.cumulative("disk.read.bytes", "B")
 *         .resource("vm-1")
 *         .every(Duration.ofMinutes(5))
 *         .from(Instant.parse("2024-05-01T00:00:00Z"))
 *         .values(1_000)           // 00:00  1000
 *         .increments(100, 100)    // 00:05  1100, 00:10 1200
 *         .gap(2)                  // nothing at 00:15 and 00:20
 *         .increments(300)         // 00:25  1500
 *         .reset()                 // the counter restarts from 0
 *         .increments(40)          // 00:30  40
 *         .toList();
 * }</pre>
 *
 * <p>The schedule is a step ({@link #every}) and the time of the next step ({@link #from}); each
 * value added takes the next step, and {@link #gap} skips steps. The ids, metadata and message-id
 * prefix in force when a value is added go into its sample, so they may change along the series
 * (calling {@link #from} again jumps the schedule). A cumulative series keeps a running counter:
 * {@link #values} sets it to each reading, {@link #increments} adds to it and {@link #reset} sets
 * it back to zero without a sample. Every sample is validated as {@link Sample} validates it.
 *
 * <p>Not thread-safe: build a series on one thread. The list {@link #toList} returns is immutable,
 * and so are its samples.
 */
public final class SampleSeries {
  private final String meterName;
  private final MeterType type;
  private final String unit;
  private final List<Sample> samples = new ArrayList<>();
  private String resourceId;
  private String projectId;
  private String userId;
  private String source;
  private Map<String, String> metadata = Map.of();
  private String messageIdPrefix;
  private long stepMillis;
  private Long nextMillis;
  private double counter;

  private SampleSeries(String meterName, MeterType type, String unit) {
    this.meterName = meterName;
    this.type = Objects.requireNonNull(type, "type");
    this.unit = unit;
  }

  /**
   * Starts a series of any meter type.
   *
   * @param meterName the meter, e.g. {@code cpu_util}
   * @param type gauge, delta or cumulative
   * @param unit the unit, e.g. {@code %}
   * @return an empty series without schedule
   */
  public static SampleSeries of(String meterName, MeterType type, String unit) {
    return new SampleSeries(meterName, type, unit);
  }

  /**
   * Starts a series of a gauge: each value is a level.
   *
   * @param meterName the meter
   * @param unit the unit
   * @return an empty series without schedule
   */
  public static SampleSeries gauge(String meterName, String unit) {
    return of(meterName, MeterType.GAUGE, unit);
  }

  /**
   * Starts a series of a delta meter: each value is the amount since the previous sample.
   *
   * @param meterName the meter
   * @param unit the unit
   * @return an empty series without schedule
   */
  public static SampleSeries delta(String meterName, String unit) {
    return of(meterName, MeterType.DELTA, unit);
  }

  /**
   * Starts a series of a cumulative counter: each value is the counter's reading; the counter
   * starts at zero.
   *
   * @param meterName the meter
   * @param unit the unit
   * @return an empty series without schedule
   */
  public static SampleSeries cumulative(String meterName, String unit) {
    return of(meterName, MeterType.CUMULATIVE, unit);
  }

  /**
   * Sets the resource of the samples added from now on (required before the first value).
   *
   * @param id the resource id
   * @return this series
   */
  public SampleSeries resource(String id) {
    this.resourceId = id;
    return this;
  }

  /**
   * Sets the project of the samples added from now on.
   *
   * @param id the project id, or null for none
   * @return this series
   */
  public SampleSeries project(String id) {
    this.projectId = id;
    return this;
  }

  /**
   * Sets the user of the samples added from now on.
   *
   * @param id the user id, or null for none
   * @return this series
   */
  public SampleSeries user(String id) {
    this.userId = id;
    return this;
  }

  /**
   * Sets the source of the samples added from now on.
   *
   * @param id the source, or null for none
   * @return this series
   */
  public SampleSeries source(String id) {
    this.source = id;
    return this;
  }

  /**
   * Sets the metadata of the samples added from now on.
   *
   * @param entries flat string metadata (copied)
   * @return this series
   */
  public SampleSeries metadata(Map<String, String> entries) {
    this.metadata = Map.copyOf(entries);
    return this;
  }

  /**
   * Gives the samples added from now on the message ids {@code prefix + n}, where {@code n} counts
   * the samples of this series from 0; null (the default) leaves them without one, so that the
   * store assigns ids.
   *
   * @param prefix the prefix, e.g. {@code "cpu-"}, or null
   * @return this series
   */
  public SampleSeries messageIds(String prefix) {
    this.messageIdPrefix = prefix;
    return this;
  }

  /**
   * Sets the step of the schedule.
   *
   * @param step the time between two steps; at least one millisecond, whole milliseconds
   * @return this series
   * @throws IllegalArgumentException when {@code step} is shorter than 1 ms or not whole ms
   */
  public SampleSeries every(Duration step) {
    if (step.compareTo(Duration.ofMillis(1)) < 0 || step.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "step must be a positive whole number of milliseconds, got: " + step);
    }
    this.stepMillis = step.toMillis();
    return this;
  }

  /**
   * Sets the time of the next step: of the first value, or, later, a jump of the schedule.
   *
   * @param instant when the next value is measured (millisecond precision is kept)
   * @return this series
   */
  public SampleSeries from(Instant instant) {
    this.nextMillis = instant.toEpochMilli();
    return this;
  }

  /**
   * Adds one sample per value, one step apart. For a cumulative series the values are the counter's
   * readings (the running counter takes each one).
   *
   * @param volumes the volumes, in time order
   * @return this series
   * @throws IllegalStateException when the resource or the schedule is not set yet
   * @throws io.meterkit.core.InvalidSampleException when a sample is invalid (e.g. NaN volume)
   */
  public SampleSeries values(double... volumes) {
    for (double volume : volumes) {
      add(volume);
      counter = volume;
    }
    return this;
  }

  /**
   * Adds one reading per increment to a cumulative series, one step apart: the running counter
   * grows by each amount and each sample reads the counter.
   *
   * @param amounts what the counter counted before each reading; zero or positive
   * @return this series
   * @throws IllegalStateException when the series is not cumulative, or the resource or schedule is
   *     not set yet
   * @throws IllegalArgumentException when an amount is negative or not finite
   */
  public SampleSeries increments(double... amounts) {
    requireCumulative("increments");
    for (double amount : amounts) {
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw new IllegalArgumentException(
            "increment must be a finite amount >= 0 (a counter only grows; use reset()), got: "
                + amount);
      }
      add(counter + amount);
      counter += amount;
    }
    return this;
  }

  /**
   * Sets the running counter of a cumulative series back to zero, as a restarted agent or machine
   * does; adds no sample and takes no step.
   *
   * @return this series
   * @throws IllegalStateException when the series is not cumulative
   */
  public SampleSeries reset() {
    requireCumulative("reset");
    counter = 0;
    return this;
  }

  /**
   * Skips steps of the schedule: readings that are missing.
   *
   * @param steps how many, at least 1
   * @return this series
   * @throws IllegalArgumentException when {@code steps} is below 1
   * @throws IllegalStateException when the schedule is not set yet
   */
  public SampleSeries gap(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got: " + steps);
    }
    requireSchedule();
    nextMillis = Math.addExact(nextMillis, Math.multiplyExact(stepMillis, (long) steps));
    return this;
  }

  /**
   * Returns the time of the next step: just after the last sample's step, a natural exclusive end
   * of a query window over the series.
   *
   * @return the next step's instant
   * @throws IllegalStateException when the schedule is not set yet
   */
  public Instant next() {
    requireSchedule();
    return Instant.ofEpochMilli(nextMillis);
  }

  /**
   * Returns the samples added so far.
   *
   * @return an immutable list, in the order the samples were added
   */
  public List<Sample> toList() {
    return List.copyOf(samples);
  }

  private void add(double volume) {
    if (resourceId == null) {
      throw new IllegalStateException("resource(id) must be set before the first value");
    }
    requireSchedule();
    samples.add(
        Sample.builder(meterName, type, unit)
            .volume(volume)
            .timestampMillis(nextMillis)
            .resourceId(resourceId)
            .projectId(projectId)
            .userId(userId)
            .source(source)
            .metadata(metadata)
            .messageId(messageIdPrefix == null ? null : messageIdPrefix + samples.size())
            .build());
    nextMillis = Math.addExact(nextMillis, stepMillis);
  }

  private void requireSchedule() {
    if (stepMillis == 0 || nextMillis == null) {
      throw new IllegalStateException(
          "the schedule must be set first: every(step) and from(instant)");
    }
  }

  private void requireCumulative(String operation) {
    if (type != MeterType.CUMULATIVE) {
      throw new IllegalStateException(
          operation + " applies to cumulative series only, this one is " + type.wireName());
    }
  }
}
