package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A statistics query over one meter: which samples (time bounds, filters), how to group them
 * (fields, period) and what to compute (aggregates).
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Samples are those of {@link #meter()} inside {@link #searchRange()}: the half-open range
 *       given by the bounds, widened on both sides by {@link #searchOffsetMillis()}, and accepted
 *       by {@link #filter()}.
 *   <li>Without a period, there is one result row per group. With a period, one bucket grid serves
 *       every group: {@code [anchor + k * period, anchor + (k + 1) * period)}, where the anchor is
 *       the start bound's value as given (minus the search offset) or else the earliest matching
 *       sample; a row per (group, bucket) that holds samples.
 *   <li>Durations (first and last sample of a row) are clamped to the bounds' values as given (not
 *       widened); see {@link Statistics}.
 * </ul>
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}. Longer than 300 lines only
 * because every accessor and builder setter of its nine settings is documented.
 *
 * <pre>{@code
 * StatisticsQuery query = StatisticsQuery.builder("cpu_util")
 *     .start(TimeBound.inclusive(from))
 *     .end(TimeBound.exclusive(to))
 *     .groupBy(GroupBy.of(Dimension.PROJECT_ID))
 *     .periodSeconds(3600)
 *     .build();
 * }</pre>
 */
public final class StatisticsQuery {
  /** The longest accepted period: 100 years, in seconds. */
  public static final long MAX_PERIOD_SECONDS = 100L * 366 * 24 * 3600;

  private final String meter;
  private final TimeBound start;
  private final TimeBound end;
  private final long searchOffsetMillis;
  private final Filter filter;
  private final List<GroupBy> groupBy;
  private final long periodSeconds;
  private final List<Aggregation> aggregations;
  private final TimeRange searchRange;

  private StatisticsQuery(Builder b) {
    this.meter = b.meter;
    this.start = b.start;
    this.end = b.end;
    this.searchOffsetMillis = b.searchOffsetMillis;
    this.filter = b.filter;
    this.groupBy = List.copyOf(new LinkedHashSet<>(b.groupBy));
    this.periodSeconds = b.periodSeconds;
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
   * @return seconds, or 0 for one row per group
   */
  public long periodSeconds() {
    return periodSeconds;
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
        + periodSeconds
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
     * Sets the period.
     *
     * @param seconds 0 for one row per group, else 1..{@link #MAX_PERIOD_SECONDS}
     * @return this builder
     */
    public Builder periodSeconds(long seconds) {
      this.periodSeconds = seconds;
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
      return new StatisticsQuery(this);
    }
  }
}
