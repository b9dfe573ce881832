package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.Principal;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.PyRepr;
import io.meterkit.api.internal.SampleReader;
import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.SampleField;
import io.meterkit.core.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /v2/meters/{meter}} as Ceilometer did, refusing with its facts:
 *
 * <ol>
 *   <li>The body must be a non-empty JSON array ({@code Samples should be included in request body}
 *       for none, {@code null} or {@code []}).
 *   <li>Every sample is decoded first: unknown attributes, then each attribute in declaration order
 *       ({@code source, counter_name, counter_type, counter_unit, counter_volume, user_id,
 *       project_id, resource_id, timestamp, recorded_at, resource_metadata, message_id}): text
 *       attributes must be strings, {@code counter_volume} a number or numeric string, timestamps
 *       readable ({@link PostedTime}), {@code resource_metadata} an object (nested values are
 *       accepted and flattened); a missing mandatory attribute is {@code Mandatory field missing.}.
 *   <li>Then, sample by sample: {@code counter_name} must be the path's meter, {@code counter_type}
 *       gauge, delta or cumulative; {@code user_id}, {@code project_id} default to the caller's,
 *       {@code timestamp} to now; {@code source} becomes {@code "{project_id}:{source or
 *       openstack}"}; a member may post for its own project only.
 * </ol>
 *
 * <p>Each sample comes with its echo, the object Ceilometer answers: the attributes as accepted,
 * {@code resource_metadata} as sent, {@code recorded_at} only when sent; its {@code message_id} is
 * added once stored. Thread-safe: stateless.
 */
final class PostedSamples {
  /** The attributes in WSME's declaration order. */
  static final List<String> ATTRIBUTES =
      List.of(
          "source",
          "counter_name",
          "counter_type",
          "counter_unit",
          "counter_volume",
          "user_id",
          "project_id",
          "resource_id",
          "timestamp",
          "recorded_at",
          "resource_metadata",
          "message_id");

  static final List<String> MANDATORY =
      List.of("counter_name", "counter_type", "counter_unit", "counter_volume", "resource_id");

  private static final Pattern FLOAT =
      Pattern.compile(
          "[+-]?(([0-9]+(_[0-9]+)*)?\\.?[0-9]+(_[0-9]+)*([eE][+-]?[0-9]+)?|[0-9]+\\.|nan|inf|infinity)",
          Pattern.CASE_INSENSITIVE);

  private static final RequestField SAMPLES = new RequestField("samples");

  /** One posted sample and its echo. */
  record Posted(Sample sample, SampleEcho echo) {}

  private PostedSamples() {}

  static List<Posted> read(ApiRequest request, String meter, Principal caller, long nowMillis) {
    List<Decoded> decoded = StreamedSamples.decode(request.bodyStream());
    if (decoded == null) {
      decoded = decodeTree(request);
    }
    List<Posted> posted = new ArrayList<>(decoded.size());
    for (int i = 0; i < decoded.size(); i++) {
      posted.add(complete(decoded.get(i), i, meter, caller, nowMillis));
    }
    return posted;
  }

  /**
   * Decodes the body through Jackson's tree: the reference for every body, and the reader of those
   * {@link StreamedSamples} leaves to it (anything unusual, every mistake).
   */
  static List<Decoded> decodeTree(ApiRequest request) {
    String text = request.bodyText();
    if (text.isBlank()) {
      throw new InvalidSampleException(
          Violation.of(SAMPLES, Rule.REQUIRED, null), "samples must be included in the body");
    }
    JsonNode body = Json.read(text, "body");
    if (body.isNull() || (body.isArray() && body.isEmpty())) {
      throw new InvalidSampleException(
          Violation.of(SAMPLES, Rule.EMPTY, text), "samples must be included in the body");
    }
    if (!body.isArray()) {
      throw conversion(body, "Value not a valid list: " + PyRepr.str(body));
    }
    List<Decoded> decoded = new ArrayList<>(body.size());
    for (JsonNode item : body) {
      decoded.add(decode(body, item));
    }
    return decoded;
  }

  /**
   * A sample's attributes after decoding, before the rules and defaults.
   *
   * @param texts the text attributes by name ({@code source}, {@code counter_name}, ...) as sent
   * @param volume {@code counter_volume}
   * @param timestamp {@code timestamp}, or null when not sent
   * @param recordedAt {@code recorded_at}, or null when not sent
   * @param metadata {@code resource_metadata} flattened, as it is stored
   * @param metadataEcho {@code resource_metadata} as sent, see {@link SampleEcho#metadata}
   */
  record Decoded(
      Map<String, String> texts,
      double volume,
      PostedTime timestamp,
      PostedTime recordedAt,
      Map<String, String> metadata,
      Object metadataEcho) {}

  private static Decoded decode(JsonNode body, JsonNode item) {
    if (!item.isObject()) {
      throw conversion(body, "Value not a valid dict: " + PyRepr.str(item));
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!ATTRIBUTES.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidSampleException(
          new Violation(SampleField.SAMPLE, Rule.UNKNOWN, List.copyOf(unknown), ATTRIBUTES, null),
          "unknown attributes " + unknown);
    }
    Map<String, String> texts = new TreeMap<>();
    double volume = 0;
    PostedTime timestamp = null;
    PostedTime recordedAt = null;
    JsonNode metadata = null;
    for (String name : ATTRIBUTES) {
      JsonNode value = item.get(name);
      if (value == null || value.isNull()) {
        if (MANDATORY.contains(name)) {
          throw new InvalidSampleException(
              Violation.of(field(name), Rule.REQUIRED, null), name + " is missing");
        }
        continue;
      }
      switch (name) {
        case "counter_volume":
          volume = volume(body, value);
          break;
        case "timestamp":
          timestamp = time(body, name, value);
          break;
        case "recorded_at":
          recordedAt = time(body, name, value);
          break;
        case "resource_metadata":
          if (!value.isObject()) {
            throw conversion(body, "Value not a valid dict: " + PyRepr.str(value));
          }
          metadata = value;
          break;
        default:
          texts.put(name, text(name, value));
      }
    }
    Map<String, String> flat = new TreeMap<>();
    if (metadata != null) {
      SampleReader.flatten("", metadata, flat);
    }
    return new Decoded(
        texts, volume, timestamp, recordedAt, flat, metadata == null ? Json.object() : metadata);
  }

  private static Posted complete(
      Decoded d, int index, String meter, Principal caller, long nowMillis) {
    String name = d.texts.get("counter_name");
    if (!name.equals(meter)) {
      throw refuse(
          Violation.of(SampleField.METER_NAME, Rule.MISMATCH, name, meter, "path").at(index),
          "counter_name must be " + meter);
    }
    MeterType type;
    try {
      type = MeterType.parse(d.texts.get("counter_type"));
    } catch (InvalidSampleException e) {
      throw refuse(e.violation().at(index), e.getMessage());
    }
    String userId = d.texts.getOrDefault("user_id", caller.userId());
    String projectId = d.texts.getOrDefault("project_id", caller.projectId());
    PostedTime timestamp = d.timestamp != null ? d.timestamp : PostedTime.now(nowMillis);
    String source =
        (projectId == null ? "None" : projectId)
            + ":"
            + d.texts.getOrDefault("source", "openstack");
    if (!caller.isAdmin() && projectId != null && !projectId.equals(caller.projectId())) {
      throw refuse(
          Violation.of(
                  SampleField.PROJECT_ID, Rule.MISMATCH, projectId, caller.projectId(), "caller")
              .at(index),
          "project_id must be the caller's project");
    }
    Sample sample;
    try {
      sample =
          new Sample(
              name,
              type,
              d.texts.get("counter_unit"),
              d.volume,
              timestamp.epochMillis(),
              d.texts.get("resource_id"),
              projectId,
              userId,
              source,
              d.metadata,
              d.texts.get("message_id"));
    } catch (InvalidSampleException e) {
      throw refuse(e.violation().at(index), e.getMessage());
    }
    SampleEcho echo =
        new SampleEcho(
            name,
            type.wireName(),
            sample.unit(),
            sample.volume(),
            sample.resourceId(),
            projectId,
            userId,
            source,
            timestamp.echo(),
            d.recordedAt == null ? null : d.recordedAt.echo(),
            d.metadataEcho);
    return new Posted(sample, echo);
  }

  private static String text(String name, JsonNode value) {
    if (!value.isTextual()) {
      throw new InvalidSampleException(
          Violation.of(field(name), Rule.WRONG_TYPE, PyRepr.str(value), "str", pyType(value)),
          name + " must be a string");
    }
    return value.textValue();
  }

  private static double volume(JsonNode body, JsonNode value) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? 1 : 0;
    }
    if (value.isTextual()) {
      String text = value.textValue().strip();
      if (FLOAT.matcher(text).matches()) {
        String plain = text.replace("_", "");
        if (plain.toLowerCase(java.util.Locale.ROOT).matches("[+-]?(nan|inf|infinity)")) {
          return plain.toLowerCase(java.util.Locale.ROOT).contains("nan")
              ? Double.NaN
              : plain.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(plain.endsWith(".") ? plain + "0" : plain).doubleValue();
      }
      throw conversion(
          body, "could not convert string to float: " + PyRepr.string(value.textValue()));
    }
    throw conversion(
        body, "float() argument must be a string or a number, not '" + pyType(value) + "'");
  }

  private static PostedTime time(JsonNode body, String name, JsonNode value) {
    if (!value.isTextual()) {
      throw new InvalidSampleException(
          Violation.of(field(name), Rule.WRONG_TYPE, PyRepr.str(value), "str", pyType(value)),
          name + " must be a string");
    }
    PostedTime time = PostedTime.parse(value.textValue());
    if (time == null) {
      throw conversion(body, "Unknown string format");
    }
    return time;
  }

  private static String pyType(JsonNode value) {
    String type = PyRepr.typeOf(value);
    return type.substring("<class '".length(), type.length() - 2);
  }

  /** WSME's refusal of a value it could not convert: the whole body and the reason. */
  private static InvalidSampleException conversion(JsonNode body, String reason) {
    return new InvalidSampleException(
        Violation.of(SAMPLES, Rule.MALFORMED, PyRepr.abbreviated(body), reason),
        "samples cannot be read: " + reason);
  }

  private static InvalidSampleException refuse(Violation violation, String message) {
    return new InvalidSampleException(violation, message);
  }

  private static io.meterkit.core.Field field(String name) {
    switch (name) {
      case "counter_name":
        return SampleField.METER_NAME;
      case "counter_type":
        return SampleField.TYPE;
      case "counter_unit":
        return SampleField.UNIT;
      case "counter_volume":
        return SampleField.VOLUME;
      case "user_id":
        return SampleField.USER_ID;
      case "project_id":
        return SampleField.PROJECT_ID;
      case "resource_id":
        return SampleField.RESOURCE_ID;
      case "timestamp":
        return SampleField.TIMESTAMP;
      case "resource_metadata":
        return SampleField.METADATA;
      case "message_id":
        return SampleField.MESSAGE_ID;
      case "source":
        return SampleField.SOURCE;
      default:
        return new RequestField(name);
    }
  }
}
