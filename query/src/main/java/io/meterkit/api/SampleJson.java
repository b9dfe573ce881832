package io.meterkit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterType;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.Sample;
import io.meterkit.store.StoredSample;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON forms of a sample.
 *
 * <ul>
 *   <li>The <b>counter form</b> of Ceilometer v2 ({@code POST /v2/meters/{meter}}, {@code GET
 *       /v2/meters/{meter}}, v1 events, the example server's {@code --data} file): {@code
 *       counter_name, counter_type, counter_unit, counter_volume, message_id, project_id,
 *       recorded_at, resource_id, resource_metadata, source, timestamp, user_id}.
 *   <li>The <b>sample form</b> of {@code /v2/samples}: {@code id, meter, type, unit, volume,
 *       user_id, project_id, resource_id, source, timestamp, recorded_at, metadata}.
 * </ul>
 *
 * <p>Metadata is stored flat: nested objects are flattened to dotted keys ({@code {"properties":
 * {"prop_1": 1}}} becomes {@code properties.prop_1 = "1"}), JSON booleans become {@code
 * true}/{@code false}, numbers their JSON text, arrays their JSON text, and null values are
 * dropped. It is written back flat.
 *
 * <p>Thread-safe: stateless.
 */
public final class SampleJson {
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static final Set<String> COUNTER_FIELDS =
      Set.of(
          "counter_name",
          "counter_type",
          "counter_unit",
          "counter_volume",
          "resource_id",
          "project_id",
          "user_id",
          "source",
          "timestamp",
          "resource_metadata",
          "message_id",
          "recorded_at");

  /** Core field names (leading the core's messages) and their counter-form names. */
  private static final Map<String, String> WIRE_NAMES = wireNames();

  private SampleJson() {}

  /**
   * Reads a sample in the counter form. {@code recorded_at} is accepted and ignored (the store
   * stamps it); any other unknown field is an error.
   *
   * @param node the JSON object
   * @param where names the sample in messages, e.g. {@code samples[2]}
   * @param defaultTimestampMillis the timestamp when the object has none, epoch milliseconds UTC
   * @return the validated sample
   * @throws InvalidSampleException naming {@code where}, the field and the offending value
   */
  public static Sample readCounter(JsonNode node, String where, long defaultTimestampMillis) {
    if (!node.isObject()) {
      throw new InvalidSampleException(
          where + " must be a JSON object, got: " + Json.typeName(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!COUNTER_FIELDS.contains(name)) {
        throw new InvalidSampleException(
            where
                + " has an unknown field "
                + MeterkitException.describe(name)
                + "; known: "
                + String.join(", ", new java.util.TreeSet<>(COUNTER_FIELDS)));
      }
    }
    String type = text(node, where, "counter_type", true);
    MeterType meterType;
    try {
      meterType = MeterType.parse(type);
    } catch (InvalidSampleException e) {
      throw new InvalidSampleException(
          where
              + ".counter_type must be one of gauge, delta, cumulative, got: "
              + MeterkitException.describe(type));
    }
    String timestamp = text(node, where, "timestamp", false);
    long timestampMillis;
    try {
      timestampMillis =
          timestamp == null
              ? defaultTimestampMillis
              : IsoTime.parse(timestamp, where + ".timestamp");
    } catch (MeterkitException e) {
      throw new InvalidSampleException(e.getMessage());
    }
    String name = text(node, where, "counter_name", true);
    String unit = text(node, where, "counter_unit", true);
    double volume = volume(node, where);
    String resourceId = text(node, where, "resource_id", true);
    String projectId = text(node, where, "project_id", false);
    String userId = text(node, where, "user_id", false);
    String source = text(node, where, "source", false);
    Map<String, String> metadata =
        metadata(node.get("resource_metadata"), where + ".resource_metadata");
    String messageId = text(node, where, "message_id", false);
    try {
      return new Sample(
          name,
          meterType,
          unit,
          volume,
          timestampMillis,
          resourceId,
          projectId,
          userId,
          source,
          metadata,
          messageId);
    } catch (InvalidSampleException e) {
      throw new InvalidSampleException(where + "." + wireMessage(e.getMessage()));
    }
  }

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
   * Flattens JSON metadata into dotted string keys.
   *
   * @param node an object, or null / JSON null for none
   * @param where names the field in messages
   * @return the flat metadata, sorted by key
   * @throws InvalidSampleException when {@code node} is not an object
   */
  public static Map<String, String> metadata(JsonNode node, String where) {
    Map<String, String> flat = new TreeMap<>();
    if (node == null || node.isNull()) {
      return flat;
    }
    if (!node.isObject()) {
      throw new InvalidSampleException(
          where + " must be a JSON object, got: " + Json.typeName(node));
    }
    flatten("", node, flat);
    return flat;
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

  private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key + ".", value, flat);
      } else if (value.isArray()) {
        flat.put(key, value.toString());
      } else if (!value.isNull()) {
        flat.put(key, value.asText());
      }
    }
  }

  private static String text(JsonNode node, String where, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new InvalidSampleException(where + "." + field + " is required, got: null");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidSampleException(
          where
              + "."
              + field
              + " must be a string, got: "
              + Json.typeName(value)
              + " "
              + Json.describe(value));
    }
    return value.asText();
  }

  private static double volume(JsonNode node, String where) {
    JsonNode value = node.get("counter_volume");
    String field = where + ".counter_volume";
    if (value == null || value.isNull()) {
      throw new InvalidSampleException(field + " is required, got: null");
    }
    double volume;
    if (value.isNumber()) {
      volume = value.doubleValue();
    } else if (value.isTextual()) {
      try {
        String text = value.asText().trim();
        // Only a plain decimal literal: Double.parseDouble would also take 0x1p3, 1d or NaN.
        if (!DECIMAL.matcher(text).matches()) {
          throw new NumberFormatException(text);
        }
        volume = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new InvalidSampleException(
            field + " must be a number, got: " + MeterkitException.describe(value.asText()));
      }
    } else {
      throw new InvalidSampleException(
          field + " must be a number, got: " + Json.typeName(value) + " " + Json.describe(value));
    }
    if (!Double.isFinite(volume)) {
      throw new InvalidSampleException(
          field + " must be a finite number, got: " + Json.describe(value));
    }
    return volume;
  }

  private static String wireMessage(String coreMessage) {
    for (Map.Entry<String, String> entry : WIRE_NAMES.entrySet()) {
      if (coreMessage.startsWith(entry.getKey() + " ")) {
        return entry.getValue() + coreMessage.substring(entry.getKey().length());
      }
    }
    return coreMessage;
  }

  private static Map<String, String> wireNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (List<String> pair :
        List.of(
            List.of("meterName", "counter_name"),
            List.of("unit", "counter_unit"),
            List.of("volume", "counter_volume"),
            List.of("timestamp", "timestamp"),
            List.of("resourceId", "resource_id"),
            List.of("projectId", "project_id"),
            List.of("userId", "user_id"),
            List.of("source", "source"),
            List.of("messageId", "message_id"),
            List.of("metadata", "resource_metadata"))) {
      names.put(pair.get(0), pair.get(1));
    }
    return names;
  }
}
