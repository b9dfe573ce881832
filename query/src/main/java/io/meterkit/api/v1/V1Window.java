package io.meterkit.api.v1;

import io.meterkit.api.Params;
import io.meterkit.api.QueryParameters;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.TimeRange;
import io.meterkit.query.StatisticsQuery;
import io.meterkit.query.TimeBound;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The time parameters of a v1 route: {@code start_timestamp} (inclusive), {@code end_timestamp}
 * (exclusive) and, on the volume and duration routes, {@code search_offset} (whole minutes that
 * widen the window on both sides).
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the inclusive start, epoch milliseconds UTC, or null
 * @param end the exclusive end, epoch milliseconds UTC, or null
 * @param searchOffsetMillis the widening, 0 when not given
 */
record V1Window(Long start, Long end, long searchOffsetMillis) {
  static V1Window parse(QueryParameters query) {
    OptionalLong start = Params.timestamp(query, "start_timestamp");
    OptionalLong end = Params.timestamp(query, "end_timestamp");
    if (start.isPresent() && end.isPresent() && start.getAsLong() > end.getAsLong()) {
      throw new InvalidQueryException(
          "start_timestamp must not be after end_timestamp, got: "
              + IsoTime.format(start.getAsLong())
              + " > "
              + IsoTime.format(end.getAsLong()));
    }
    Optional<String> offset = query.single("search_offset");
    return new V1Window(
        start.isPresent() ? start.getAsLong() : null,
        end.isPresent() ? end.getAsLong() : null,
        offset.isPresent() ? Params.searchOffsetMillis("search_offset", offset.get()) : 0);
  }

  /** Returns {@code [start, end)}, not widened. */
  TimeRange range() {
    return TimeRange.of(start == null ? Long.MIN_VALUE : start, end == null ? Long.MAX_VALUE : end);
  }

  /** Starts a statistics query over the widened window, clamping durations to the given one. */
  StatisticsQuery.Builder statistics(String meter) {
    return StatisticsQuery.builder(meter)
        .start(start == null ? null : TimeBound.inclusive(start))
        .end(end == null ? null : TimeBound.exclusive(end))
        .searchOffsetMillis(searchOffsetMillis);
  }
}
