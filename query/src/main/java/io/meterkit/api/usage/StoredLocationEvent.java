package io.meterkit.api.usage;

/**
 * A stored location event and the tenant it was recorded for.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tenantId the tenant
 * @param event the event as posted
 */
public record StoredLocationEvent(String tenantId, LocationEvent event) {}
