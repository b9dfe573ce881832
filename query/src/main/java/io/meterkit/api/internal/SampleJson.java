package io.meterkit.api.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.core.Sample;
import io.meterkit.store.StoredSample;
import java.util.Map;

/**
 * Writes the JSON forms of a stored sample; {@link SampleReader} reads the counter form.
 *
 * <ul>
 *   <li>The <b>counter form</b> of Ceilometer v2 ({@code GET /v2/meters/{meter}}, the answer of
 *       {@code POST /v2/meters/{meter}}, v1 events): {@code counter_name, counter_type,
 *       counter_unit, counter_volume, message_id, project_id, recorded_at, resource_id,
 *       resource_metadata, source, timestamp, user_id}.
 *   <li>The <b>sample form</b> of {@code /v2/samples}: {@code id, meter, type, unit, volume,
 *       user_id, project_id, resource_id, source, timestamp, recorded_at, metadata}.
 * </ul>
 *
 * <p>Metadata is written flat, as stored. Thread-safe: stateless.
 */
public final class SampleJson {
  private SampleJson() {}

  /**
   * Writes a stored sample in the counter form.
   *
   * @param stored the sample
   * @return the JSON object
   */
  public static ObjectNode counterForm(StoredSample stored) {
    Sample s = stored.sample();
    ObjectNode json = Json.object();
    json.put("counter_name", s.meterName());
    json.put("counter_type", s.type().wireName());
    json.put("counter_unit", s.unit());
    json.put("counter_volume", s.volume());
    json.put("message_id", s.messageId());
    json.put("project_id", s.projectId());
    json.set("recorded_at", Json.timestamp(stored.recordedAtMillis()));
    json.put("resource_id", s.resourceId());
    json.set("resource_metadata", metadataObject(s.metadata()));
    json.put("source", s.source());
    json.set("timestamp", Json.timestamp(s.timestampMillis()));
    json.put("user_id", s.userId());
    return json;
  }

  /**
   * Writes a stored sample in the sample form of {@code /v2/samples}.
   *
   * @param stored the sample
   * @return the JSON object
   */
  public static ObjectNode sampleForm(StoredSample stored) {
    Sample s = stored.sample();
    ObjectNode json = Json.object();
    json.put("id", s.messageId());
    json.put("meter", s.meterName());
    json.put("type", s.type().wireName());
    json.put("unit", s.unit());
    json.put("volume", s.volume());
    json.put("user_id", s.userId());
    json.put("project_id", s.projectId());
    json.put("resource_id", s.resourceId());
    json.put("source", s.source());
    json.set("timestamp", Json.timestamp(s.timestampMillis()));
    json.set("recorded_at", Json.timestamp(stored.recordedAtMillis()));
    json.set("metadata", metadataObject(s.metadata()));
    return json;
  }

  /**
   * Writes flat metadata as a JSON object of strings.
   *
   * @param metadata flat metadata
   * @return the object
   */
  public static ObjectNode metadataObject(Map<String, String> metadata) {
    ObjectNode json = Json.object();
    metadata.forEach(json::put);
    return json;
  }
}
