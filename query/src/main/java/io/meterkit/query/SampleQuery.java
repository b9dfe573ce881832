package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A query for raw samples: of one meter or of all, in a half-open time range, passing a filter,
 * recorded by the store at or before an as-of instant if one is given, newest first, at most {@code
 * limit} of them.
 *
 * <p>Results are ordered by timestamp descending, then meter name, resource id and message id
 * ascending, so equal queries give equal pages. Immutable and thread-safe; build one with {@link
 * #builder()}.
 */
public final class SampleQuery {
  /** The limit meaning "every matching sample". */
  public static final int NO_LIMIT = Integer.MAX_VALUE;

  private final String meter;
  private final TimeRange range;
  private final Filter filter;
  private final Instant asOf;
  private final int limit;

  private SampleQuery(Builder b) {
    this.meter = b.meter;
    this.range = b.range;
    this.filter = b.filter;
    this.asOf = b.asOf;
    this.limit = b.limit;
  }

  /**
   * Starts a builder: every meter, every time, no filter, no limit.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the meter, if restricted to one.
   *
   * @return the meter name, or empty for every meter
   */
  public Optional<String> meter() {
    return Optional.ofNullable(meter);
  }

  /**
   * Returns the half-open time range.
   *
   * @return the range
   */
  public TimeRange range() {
    return range;
  }

  /**
   * Returns the sample filter.
   *
   * @return the filter
   */
  public Filter filter() {
    return filter;
  }

  /**
   * Returns the instant the listing is made as of: only samples the store recorded at or before it
   * (their recorded-at time, kept to the second) are listed.
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
   * Returns the most samples returned.
   *
   * @return the limit, {@link #NO_LIMIT} for all
   */
  public int limit() {
    return limit;
  }

  /** Builds a {@link SampleQuery}; not thread-safe. */
  public static final class Builder {
    private String meter;
    private TimeRange range = TimeRange.ALL;
    private Filter filter = Filter.NONE;
    private Instant asOf;
    private int limit = NO_LIMIT;

    private Builder() {}

    /**
     * Restricts to one meter.
     *
     * @param name the meter name, or null for every meter
     * @return this builder
     */
    public Builder meter(String name) {
      this.meter = name;
      return this;
    }

    /**
     * Sets the time range.
     *
     * @param timeRange half-open range
     * @return this builder
     */
    public Builder range(TimeRange timeRange) {
      this.range = Objects.requireNonNull(timeRange, "range");
      return this;
    }

    /**
     * Sets the filter.
     *
     * @param sampleFilter the filter
     * @return this builder
     */
    public Builder filter(Filter sampleFilter) {
      this.filter = Objects.requireNonNull(sampleFilter, "filter");
      return this;
    }

    /**
     * Lists only the samples recorded at or before an instant.
     *
     * @param instant the instant, or null for every sample
     * @return this builder
     */
    public Builder asOf(Instant instant) {
      this.asOf = instant;
      return this;
    }

    /**
     * Sets the most samples returned.
     *
     * @param most at least 1
     * @return this builder
     */
    public Builder limit(int most) {
      this.limit = most;
      return this;
    }

    /**
     * Validates and builds the query.
     *
     * @return the query
     * @throws InvalidQueryException when the limit is below 1
     */
    public SampleQuery build() {
      if (limit < 1) {
        throw new InvalidQueryException(Violation.of(QueryField.LIMIT, Rule.TOO_SMALL, limit, 1));
      }
      return new SampleQuery(this);
    }
  }
}
