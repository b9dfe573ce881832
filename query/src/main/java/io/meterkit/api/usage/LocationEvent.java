package io.meterkit.api.usage;

import io.meterkit.core.InvalidQueryException;

/**
 * A location usage event of the usage-events API: an entity of an AMP application entered a state
 * at a location.
 *
 * <p>Immutable and thread-safe.
 *
 * @param user the AMP user who caused the event, or null
 * @param ampId the AMP instance, or null
 * @param applicationId the application, or null
 * @param entityId the entity; required
 * @param entityType the entity's type, or null
 * @param locationId the location; required
 * @param state the entity's new state, e.g. {@code RUNNING}; required
 * @param timestampMillis when the state changed, epoch milliseconds UTC
 * @param metadataJson the event's free-form metadata as compact JSON text ({@code {}} when none)
 */
public record LocationEvent(
    String user,
    String ampId,
    String applicationId,
    String entityId,
    String entityType,
    String locationId,
    String state,
    long timestampMillis,
    String metadataJson) {
  /**
   * Checks the required fields.
   *
   * @throws InvalidQueryException naming a missing field
   */
  public LocationEvent {
    Events.require(EventField.ENTITY_ID.wireName(), entityId);
    Events.require(EventField.LOCATION_ID.wireName(), locationId);
    Events.require(EventField.STATE.wireName(), state);
    metadataJson = metadataJson == null ? "{}" : metadataJson;
  }
}
