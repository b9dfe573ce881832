package io.meterkit.api.usage;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How usage events are stored: as samples of dedicated meters of the one {@code MeterStore}, with
 * their ids and state as dimensions and metadata.
 *
 * <ul>
 *   <li>Location events: meter {@value #LOCATION_METER}; resource id = the JSON array {@code
 *       ["<locationId>","<entityId>"]}, so that each (tenant, location, entity) is one series and
 *       therefore one state machine whose equal-time events keep their arrival order; project = the
 *       tenant; metadata = the event's fields ({@code locationId}, {@code entityId}, {@code
 *       entityType}, {@code state}, {@code user}, {@code ampId}, {@code applicationId}) plus
 *       {@value #METADATA_KEY} holding the posted metadata as JSON text.
 *   <li>Application events: meter {@value #APPLICATION_METER}; resource id = the application id;
 *       the rest likewise.
 *   <li>Tenants: meter {@value #TENANT_METER}; resource id = the tenant name; volume 1 when
 *       created, 0 when deleted; the latest sample decides.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class Events {
  static final String LOCATION_METER = "usage.location";
  static final String APPLICATION_METER = "usage.application";
  static final String TENANT_METER = "usage.tenant";
  static final String SOURCE = "usage-events";
  static final String METADATA_KEY = "metadata";
  static final String UNIT = "event";

  private Events() {}

  static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidQueryException(
          field + " is required, got: " + (value == null ? "null" : "''"));
    }
  }

  static String locationResource(String locationId, String entityId) {
    return "[" + jsonString(locationId) + "," + jsonString(entityId) + "]";
  }

  /**
   * Converts a location event.
   *
   * @param where names the event in messages, e.g. {@code body[2]}
   * @throws InvalidSampleException naming {@code where} and the event's field
   */
  static Sample toSample(String tenant, LocationEvent event, String where) {
    Map<String, String> metadata = new TreeMap<>();
    put(metadata, "user", event.user());
    put(metadata, "ampId", event.ampId());
    put(metadata, "applicationId", event.applicationId());
    put(metadata, "entityId", event.entityId());
    put(metadata, "entityType", event.entityType());
    put(metadata, "locationId", event.locationId());
    put(metadata, "state", event.state());
    metadata.put(METADATA_KEY, event.metadataJson());
    String resource = locationResource(event.locationId(), event.entityId());
    if (resource.length() > 255) {
      throw new InvalidSampleException(
          where
              + ".locationId and entityId together must be at most 250 characters, got: "
              + (event.locationId().length() + event.entityId().length()));
    }
    try {
      return sample(LOCATION_METER, tenant, resource, event.timestampMillis(), metadata);
    } catch (InvalidSampleException e) {
      throw inEventTerms(e, where, "locationId and entityId");
    }
  }

  /**
   * Converts an application event.
   *
   * @param where names the event in messages, e.g. {@code body[2]}
   * @throws InvalidSampleException naming {@code where} and the event's field
   */
  static Sample toSample(String tenant, ApplicationEvent event, String where) {
    Map<String, String> metadata = new TreeMap<>();
    put(metadata, "user", event.user());
    put(metadata, "ampId", event.ampId());
    put(metadata, "applicationId", event.applicationId());
    put(metadata, "state", event.state());
    metadata.put(METADATA_KEY, event.metadataJson());
    try {
      return sample(
          APPLICATION_METER, tenant, event.applicationId(), event.timestampMillis(), metadata);
    } catch (InvalidSampleException e) {
      throw inEventTerms(e, where, "applicationId");
    }
  }

  static Sample tenantSample(String tenant, boolean exists, long timestampMillis) {
    try {
      return Sample.builder(TENANT_METER, MeterType.GAUGE, "tenant")
          .volume(exists ? 1 : 0)
          .timestampMillis(timestampMillis)
          .resourceId(tenant)
          .source(SOURCE)
          .build();
    } catch (InvalidSampleException e) {
      throw new InvalidSampleException(e.getMessage().replaceFirst("^resourceId ", "name "));
    }
  }

  /**
   * Restates a sample's validation message in terms of the posted event: the sample checks its
   * {@code resourceId} and {@code metadata value of key 'state'}, the client sent {@code
   * applicationId} and {@code state}.
   */
  private static InvalidSampleException inEventTerms(
      InvalidSampleException e, String where, String resourceField) {
    String message = e.getMessage();
    String metadataValue = "metadata value of key '";
    if (message.startsWith(metadataValue) && message.indexOf("' ", metadataValue.length()) > 0) {
      int end = message.indexOf("' ", metadataValue.length());
      String key = message.substring(metadataValue.length(), end);
      String field = key.equals(METADATA_KEY) ? "metadata, as JSON text," : key;
      return new InvalidSampleException(where + "." + field + message.substring(end + 1));
    }
    if (message.startsWith("resourceId ")) {
      return new InvalidSampleException(
          where + "." + resourceField + message.substring("resourceId".length()));
    }
    return new InvalidSampleException(where + "." + message);
  }

  static List<String> locationFields() {
    return List.of(
        "user", "ampId", "applicationId", "entityId", "entityType", "locationId", "state");
  }

  private static Sample sample(
      String meter,
      String tenant,
      String resource,
      long timestampMillis,
      Map<String, String> metadata) {
    return Sample.builder(meter, MeterType.GAUGE, UNIT)
        .volume(1)
        .timestampMillis(timestampMillis)
        .resourceId(resource)
        .projectId(tenant)
        .source(SOURCE)
        .metadata(metadata)
        .build();
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null) {
      metadata.put(key, value);
    }
  }

  private static String jsonString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
