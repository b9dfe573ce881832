package io.meterkit.api.usage;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The search criteria of {@code GET /usage/location}: every criterion is optional, given ones must
 * all match (equality), and the time range is half-open.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tenantId the tenant, or null
 * @param fields event field to wanted value
 * @param startMillis the first instant, or {@link Long#MIN_VALUE}
 * @param endMillis the instant after the range, or {@link Long#MAX_VALUE}
 */
public record LocationCriteria(
    String tenantId, Map<EventField, String> fields, long startMillis, long endMillis) {
  /** Copies the fields. */
  public LocationCriteria {
    fields =
        fields.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<EventField, String>(fields));
  }
}
