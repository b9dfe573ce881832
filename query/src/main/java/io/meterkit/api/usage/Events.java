package io.meterkit.api.usage;

import io.meterkit.core.Field;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.Limits;
import io.meterkit.core.MetadataValue;
import io.meterkit.core.MeterType;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.SampleField;
import io.meterkit.core.Violation;
import io.meterkit.store.StoredSample;
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
 *       tenant; metadata = the event's {@link EventField}s plus {@value #METADATA_KEY} holding the
 *       posted metadata as JSON text.
 *   <li>Application events: meter {@value #APPLICATION_METER}; resource id = the application id;
 *       the rest likewise.
 *   <li>Tenants: meter {@value #TENANT_METER}; resource id = the tenant name; volume {@value
 *       #TENANT_EXISTS} when created, 0 when deleted; the latest sample decides.
 * </ul>
 *
 * <p>A sample's refusal is reworded in the event's terms from its facts: its resource id is the
 * event's {@code locationId and entityId} (or {@code applicationId}), its metadata values are the
 * event's fields. Thread-safe: stateless.
 */
final class Events {
  static final String LOCATION_METER = "usage.location";
  static final String APPLICATION_METER = "usage.application";
  static final String TENANT_METER = "usage.tenant";
  static final String SOURCE = "usage-events";
  static final String METADATA_KEY = "metadata";
  static final String UNIT = "event";

  /** The volume of a tenant sample that says the tenant exists. */
  static final int TENANT_EXISTS = 1;

  /** The characters the resource id of a location event adds to its two ids: {@code ["",""]}. */
  static final int LOCATION_WRAPPER_LENGTH = 7;

  /**
   * The longest locationId plus entityId, in characters once quotes and backslashes are escaped.
   */
  static final int MAX_LOCATION_IDS_LENGTH = Limits.MAX_NAME_LENGTH - LOCATION_WRAPPER_LENGTH;

  private Events() {}

  static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(new RequestField(field), Rule.REQUIRED, value),
          field + " is required, got: " + (value == null ? "null" : "''"));
    }
  }

  /** Returns whether the latest tenant sample of a name says the tenant exists. */
  static boolean exists(StoredSample latestTenantSample) {
    return latestTenantSample != null && latestTenantSample.sample().volume() == TENANT_EXISTS;
  }

  static String locationResource(String locationId, String entityId) {
    return "[" + jsonString(locationId) + "," + jsonString(entityId) + "]";
  }

  /**
   * Converts a location event.
   *
   * @param index the event's position in its batch
   * @param where names the event in messages, e.g. {@code body[2]}
   * @throws InvalidSampleException naming {@code where} and the event's field
   */
  static Sample toSample(String tenant, LocationEvent event, int index, String where) {
    Map<String, String> metadata = new TreeMap<>();
    for (EventField field : EventField.LOCATION) {
      put(metadata, field, field.of(event));
    }
    metadata.put(METADATA_KEY, event.metadataJson());
    String resource = locationResource(event.locationId(), event.entityId());
    if (resource.length() > Limits.MAX_NAME_LENGTH) {
      int length = resource.length() - LOCATION_WRAPPER_LENGTH;
      throw new InvalidSampleException(
          Violation.of(
                  new RequestField("locationId and entityId"),
                  Rule.TOO_LONG,
                  event.locationId() + event.entityId(),
                  MAX_LOCATION_IDS_LENGTH)
              .at(index),
          where
              + ".locationId and entityId together must be at most "
              + MAX_LOCATION_IDS_LENGTH
              + " characters (a quote or backslash counts twice), got: "
              + length);
    }
    try {
      return sample(LOCATION_METER, tenant, resource, event.timestampMillis(), metadata);
    } catch (InvalidSampleException e) {
      throw inEventTerms(e, index, where, "locationId and entityId");
    }
  }

  /**
   * Converts an application event.
   *
   * @param index the event's position in its batch
   * @param where names the event in messages, e.g. {@code body[2]}
   * @throws InvalidSampleException naming {@code where} and the event's field
   */
  static Sample toSample(String tenant, ApplicationEvent event, int index, String where) {
    Map<String, String> metadata = new TreeMap<>();
    for (EventField field : EventField.APPLICATION) {
      put(metadata, field, field.of(event));
    }
    metadata.put(METADATA_KEY, event.metadataJson());
    try {
      return sample(
          APPLICATION_METER, tenant, event.applicationId(), event.timestampMillis(), metadata);
    } catch (InvalidSampleException e) {
      throw inEventTerms(e, index, where, "applicationId");
    }
  }

  /** The sample that records a tenant's creation or deletion; a bad name is refused as "name". */
  static Sample tenantSample(String tenant, boolean exists, long timestampMillis) {
    try {
      return Sample.builder(TENANT_METER, MeterType.GAUGE, "tenant")
          .volume(exists ? TENANT_EXISTS : 0)
          .timestampMillis(timestampMillis)
          .resourceId(tenant)
          .source(SOURCE)
          .build();
    } catch (InvalidSampleException e) {
      Violation violation = e.violation();
      throw violation.field() == SampleField.RESOURCE_ID
          ? new InvalidSampleException(violation, violation.messageFor("name"))
          : e;
    }
  }

  /**
   * Words a sample's refusal in terms of the posted event: the sample checks its resource id and
   * its metadata values, the client sent {@code applicationId} and {@code state}.
   */
  private static InvalidSampleException inEventTerms(
      InvalidSampleException e, int index, String where, String resourceField) {
    Violation violation = e.violation().at(index);
    Field field = violation.field();
    String name;
    if (field instanceof MetadataValue value) {
      name = value.key().equals(METADATA_KEY) ? "metadata, as JSON text," : value.key();
    } else if (field == SampleField.RESOURCE_ID) {
      name = resourceField;
    } else {
      name = field.label();
    }
    return new InvalidSampleException(violation, violation.messageFor(where + "." + name));
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

  private static void put(Map<String, String> metadata, EventField field, String value) {
    if (value != null) {
      metadata.put(field.wireName(), value);
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
