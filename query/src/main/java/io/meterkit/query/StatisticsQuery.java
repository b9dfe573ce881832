package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A statistics query over one meter: which samples (time bounds, filters, as-of instant), how to
 * group them (fields, period) and what to compute (aggregates).
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Samples are those of {@link #meter()} inside {@link #searchRange()}: the half-open range
 *       given by the bounds, widened on both sides by {@link #searchOffsetMillis()}, accepted by
 *       {@link #filter()} and, with {@link #asOf()}, recorded by the store at or before that
 *       instant (samples recorded later, or dropped by retention, do not exist for the query).
 *   <li>Without a period, there is one result row per group. With a {@link Period.Fixed} period,
 *       one bucket grid serves every group: {@code [anchor + k * period, anchor + (k + 1) *
 *       period)}, where the anchor is the start bound's value as given (minus the search offset) or
 *       else the earliest matching sample. With a {@link Period.Calendar} period, the buckets
 *       follow the calendar of {@link #timeZone()} (UTC when none is given); the grid starts at the
 *       boundary at or before the range start (or, without a start bound, the earliest matching
 *       sample) and may hold at most {@value #MAX_CALENDAR_BUCKETS} buckets up to the range end (or
 *       the latest matching sample or covered instant).
 *   <li>A row exists per (group, bucket) that holds samples, and, when {@link
 *       AggregateFunction#INCREASE}, {@link AggregateFunction#INTEGRAL} or {@link
 *       AggregateFunction#TWA} is requested, per (group, bucket) that the group's increase
 *       intervals or gauge levels overlap (its count may be 0).
 *   <li>Durations (first and last sample of a row) are clamped to the bounds' values as given (not
 *       widened); see {@link Statistics}.
 * </ul>
 *
 * <h2>Billing aggregates</h2>
 *
 * <p>{@link AggregateFunction#INCREASE} (cumulative meters) and {@link
 * AggregateFunction#INTEGRAL}/{@link AggregateFunction#TWA} (gauges) read each series' samples in
 * time order, the last one before the range and (for increase) the first one at or after its end
 * included. Of several samples of one series with equal timestamps, the latest arrival counts and
 * the others are ignored (a correction replaces what it corrects). A row's share of the rows of one
 * series is the part of each increase interval or level that overlaps the row's bucket within the
 * range, so the rows of a grid add up to the row of the whole range: {@code v1 - v0} (or {@code v1}
 * after a reset) of an interval {@code [t0, t1]} gives a bucket {@code [a, b)} the share {@code
 * C(min(b, t1)) - C(max(a, t0))} with {@code C(x) = (v1 - v0) * (x - t0) / (t1 - t0)}, and adjacent
 * buckets telescope. An interval, or a level, belongs to the group of the sample that ends it
 * (increase) or starts it (levels). A level holds until the next sample, the range end or the
 * engine's "now", whichever comes first; nothing is extrapolated beyond real samples. Groups sum
 * their series.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}. Longer than 300 lines only
 * because every accessor and builder setter of its twelve settings is documented.
 *
 * <pre>{@code
 * StatisticsQuery query = StatisticsQuery.builder("cpu_util")
 *     .start(TimeBound.inclusive(from))
 *     .end(TimeBound.exclusive(to))
 *     .groupBy(GroupBy.of(Dimension.PROJECT_ID))
 *     .period(Period.calendar(Period.CalendarUnit.DAY, 1))
 *     .timeZone(ZoneId.of("Europe/Berlin"))
 *     .aggregations(Aggregation.of(AggregateFunction.INTEGRAL))
 *     .build();
 * }</pre>
 */
public final class StatisticsQuery {
  /** The longest accepted period: 100 years, in seconds. */
  public static final long MAX_PERIOD_SECONDS = 100L * 366 * 24 * 3600;

  /** The most buckets the grid of a calendar period may hold. */
  public static final int MAX_CALENDAR_BUCKETS = 10_000;

  private final String meter;
  private final TimeBound start;
  private final TimeBound end;
  private final long searchOffsetMillis;
  private final Filter filter;
  private final List<GroupBy> groupBy;
  private final Period period;
  private final ZoneId timeZone;
  private final Instant asOf;
  private final List<Aggregation> aggregations;
  private final TimeRange searchRange;

  private StatisticsQuery(Builder b, Period period) {
    this.meter = b.meter;
    this.start = b.start;
    this.end = b.end;
    this.searchOffsetMillis = b.searchOffsetMillis;
    this.filter = b.filter;
    this.groupBy = List.copyOf(new LinkedHashSet<>(b.groupBy));
    this.period = period;
    this.timeZone = b.timeZone;
    this.asOf = b.asOf;
    this.aggregations =
        b.aggregations.isEmpty()
            ? Aggregation.STANDARD
            : List.copyOf(new LinkedHashSet<>(b.aggregations));
    if (start != null && end != null && start.millis() > end.millis()) {
      throw new InvalidQueryException(
          Violation.of(
              QueryField.BOUNDS, Rule.START_AFTER_END, start.millis(), "end bound", end.millis()),
          "the start bound must not be after the end bound, got: "
              + io.meterkit.core.IsoTime.format(start.millis())
              + " > "
              + io.meterkit.core.IsoTime.format(end.millis()));
    }
    long from = start == null ? Long.MIN_VALUE : start.asRangeStart();
    long to = end == null ? Long.MAX_VALUE : end.asRangeEnd();
    if (from <= to) {
      this.searchRange = new TimeRange(from, to).widen(searchOffsetMillis);
    } else {
      // gt t with lt t: from = t + 1, to = t, the empty interval (t, t). Widened, it is
      // [t + 1 - offset, t + offset), empty without an offset.
      TimeRange widened = new TimeRange(to, to).widen(searchOffsetMillis);
      this.searchRange =
          searchOffsetMillis == 0
              ? widened
              : new TimeRange(widened.fromMillis() + 1, widened.toMillis());
    }
  }

  /**
   * Starts a builder for a query of {@code meter}.
   *
   * @param meter the meter name
   * @return a builder
   */
  public static Builder builder(String meter) {
    return new Builder(meter);
  }

  /**
   * Returns the meter name.
   *
   * @return the meter
   */
  public String meter() {
    return meter;
  }

  /**
   * Returns the start bound as given.
   *
   * @return the bound, or empty when the range is open at the start
   */
  public Optional<TimeBound> start() {
    return Optional.ofNullable(start);
  }

  /**
   * Returns the end bound as given.
   *
   * @return the bound, or empty when the range is open at the end
   */
  public Optional<TimeBound> end() {
    return Optional.ofNullable(end);
  }

  /**
   * Returns how far the search range extends beyond each bound.
   *
   * @return milliseconds, 0 when not widened
   */
  public long searchOffsetMillis() {
    return searchOffsetMillis;
  }

  /**
   * Returns the half-open range searched for samples: the bounds, widened by the search offset.
   *
   * @return the range
   */
  public TimeRange searchRange() {
    return searchRange;
  }

  /**
   * Returns the sample filter.
   *
   * @return the filter, {@link Filter#NONE} when not filtered
   */
  public Filter filter() {
    return filter;
  }

  /**
   * Returns the group-by fields, in the order given, without duplicates.
   *
   * @return the fields; empty when not grouped
   */
  public List<GroupBy> groupBy() {
    return groupBy;
  }

  /**
   * Returns the period.
   *
   * @return the period, or empty for one row per group
   */
  public Optional<Period> period() {
    return Optional.ofNullable(period);
  }

  /**
   * Returns the length of a fixed period.
   *
   * @return its seconds; 0 without a period or with a calendar period
   */
  public long periodSeconds() {
    return period instanceof Period.Fixed fixed ? fixed.seconds() : 0;
  }

  /**
   * Returns the time zone whose calendar a calendar period follows, as given.
   *
   * @return the zone, or empty when none was given (UTC)
   */
  public Optional<ZoneId> timeZone() {
    return Optional.ofNullable(timeZone);
  }

  /**
   * Returns the instant the answer is computed as of: only samples the store recorded at or before
   * it count (their recorded-at time, kept to the second, is at most this instant).
   *
   * @return the instant, or empty for every sample recorded so far
   */
  public Optional<Instant> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** Returns the as-of instant in epoch milliseconds, {@link Long#MAX_VALUE} without one. */
  long asOfMillis() {
    return asOf == null ? Long.MAX_VALUE : AsOf.millis(asOf);
  }

  /**
   * Returns the requested aggregates, in the order given, without duplicates.
   *
   * @return the aggregates; the five standard ones when none were requested
   */
  public List<Aggregation> aggregations() {
    return aggregations;
  }

  /**
   * Returns whether an aggregate that spreads over time (increase, integral, twa) is requested.
   *
   * @return true when one of {@link #aggregations()} does
   */
  public boolean spreadsOverTime() {
    for (Aggregation aggregation : aggregations) {
      if (aggregation.function().spreadsOverTime()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether a function is requested.
   *
   * @param function an aggregate function
   * @return true when one of {@link #aggregations()} uses it
   */
  public boolean computes(AggregateFunction function) {
    for (Aggregation aggregation : aggregations) {
      if (aggregation.function() == function) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the anchor of the period grid when the query fixes it.
   *
   * @return the start bound's value minus the search offset, or empty when the grid starts at the
   *     earliest matching sample
   */
  public Optional<Long> fixedAnchorMillis() {
    return start == null
        ? Optional.empty()
        : Optional.of(
            Math.max(Long.MIN_VALUE + searchOffsetMillis, start.millis()) - searchOffsetMillis);
  }

  @Override
  public String toString() {
    return "StatisticsQuery{meter="
        + meter
        + ", range="
        + searchRange
        + ", filter="
        + filter
        + ", groupBy="
        + groupBy
        + ", period="
        + period
        + (timeZone == null ? "" : ", timeZone=" + timeZone)
        + (asOf == null ? "" : ", asOf=" + asOf)
        + ", aggregations="
        + aggregations
        + "}";
  }

  /** Builds a {@link StatisticsQuery}; not thread-safe. */
  public static final class Builder {
    private final String meter;
    private TimeBound start;
    private TimeBound end;
    private long searchOffsetMillis;
    private Filter filter = Filter.NONE;
    private final List<GroupBy> groupBy = new ArrayList<>();
    private long periodSeconds;
    private Period period;
    private ZoneId timeZone;
    private Instant asOf;
    private final Set<Aggregation> aggregations = new LinkedHashSet<>();

    private Builder(String meter) {
      this.meter = meter;
    }

    /**
     * Sets the start bound.
     *
     * @param bound inclusive ({@code ge}) or exclusive ({@code gt}) start, or null for none
     * @return this builder
     */
    public Builder start(TimeBound bound) {
      this.start = bound;
      return this;
    }

    /**
     * Sets the end bound.
     *
     * @param bound inclusive ({@code le}) or exclusive ({@code lt}) end, or null for none
     * @return this builder
     */
    public Builder end(TimeBound bound) {
      this.end = bound;
      return this;
    }

    /**
     * Widens the searched range on both sides (Ceilometer's {@code search_offset}).
     *
     * @param millis the widening, >= 0
     * @return this builder
     */
    public Builder searchOffsetMillis(long millis) {
      this.searchOffsetMillis = millis;
      return this;
    }

    /**
     * Sets the sample filter.
     *
     * @param sampleFilter the filter
     * @return this builder
     */
    public Builder filter(Filter sampleFilter) {
      this.filter = Objects.requireNonNull(sampleFilter, "filter");
      return this;
    }

    /**
     * Adds group-by fields; duplicates are ignored.
     *
     * @param fields the fields, in order
     * @return this builder
     */
    public Builder groupBy(GroupBy... fields) {
      groupBy.addAll(List.of(fields));
      return this;
    }

    /**
     * Sets a fixed period, replacing any period set before.
     *
     * @param seconds 0 for one row per group, else 1..{@link #MAX_PERIOD_SECONDS}
     * @return this builder
     */
    public Builder periodSeconds(long seconds) {
      this.periodSeconds = seconds;
      this.period = null;
      return this;
    }

    /**
     * Sets the period, replacing any period set before.
     *
     * @param bucketing a fixed or calendar period, or null for one row per group
     * @return this builder
     */
    public Builder period(Period bucketing) {
      this.period = bucketing;
      this.periodSeconds = 0;
      return this;
    }

    /**
     * Sets the time zone of calendar periods.
     *
     * @param zone the zone, or null for UTC
     * @return this builder
     */
    public Builder timeZone(ZoneId zone) {
      this.timeZone = zone;
      return this;
    }

    /**
     * Counts only the samples recorded at or before an instant, to reproduce an earlier answer.
     *
     * @param instant the instant, or null for every sample
     * @return this builder
     */
    public Builder asOf(Instant instant) {
      this.asOf = instant;
      return this;
    }

    /**
     * Adds aggregates; duplicates are ignored. Without any, the five standard ones are computed.
     *
     * @param requested the aggregates
     * @return this builder
     */
    public Builder aggregations(Aggregation... requested) {
      aggregations.addAll(List.of(requested));
      return this;
    }

    /**
     * Validates and builds the query.
     *
     * @return the query
     * @throws InvalidQueryException naming the invalid setting and its value
     */
    public StatisticsQuery build() {
      if (meter == null || meter.isBlank()) {
        throw new InvalidQueryException(
            Violation.of(QueryField.METER, Rule.REQUIRED, meter),
            "meter is required, got: " + (meter == null ? "null" : "''"));
      }
      if (searchOffsetMillis < 0) {
        throw new InvalidQueryException(
            Violation.of(QueryField.SEARCH_OFFSET, Rule.TOO_SMALL, searchOffsetMillis, 0),
            "search offset must be >= 0, got: " + searchOffsetMillis + " ms");
      }
      if (periodSeconds < 0 || periodSeconds > MAX_PERIOD_SECONDS) {
        throw new InvalidQueryException(
            Violation.of(
                QueryField.PERIOD, Rule.OUT_OF_RANGE, periodSeconds, 0, MAX_PERIOD_SECONDS),
            "period must be in [0, " + MAX_PERIOD_SECONDS + "] seconds, got: " + periodSeconds);
      }
      return new StatisticsQuery(
          this, periodSeconds > 0 ? Period.ofSeconds(periodSeconds) : period);
    }
  }
}
