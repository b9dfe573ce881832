package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A time-weighted query over a gauge: the integral of each group's level over fixed slots.
 *
 * <p>A series' level at an instant is the volume of its latest row at or before that instant (rows
 * at equal timestamps apply in arrival order); before its first row it has no level, and after its
 * last row the level holds until {@link #holdUntilMillis()} (typically "now"). A group's level is
 * the sum of its series' levels. The window is cut into slots {@code [from + k * slot, from + (k +
 * 1) * slot)}; each result row holds, for one (group, slot), the integral of the level over the
 * slot in value-milliseconds, so the slot's time-weighted average is {@code integral / slot}. Rows
 * the filter rejects are ignored.
 *
 * <p>Immutable and thread-safe.
 *
 * @param meter the gauge meter
 * @param window the half-open window; slots are clipped to it
 * @param filter the sample filter
 * @param groupBy the group-by fields (may be empty)
 * @param slotMillis the slot length, > 0
 * @param holdUntilMillis the instant until which a series' last level holds
 */
public record TimeWeightedQuery(
    String meter,
    TimeRange window,
    Filter filter,
    List<GroupBy> groupBy,
    long slotMillis,
    long holdUntilMillis) {
  /**
   * Checks and copies the components.
   *
   * @throws InvalidQueryException when the meter is blank, the slot is not positive, or the window
   *     holds more than 2<sup>31</sup> slots or is unbounded
   */
  public TimeWeightedQuery {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(filter, "filter");
    groupBy = List.copyOf(groupBy);
    if (meter == null || meter.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(QueryField.METER, Rule.REQUIRED, meter), "meter is required");
    }
    if (slotMillis <= 0) {
      throw new InvalidQueryException(
          Violation.of(QueryField.SLOT, Rule.TOO_SMALL, slotMillis, 1),
          "slotMillis must be > 0, got: " + slotMillis);
    }
    if (window.fromMillis() == Long.MIN_VALUE || window.toMillis() == Long.MAX_VALUE) {
      throw new InvalidQueryException(
          Violation.of(QueryField.WINDOW, Rule.UNBOUNDED, window.toString()),
          "a time-weighted window must be bounded, got: " + window);
    }
    if ((window.toMillis() - window.fromMillis()) / slotMillis >= Integer.MAX_VALUE) {
      throw new InvalidQueryException(
          Violation.of(QueryField.WINDOW, Rule.TOO_WIDE, window.toString(), Integer.MAX_VALUE),
          "window " + window + " holds too many slots of " + slotMillis + " ms");
    }
  }
}
