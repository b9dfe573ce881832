package io.meterkit.core;

/**
 * The settings of an engine query and of a {@link TimeRange}, as the facts of a {@link Violation}
 * name them.
 *
 * <p>Thread-safe: an enum.
 */
public enum QueryField implements Field {
  /** The queried meter. */
  METER("meter"),
  /** A time range as a whole, or its start relative to its end. */
  TIME_RANGE("time range"),
  /** The start bound of a statistics query relative to its end bound. */
  BOUNDS("start bound"),
  /** The widening of a range on both sides ({@code search_offset}). */
  SEARCH_OFFSET("search offset"),
  /** The widening margin of {@link TimeRange#widen}. */
  MARGIN("marginMillis"),
  /** The statistics period. */
  PERIOD("period"),
  /** A group-by field. */
  GROUP_BY("group-by"),
  /** The function of an aggregate. */
  AGGREGATE_FUNCTION("aggregate.func"),
  /** The parameter of an aggregate (the dimension cardinality counts). */
  AGGREGATE_PARAMETER("aggregate.param"),
  /** A dimension named by its wire name. */
  DIMENSION("field"),
  /** A metadata key of a filter or group-by. */
  METADATA_KEY("metadata key"),
  /** A metadata value of a filter, checked against its value type. */
  METADATA_VALUE("metadata value"),
  /** The value type of a metadata filter ({@code q.type}). */
  VALUE_TYPE("q.type"),
  /** The most samples a sample query returns. */
  LIMIT("limit"),
  /** The slot width of a time-weighted query. */
  SLOT("slotMillis"),
  /** The window of a time-weighted or time-in-state query. */
  WINDOW("window"),
  /** The metadata key holding the state of a time-in-state query. */
  STATE_KEY("stateKey"),
  /** The states a time-in-state query counts as active. */
  ACTIVE_STATES("activeStates");

  private final String label;

  QueryField(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }
}
