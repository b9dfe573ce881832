package io.meterkit.api.usage;

/**
 * The metadata of one location event, as listed by {@code /usage/location-metadata}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tenantId the tenant that recorded the event
 * @param timestampMillis the event time, epoch milliseconds UTC
 * @param metadataJson the event's metadata as posted, compact JSON text
 */
public record LocationMetadata(String tenantId, long timestampMillis, String metadataJson) {}
