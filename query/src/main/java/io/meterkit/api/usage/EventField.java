package io.meterkit.api.usage;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The string fields of usage events: their JSON member names, the query parameter that filters on
 * each ({@code GET /usage/location}), and which events carry them.
 *
 * <p>Thread-safe: an enum.
 */
public enum EventField {
  /** The AMP user who caused the event; optional. */
  USER("user", "user", LocationEvent::user),
  /** The AMP instance; optional. */
  AMP_ID("ampId", "ampId", LocationEvent::ampId),
  /** The application; required on application events, optional on location events. */
  APPLICATION_ID("applicationId", "applicationId", LocationEvent::applicationId),
  /** The entity of a location event; required there. */
  ENTITY_ID("entityId", "entityId", LocationEvent::entityId),
  /** The entity's type; optional. */
  ENTITY_TYPE("entityType", "entityType", LocationEvent::entityType),
  /** The location of a location event; required there; filtered by {@code locId}. */
  LOCATION_ID("locationId", "locId", LocationEvent::locationId),
  /** The new state, e.g. {@code RUNNING}; required. */
  STATE("state", "state", LocationEvent::state);

  /** The fields of a location event, in JSON order. */
  public static final Set<EventField> LOCATION = EnumSet.allOf(EventField.class);

  /** The fields of a location event in the order the search parameters are documented. */
  public static final List<EventField> SEARCH_ORDER =
      List.of(AMP_ID, APPLICATION_ID, ENTITY_ID, LOCATION_ID, USER, ENTITY_TYPE, STATE);

  /** The fields of an application event, in JSON order. */
  public static final Set<EventField> APPLICATION = EnumSet.of(USER, AMP_ID, APPLICATION_ID, STATE);

  private final String wireName;
  private final String parameter;
  private final Function<LocationEvent, String> ofLocation;

  EventField(String wireName, String parameter, Function<LocationEvent, String> ofLocation) {
    this.wireName = wireName;
    this.parameter = parameter;
    this.ofLocation = ofLocation;
  }

  /**
   * Returns the JSON member name, also the metadata key the field is stored under.
   *
   * @return e.g. {@code entityType}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the query parameter of {@code GET /usage/location} that filters on the field.
   *
   * @return e.g. {@code locId} for {@link #LOCATION_ID}
   */
  public String parameter() {
    return parameter;
  }

  /**
   * Returns the field's value in a location event.
   *
   * @param event the event
   * @return the value, or null when the event has none
   */
  public String of(LocationEvent event) {
    return ofLocation.apply(event);
  }

  /**
   * Returns the field's value in an application event.
   *
   * @param event the event
   * @return the value, or null when the event has none or the field is not an application field
   */
  public String of(ApplicationEvent event) {
    switch (this) {
      case USER:
        return event.user();
      case AMP_ID:
        return event.ampId();
      case APPLICATION_ID:
        return event.applicationId();
      case STATE:
        return event.state();
      default:
        return null;
    }
  }
}
