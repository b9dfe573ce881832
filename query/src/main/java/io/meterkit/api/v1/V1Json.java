package io.meterkit.api.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.internal.CeilometerTime;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.SampleJson;
import io.meterkit.core.Meter;
import io.meterkit.core.Resource;

/**
 * The JSON shapes of v1 bodies, Ceilometer v1's storage models: resources and meters. Thread-safe:
 * stateless.
 */
final class V1Json {
  private V1Json() {}

  /**
   * {@code resource_id, project_id, user_id, source, first_sample_timestamp, last_sample_timestamp,
   * metadata}.
   */
  static ObjectNode resource(Resource resource) {
    ObjectNode json = Json.object();
    json.put("resource_id", resource.resourceId());
    json.put("project_id", resource.projectId());
    json.put("user_id", resource.userId());
    json.put("source", resource.source());
    json.set("first_sample_timestamp", CeilometerTime.v1Json(resource.firstSampleMillis()));
    json.set("last_sample_timestamp", CeilometerTime.v1Json(resource.lastSampleMillis()));
    json.set("metadata", SampleJson.metadataObject(resource.metadata()));
    return json;
  }

  /**
   * {@code name, type, unit, resource_id, project_id, user_id, source}: one (resource, meter) pair
   * with the owner of its latest sample.
   */
  static ObjectNode meter(Meter meter) {
    ObjectNode json = Json.object();
    json.put("name", meter.name());
    json.put("type", meter.type().wireName());
    json.put("unit", meter.unit());
    json.put("resource_id", meter.resourceId());
    json.put("project_id", meter.projectId());
    json.put("user_id", meter.userId());
    json.put("source", meter.source());
    return json;
  }
}
