package io.meterkit.api.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.internal.Json;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Reads and writes the JSON bodies of the usage-events API.
 *
 * <p>Location event: {@code {"user", "ampId", "applicationId", "entityId", "entityType",
 * "locationId", "state", "timestamp", "metadata": {...}}}; application event: {@code {"user",
 * "ampId", "applicationId", "state", "timestamp", "metadata": {...}}}. Ids and states are strings;
 * the timestamp is {@code yyyy-MM-dd'T'HH:mm:ssX} (any ISO-8601 form is accepted; without an offset
 * it is UTC); metadata is an object of arbitrary key/value data, kept exactly as posted. Unknown
 * fields and wrong types are refused with a message naming them. Thread-safe: stateless.
 */
final class EventJson {
  private static final String TIMESTAMP = "timestamp";
  private static final Set<String> LOCATION_FIELDS = members(EventField.LOCATION);
  private static final Set<String> APPLICATION_FIELDS = members(EventField.APPLICATION);

  /** The longest number, in characters, that {@link Json} reads. */
  private static final int MAX_NUMBER_LENGTH = 1000;

  private EventJson() {}

  static LocationEvent location(JsonNode node, String where) {
    checkObject(node, where, LOCATION_FIELDS);
    return new LocationEvent(
        text(node, EventField.USER, where),
        text(node, EventField.AMP_ID, where),
        text(node, EventField.APPLICATION_ID, where),
        required(node, EventField.ENTITY_ID.wireName(), where),
        text(node, EventField.ENTITY_TYPE, where),
        required(node, EventField.LOCATION_ID.wireName(), where),
        required(node, EventField.STATE.wireName(), where),
        timestamp(node, where),
        metadata(node, where));
  }

  static ApplicationEvent application(JsonNode node, String where) {
    checkObject(node, where, APPLICATION_FIELDS);
    return new ApplicationEvent(
        text(node, EventField.USER, where),
        text(node, EventField.AMP_ID, where),
        required(node, EventField.APPLICATION_ID.wireName(), where),
        required(node, EventField.STATE.wireName(), where),
        timestamp(node, where),
        metadata(node, where));
  }

  /** Reads a single object ({@code many == false}) or a non-empty array of objects. */
  static <T> List<T> events(JsonNode body, boolean many, BiFunction<JsonNode, String, T> one) {
    if (!many) {
      return List.of(one.apply(body, "body"));
    }
    if (!body.isArray()) {
      throw new InvalidQueryException(
          Violation.of(Json.BODY, Rule.WRONG_TYPE, body.toString(), "array"),
          "body must be a JSON array of events, got: " + Json.typeName(body));
    }
    if (body.isEmpty()) {
      throw new InvalidQueryException(
          Violation.of(Json.BODY, Rule.EMPTY, "[]"), "body must hold at least one event, got: []");
    }
    List<T> events = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      events.add(one.apply(body.get(i), "body[" + i + "]"));
    }
    return events;
  }

  static ObjectNode write(String tenant, LocationEvent event) {
    ObjectNode node = Json.object();
    node.put("tenantId", tenant);
    for (EventField field : EventField.LOCATION) {
      putIfPresent(node, field.wireName(), field.of(event));
    }
    node.put(TIMESTAMP, IsoTime.formatUtc(event.timestampMillis()));
    node.set("metadata", Json.read(event.metadataJson(), "metadata"));
    return node;
  }

  static ObjectNode write(String tenant, ApplicationEvent event) {
    ObjectNode node = Json.object();
    node.put("tenantId", tenant);
    for (EventField field : EventField.APPLICATION) {
      putIfPresent(node, field.wireName(), field.of(event));
    }
    node.put(TIMESTAMP, IsoTime.formatUtc(event.timestampMillis()));
    node.set("metadata", Json.read(event.metadataJson(), "metadata"));
    return node;
  }

  private static void checkObject(JsonNode node, String where, Set<String> fields) {
    if (node == null || !node.isObject()) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField(where),
              Rule.WRONG_TYPE,
              node == null ? null : node.toString(),
              "object"),
          where
              + " must be a JSON object, got: "
              + (node == null ? "nothing" : Json.typeName(node)));
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!fields.contains(field.getKey())) {
        throw new InvalidQueryException(
            new Violation(
                new RequestField(where), Rule.UNKNOWN, field.getKey(), List.copyOf(fields), null),
            where
                + " has unknown field "
                + MeterkitException.describe(field.getKey())
                + "; known fields: "
                + String.join(", ", fields));
      }
    }
  }

  private static String required(JsonNode node, String field, String where) {
    String value = text(node, field, where);
    if (value == null || value.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(new RequestField(field), Rule.REQUIRED, value),
          where + "." + field + " is required");
    }
    return value;
  }

  private static String text(JsonNode node, EventField field, String where) {
    return text(node, field.wireName(), where);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidQueryException(
          Violation.of(new RequestField(field), Rule.WRONG_TYPE, value.toString(), "string"),
          where + "." + field + " must be a string, got: " + Json.typeName(value));
    }
    return value.textValue();
  }

  private static long timestamp(JsonNode node, String where) {
    String text = required(node, TIMESTAMP, where);
    return IsoTime.parse(text, where + "." + TIMESTAMP);
  }

  private static String metadata(JsonNode node, String where) {
    JsonNode metadata = node.get("metadata");
    if (metadata == null || metadata.isNull()) {
      return "{}";
    }
    if (!metadata.isObject()) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("metadata"), Rule.WRONG_TYPE, metadata.toString(), "object"),
          where + ".metadata must be an object, got: " + Json.typeName(metadata));
    }
    checkNumbers(metadata, where + ".metadata");
    return new String(Json.write(metadata), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Metadata is stored as JSON text written by {@link Json}, which writes decimals in full (no
   * exponent) and reads numbers of at most {@value #MAX_NUMBER_LENGTH} characters: 1e1001 would be
   * stored as 1002 digits that cannot be read back, and 1e10000 cannot even be written. Such
   * numbers are refused up front.
   */
  private static void checkNumbers(JsonNode node, String path) {
    if (node.isBigDecimal() && writtenLength(node.decimalValue()) > MAX_NUMBER_LENGTH) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField(path), Rule.TOO_LONG, node.decimalValue(), MAX_NUMBER_LENGTH),
          path
              + " must be a number of at most "
              + MAX_NUMBER_LENGTH
              + " characters when written without exponent, got: "
              + MeterkitException.describe(node.decimalValue()));
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        checkNumbers(field.getValue(), path + "." + field.getKey());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkNumbers(node.get(i), path + "[" + i + "]");
      }
    }
  }

  // The length of toPlainString(), computed without building it (1e1000000000 would be a GB).
  private static long writtenLength(BigDecimal value) {
    long precision = value.precision();
    long scale = value.scale();
    long digits = scale <= 0 ? precision - scale : Math.max(precision, scale + 1);
    return digits + (scale > 0 ? 1 : 0) + (value.signum() < 0 ? 1 : 0);
  }

  private static Set<String> members(Set<EventField> fields) {
    Set<String> members = new TreeSet<>(Set.of(TIMESTAMP, "metadata"));
    for (EventField field : fields) {
      members.add(field.wireName());
    }
    return Collections.unmodifiableSet(members);
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
