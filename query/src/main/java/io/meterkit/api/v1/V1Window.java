package io.meterkit.api.v1;

import io.meterkit.api.QueryParameters;
import io.meterkit.api.internal.Params;
import io.meterkit.api.internal.TimeWindow;
import io.meterkit.core.IsoTime;
import io.meterkit.core.TimeRange;
import io.meterkit.query.StatisticsQuery;
import java.util.Optional;

/**
 * The time parameters of a v1 route: {@code start_timestamp} (inclusive), {@code end_timestamp}
 * (exclusive) and, on the volume and duration routes, {@code search_offset} (whole minutes that
 * widen the window on both sides). A start after the end is refused.
 *
 * <p>Immutable and thread-safe.
 *
 * @param window the bounds
 * @param searchOffsetMillis the widening, 0 when not given
 */
record V1Window(TimeWindow window, long searchOffsetMillis) {
  /** The v1 wording of a start after the end, with both instants in the wire form. */
  private static final TimeWindow.Words WORDS =
      (start, end) ->
          start.parameter()
              + " must not be after "
              + end.parameter()
              + ", got: "
              + IsoTime.format(start.millis())
              + " > "
              + IsoTime.format(end.millis());

  static V1Window parse(QueryParameters query) {
    TimeWindow window =
        TimeWindow.UNBOUNDED
            .from(TimeWindow.timestamp(query, "start_timestamp", true))
            .until(TimeWindow.timestamp(query, "end_timestamp", false))
            .ordered(WORDS);
    Optional<String> offset = query.single("search_offset");
    return new V1Window(
        window, offset.isPresent() ? Params.searchOffsetMillis("search_offset", offset.get()) : 0);
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
