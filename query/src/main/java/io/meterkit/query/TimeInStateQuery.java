package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A time-in-state query: how long the series of a meter spent in a set of states within a window,
 * summed per group.
 *
 * <p>Each series (one resource, project, user and source) is one state machine. Its state at an
 * instant is the value of metadata key {@link #stateKey()} of its latest row at or before that
 * instant (rows at equal timestamps apply in arrival order). The series is <em>active</em> while
 * that state is one of {@link #activeStates()}; an active state followed by another active state
 * stays one period. Periods are clipped to the half-open {@link #window()}: a period that started
 * before the window counts from its start, a period still open counts up to its end. A period
 * belongs to the group of the row that opened it (for one opened before the window, the last row
 * before the window). Rows the filter rejects are ignored, as if never recorded.
 *
 * <p>Immutable and thread-safe.
 *
 * @param meter the meter
 * @param window the half-open window
 * @param filter the sample filter
 * @param groupBy the group-by fields (may be empty: one total)
 * @param stateKey the metadata key holding the state
 * @param activeStates the states that count as active
 */
public record TimeInStateQuery(
    String meter,
    TimeRange window,
    Filter filter,
    List<GroupBy> groupBy,
    String stateKey,
    Set<String> activeStates) {
  /**
   * Checks and copies the components.
   *
   * @throws InvalidQueryException when the meter or state key is blank or no state is active
   */
  public TimeInStateQuery {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(filter, "filter");
    groupBy = List.copyOf(groupBy);
    activeStates = Set.copyOf(activeStates);
    if (meter == null || meter.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(QueryField.METER, Rule.REQUIRED, meter), "meter is required");
    }
    if (stateKey == null || stateKey.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(QueryField.STATE_KEY, Rule.REQUIRED, stateKey), "stateKey is required");
    }
    if (activeStates.isEmpty()) {
      throw new InvalidQueryException(
          Violation.of(QueryField.ACTIVE_STATES, Rule.EMPTY, List.of()),
          "activeStates must name at least one state");
    }
  }
}
