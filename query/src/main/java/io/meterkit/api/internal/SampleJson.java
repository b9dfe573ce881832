package io.meterkit.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.core.Sample;
import io.meterkit.store.StoredSample;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the JSON forms of a stored sample in the Ceilometer families; {@link SampleReader} reads
 * the counter form.
 *
 * <ul>
 *   <li>The <b>counter form</b> ({@code GET /v2/meters/{meter}}; v1 events add {@code
 *       message_signature}): {@code counter_name, counter_type, counter_unit, counter_volume,
 *       resource_id, project_id, user_id, source, timestamp, recorded_at, resource_metadata,
 *       message_id}.
 *   <li>The <b>sample form</b> of {@code /v2/samples}: {@code id, meter, type, unit, volume,
 *       user_id, project_id, resource_id, source, timestamp, recorded_at, metadata}.
 * </ul>
 *
 * <p>Volumes are written as floats; metadata as stored (flat strings). Thread-safe: stateless.
 */
public final class SampleJson {
  private SampleJson() {}

  /**
   * Writes a stored sample in the v2 counter form.
   *
   * @param stored the sample
   * @return the JSON object
   */
  public static ObjectNode counterForm(StoredSample stored) {
    return counterForm(stored, CeilometerTime::v2Json);
  }

  /**
   * Writes a stored sample in the v1 event form: the counter form with v1 instants and {@code
   * message_signature} (null: meterkit does not sign samples).
   *
   * @param stored the sample
   * @return the JSON object
   */
  public static ObjectNode v1Event(StoredSample stored) {
    ObjectNode json = counterForm(stored, CeilometerTime::v1Json);
    json.putNull("message_signature");
    return json;
  }

  private static ObjectNode counterForm(StoredSample stored, Function<Long, JsonNode> time) {
    Sample s = stored.sample();
    ObjectNode json = Json.object();
    json.put("counter_name", s.meterName());
    json.put("counter_type", s.type().wireName());
    json.put("counter_unit", s.unit());
    json.put("counter_volume", s.volume());
    json.put("resource_id", s.resourceId());
    json.put("project_id", s.projectId());
    json.put("user_id", s.userId());
    json.put("source", s.source());
    json.set("timestamp", time.apply(s.timestampMillis()));
    json.set("recorded_at", time.apply(stored.recordedAtMillis()));
    json.set("resource_metadata", metadataObject(s.metadata()));
    json.put("message_id", s.messageId());
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
    json.set("timestamp", CeilometerTime.v2Json(s.timestampMillis()));
    json.set("recorded_at", CeilometerTime.v2Json(stored.recordedAtMillis()));
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
