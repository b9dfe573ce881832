package io.meterkit.api.v1;

import io.meterkit.api.QueryParameters;
import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.api.internal.TimeWindow;
import io.meterkit.api.internal.TimeWindow.Bound;
import io.meterkit.core.TimeRange;
import io.meterkit.query.StatisticsQuery;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The time parameters of a v1 route: {@code start_timestamp} (inclusive), {@code end_timestamp}
 * (exclusive) and, on the volume and duration routes, {@code search_offset} (whole minutes that
 * widen the window on both sides). The first of repeated values counts; a start after the end
 * selects nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param window the bounds
 * @param searchOffsetMillis the widening, 0 when not given
 */
record V1Window(TimeWindow window, long searchOffsetMillis) {
  static V1Window parse(QueryParameters query) {
    TimeWindow window =
        TimeWindow.UNBOUNDED
            .from(
                first(query, "start_timestamp")
                    .map(t -> Bound.timestamp("start_timestamp", t, true)))
            .until(
                first(query, "end_timestamp").map(t -> Bound.timestamp("end_timestamp", t, false)));
    Optional<String> offset = first(query, "search_offset");
    long minutes =
        offset.isEmpty()
            ? 0
            : CeilometerArgs.toInt("search_offset", offset.get())
                .max(BigInteger.ZERO)
                .min(BigInteger.valueOf(Integer.MAX_VALUE))
                .longValue();
    return new V1Window(window, minutes * 60_000L);
  }

  // Flask's request.args.get: the first value of a repeated parameter.
  private static Optional<String> first(QueryParameters query, String name) {
    List<String> values = query.all(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns {@code [start, end)}, not widened. */
  TimeRange range() {
    return window.range();
  }

  /** Starts a statistics query over the widened window, clamping durations to the given one. */
  StatisticsQuery.Builder statistics(String meter) {
    return StatisticsQuery.builder(meter)
        .start(window.start().map(TimeWindow.Bound::bound).orElse(null))
        .end(window.end().map(TimeWindow.Bound::bound).orElse(null))
        .searchOffsetMillis(searchOffsetMillis);
  }
}
