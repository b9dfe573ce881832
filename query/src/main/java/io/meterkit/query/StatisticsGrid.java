package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Chooses the bucket grid of one statistics execution from the query's period and the extent of
 * what can make rows: the matching samples and, for increase, integral and twa, the time the
 * series' histories cover.
 *
 * <p>Fixed periods keep Ceilometer's grid: anchored at the start bound as given (minus the search
 * offset) or else the earliest row-making instant, and long enough for the latest. Calendar periods
 * cover the range from the boundary at or before its start to its end, an open side replaced by
 * that extent, with their boundaries computed once here. Thread-safe: stateless.
 */
final class StatisticsGrid {
  private StatisticsGrid() {}

  /**
   * Returns the grid, or empty when a period is set and nothing can make a row.
   *
   * @param history the series histories when an aggregate spreads over time, else null
   * @param levelEndMillis where gauge levels stop (the range end or now), or {@link Long#MIN_VALUE}
   *     when no level is spread
   * @throws InvalidQueryException when the grid would hold too many buckets
   */
  static Optional<BucketGrid> of(
      StatisticsQuery query, GroupPlan plan, SeriesHistory history, long levelEndMillis) {
    if (query.period().isEmpty()) {
      return Optional.of(BucketGrid.SINGLE);
    }
    TimeRange range = query.searchRange();
    Extent extent = Extent.of(plan, range, query.asOfMillis());
    long earliest = extent.earliestMillis;
    long latest = extent.latestBoundMillis;
    if (history != null) {
      long start = history.earliestMillis();
      long end = history.latestEndMillis();
      if (start != Long.MAX_VALUE) {
        earliest = Math.min(earliest, start);
        if (end != Long.MIN_VALUE) {
          latest = Math.max(latest, end - 1);
        }
        if (levelEndMillis > start) {
          latest = Math.max(latest, levelEndMillis - 1);
        }
      }
    }
    if (earliest > latest) {
      return Optional.empty();
    }
    if (query.period().get() instanceof Period.Calendar calendar) {
      long first = range.fromMillis() == Long.MIN_VALUE ? earliest : range.fromMillis();
      long last = range.toMillis() == Long.MAX_VALUE ? latest : range.toMillis() - 1;
      return Optional.of(
          BucketGrid.calendar(
              CalendarGrid.bounds(calendar, query.timeZone().orElse(ZoneOffset.UTC), first, last)));
    }
    long anchor = query.fixedAnchorMillis().orElse(earliest);
    long periodMillis = query.periodSeconds() * 1000L;
    // An anchor near the start of time (a far start bound) could make the span overflow a long;
    // such a span holds far too many buckets anyway.
    long span = latest - anchor;
    long bucketCount =
        ((latest ^ anchor) & (latest ^ span)) < 0
            ? Long.MAX_VALUE
            : Math.floorDiv(span, periodMillis) + 1;
    if (bucketCount > Integer.MAX_VALUE) {
      throw new InvalidQueryException(
          Violation.of(QueryField.PERIOD, Rule.TOO_WIDE, query.periodSeconds(), Integer.MAX_VALUE),
          "period of "
              + query.periodSeconds()
              + " seconds cuts the range into more than "
              + Integer.MAX_VALUE
              + " buckets; use a longer period or a shorter range");
    }
    return Optional.of(BucketGrid.fixed(anchor, query.periodSeconds(), bucketCount));
  }
}
