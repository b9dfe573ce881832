package io.meterkit.api.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.api.internal.Json;
import java.io.IOException;
import java.util.List;

/**
 * What {@code POST /v2/meters/{meter}} answers for one sample, in Ceilometer's attribute order:
 * {@code counter_name, counter_type, counter_unit, counter_volume, resource_id, project_id,
 * user_id, source, timestamp}, {@code recorded_at} only when sent, {@code resource_metadata} as
 * sent, then the {@code message_id} it was stored under. Written straight to a generator, without
 * building a tree.
 *
 * <p>Immutable and thread-safe (the metadata tree is never changed once read).
 *
 * @param name {@code counter_name}
 * @param type {@code counter_type}, its wire name
 * @param unit {@code counter_unit}
 * @param volume {@code counter_volume}
 * @param resourceId {@code resource_id}
 * @param projectId {@code project_id}, or null
 * @param userId {@code user_id}, or null
 * @param source {@code source}
 * @param timestamp {@code timestamp}, as echoed
 * @param recordedAt {@code recorded_at} as echoed, or null when not sent
 * @param metadata {@code resource_metadata}: a tree, or a flat list of key, value, key, value...
 *     (string values), as sent
 */
record SampleEcho(
    String name,
    String type,
    String unit,
    double volume,
    String resourceId,
    String projectId,
    String userId,
    String source,
    String timestamp,
    String recordedAt,
    Object metadata) {

  /** Checks that the metadata is a tree or a flat list of strings. */
  SampleEcho {
    if (!(metadata instanceof JsonNode || metadata instanceof List)) {
      throw new IllegalArgumentException("metadata must be a JSON tree or a list of strings");
    }
  }

  /**
   * Writes the echo as one JSON object.
   *
   * @param json the generator, inside an array
   * @param messageId the id the sample was stored under
   * @throws IOException when the generator cannot write
   */
  void write(JsonGenerator json, String messageId) throws IOException {
    json.writeStartObject();
    json.writeStringField("counter_name", name);
    json.writeStringField("counter_type", type);
    json.writeStringField("counter_unit", unit);
    json.writeNumberField("counter_volume", volume);
    json.writeStringField("resource_id", resourceId);
    json.writeStringField("project_id", projectId);
    json.writeStringField("user_id", userId);
    json.writeStringField("source", source);
    json.writeStringField("timestamp", timestamp);
    if (recordedAt != null) {
      json.writeStringField("recorded_at", recordedAt);
    }
    json.writeFieldName("resource_metadata");
    if (metadata instanceof JsonNode tree) {
      Json.writeTree(json, tree);
    } else {
      List<?> pairs = (List<?>) metadata;
      json.writeStartObject();
      for (int i = 0; i < pairs.size(); i += 2) {
        json.writeStringField((String) pairs.get(i), (String) pairs.get(i + 1));
      }
      json.writeEndObject();
    }
    json.writeStringField("message_id", messageId);
    json.writeEndObject();
  }
}
