package io.meterkit.api.usage;

import io.meterkit.core.InvalidQueryException;

/**
 * An application usage event of the usage-events API: an AMP application entered a state.
 *
 * <p>Immutable and thread-safe.
 *
 * @param user the AMP user who caused the event, or null
 * @param ampId the AMP instance, or null
 * @param applicationId the application; required
 * @param state the application's new state; required
 * @param timestampMillis when the state changed, epoch milliseconds UTC
 * @param metadataJson the event's free-form metadata as compact JSON text ({@code {}} when none)
 */
public record ApplicationEvent(
    String user,
    String ampId,
    String applicationId,
    String state,
    long timestampMillis,
    String metadataJson) {
  /**
   * Checks the required fields.
   *
   * @throws InvalidQueryException naming a missing field
   */
  public ApplicationEvent {
    Events.require(EventField.APPLICATION_ID.wireName(), applicationId);
    Events.require(EventField.STATE.wireName(), state);
    metadataJson = metadataJson == null ? "{}" : metadataJson;
  }
}
