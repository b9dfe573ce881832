package io.meterkit.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.core.Field;
import io.meterkit.core.InvalidInputException;
import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MetadataValue;
import io.meterkit.core.MeterType;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.SampleField;
import io.meterkit.core.Violation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a sample in the counter form of Ceilometer v2 ({@code POST /v2/meters/{meter}}, the example
 * server's {@code --data} file): {@code counter_name, counter_type, counter_unit, counter_volume,
 * message_id, project_id, recorded_at, resource_id, resource_metadata, source, timestamp, user_id}.
 *
 * <p>{@code recorded_at} is accepted and ignored (the store stamps it); any other unknown field is
 * an error. Nested {@code resource_metadata} is flattened as Ceilometer prints it ({@code
 * {"properties": {"prop": {"sub": 1}}}} becomes {@code properties.prop:sub = "1"}, see {@link
 * #flatten}); JSON booleans become {@code True}/{@code False}, null {@code None}, numbers and
 * arrays their Python text.
 *
 * <p>A refusal carries the facts of the sample's field ({@link SampleField}), its batch index and
 * the rule, and is worded in the counter form's field names: {@code samples[2].counter_volume must
 * be finite, got: NaN}. Thread-safe: stateless.
 */
public final class SampleReader {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** The counter-form name of each sample field. */
  private static final Map<SampleField, String> NAMES = counterNames();

  /** Every accepted member: the fields' names plus {@code recorded_at}. */
  private static final List<String> MEMBERS = members();

  private SampleReader() {}

  /**
   * Returns the counter-form name of a sample field.
   *
   * @param field the field
   * @return e.g. {@code counter_volume} for {@link SampleField#VOLUME}
   */
  public static String counterName(SampleField field) {
    return NAMES.get(field);
  }

  /**
   * Reads a sample in the counter form.
   *
   * @param node the JSON value
   * @param index the sample's position in its batch, or null outside a batch
   * @param where names the sample in messages, e.g. {@code samples[2]}
   * @param defaultTimestampMillis the timestamp when the object has none, epoch milliseconds UTC
   * @return the validated sample
   * @throws InvalidSampleException naming {@code where}, the field and the offending value
   */
  public static Sample read(
      JsonNode node, Integer index, String where, long defaultTimestampMillis) {
    Reading reading = new Reading(index, where);
    if (!node.isObject()) {
      throw reading.refuse(
          Violation.of(SampleField.SAMPLE, Rule.WRONG_TYPE, node.toString(), "object"),
          where + " must be a JSON object, got: " + Json.typeName(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!MEMBERS.contains(name)) {
        throw reading.refuse(
            new Violation(SampleField.SAMPLE, Rule.UNKNOWN, name, MEMBERS, null),
            where
                + " has an unknown field "
                + MeterkitException.describe(name)
                + "; known: "
                + String.join(", ", MEMBERS));
      }
    }
    MeterType type = reading.meterType(reading.text(node, SampleField.TYPE, true));
    long timestampMillis =
        reading.timestamp(reading.text(node, SampleField.TIMESTAMP, false), defaultTimestampMillis);
    String name = reading.text(node, SampleField.METER_NAME, true);
    String unit = reading.text(node, SampleField.UNIT, true);
    double volume = reading.volume(node.get(counterName(SampleField.VOLUME)));
    String resourceId = reading.text(node, SampleField.RESOURCE_ID, true);
    String projectId = reading.text(node, SampleField.PROJECT_ID, false);
    String userId = reading.text(node, SampleField.USER_ID, false);
    String source = reading.text(node, SampleField.SOURCE, false);
    Map<String, String> metadata = reading.metadata(node.get(counterName(SampleField.METADATA)));
    String messageId = reading.text(node, SampleField.MESSAGE_ID, false);
    try {
      return new Sample(
          name,
          type,
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
      throw reading.reworded(e);
    }
  }

  /**
   * Flattens nested metadata as Ceilometer prints it: the keys of nested objects are joined with
   * {@code .}, then every dot but the first becomes {@code :} ({@code {"properties": {"prop_2":
   * {"sub_prop_1": "x"}}}} gives {@code properties.prop_2:sub_prop_1}); values become Python's
   * {@code str()} of the JSON value ({@code True}, {@code 0.47}, {@code None}, {@code ['a']}).
   *
   * @param prefix the path so far, {@code ""} at the top
   * @param node a JSON object
   * @param flat receives the flattened entries
   */
  public static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key + ".", value, flat);
      } else {
        flat.put(flatKey(key), PyRepr.str(value));
      }
    }
  }

  /**
   * Returns the stored key of a dotted metadata path, as Ceilometer's {@code flatten_metadata}
   * turns it: every dot but the first becomes a colon ({@code properties.prop_2.sub_prop_1} is
   * stored as {@code properties.prop_2:sub_prop_1}).
   *
   * @param dotted the path, levels joined with dots
   * @return the stored key
   */
  public static String flatKey(String dotted) {
    String colons = dotted.replace('.', ':');
    int first = colons.indexOf(':');
    return first < 0 ? colons : colons.substring(0, first) + '.' + colons.substring(first + 1);
  }

  /** The batch index and the wording of one sample being read. */
  private record Reading(Integer index, String where) {
    // The name of a field in messages: where, a dot and the counter-form name.
    String nameOf(Field field) {
      if (field instanceof SampleField sampleField) {
        return sampleField == SampleField.SAMPLE ? where : where + "." + counterName(sampleField);
      }
      if (field instanceof MetadataValue value) {
        return where + "." + counterName(SampleField.METADATA) + " value of key " + describe(value);
      }
      return where + "." + field.label();
    }

    InvalidSampleException refuse(Violation violation, String message) {
      return new InvalidSampleException(index == null ? violation : violation.at(index), message);
    }

    // The same facts, worded with the counter-form name of the field (the metadata key as
    // "resource_metadata key").
    InvalidSampleException reworded(InvalidInputException e) {
      Violation violation = e.violation();
      String name =
          violation.field() == SampleField.METADATA_KEY
              ? where + "." + counterName(SampleField.METADATA) + " key"
              : nameOf(violation.field());
      return refuse(violation, violation.messageFor(name));
    }

    MeterType meterType(String text) {
      try {
        return MeterType.parse(text);
      } catch (InvalidSampleException e) {
        throw reworded(e);
      }
    }

    long timestamp(String text, long defaultMillis) {
      if (text == null) {
        return defaultMillis;
      }
      try {
        return IsoTime.parse(text, SampleField.TIMESTAMP);
      } catch (InvalidInputException e) {
        throw reworded(e);
      }
    }

    String text(JsonNode node, SampleField field, boolean required) {
      JsonNode value = node.get(counterName(field));
      if (value == null || value.isNull()) {
        if (required) {
          Violation missing = Violation.of(field, Rule.REQUIRED, null);
          throw refuse(missing, missing.messageFor(nameOf(field)));
        }
        return null;
      }
      if (!value.isTextual()) {
        throw refuse(
            Violation.of(field, Rule.WRONG_TYPE, value.toString(), "string"),
            nameOf(field)
                + " must be a string, got: "
                + Json.typeName(value)
                + " "
                + Json.describe(value));
      }
      return value.asText();
    }

    double volume(JsonNode value) {
      String name = nameOf(SampleField.VOLUME);
      if (value == null || value.isNull()) {
        Violation missing = Violation.of(SampleField.VOLUME, Rule.REQUIRED, null);
        throw refuse(missing, missing.messageFor(name));
      }
      double volume;
      if (value.isNumber()) {
        volume = value.doubleValue();
      } else if (value.isTextual()) {
        String text = value.asText().trim();
        // Only a plain decimal literal: Double.parseDouble would also take 0x1p3, 1d or NaN.
        if (!DECIMAL.matcher(text).matches()) {
          Violation malformed =
              Violation.of(SampleField.VOLUME, Rule.MALFORMED, value.asText(), "a number");
          throw refuse(malformed, malformed.messageFor(name));
        }
        volume = Double.parseDouble(text);
      } else {
        throw refuse(
            Violation.of(SampleField.VOLUME, Rule.WRONG_TYPE, value.toString(), "number"),
            name + " must be a number, got: " + Json.typeName(value) + " " + Json.describe(value));
      }
      if (!Double.isFinite(volume)) {
        throw refuse(
            Violation.of(SampleField.VOLUME, Rule.NOT_FINITE, value.toString()),
            name + " must be a finite number, got: " + Json.describe(value));
      }
      return volume;
    }

    Map<String, String> metadata(JsonNode node) {
      if (node != null && !node.isNull() && !node.isObject()) {
        throw refuse(
            Violation.of(SampleField.METADATA, Rule.WRONG_TYPE, node.toString(), "object"),
            nameOf(SampleField.METADATA) + " must be a JSON object, got: " + Json.typeName(node));
      }
      Map<String, String> flat = new TreeMap<>();
      if (node != null && !node.isNull()) {
        flatten("", node, flat);
      }
      return flat;
    }

    private static String describe(MetadataValue value) {
      return MeterkitException.describe(value.key());
    }
  }

  private static Map<SampleField, String> counterNames() {
    Map<SampleField, String> names = new EnumMap<>(SampleField.class);
    names.put(SampleField.METER_NAME, "counter_name");
    names.put(SampleField.TYPE, "counter_type");
    names.put(SampleField.UNIT, "counter_unit");
    names.put(SampleField.VOLUME, "counter_volume");
    names.put(SampleField.TIMESTAMP, "timestamp");
    names.put(SampleField.RESOURCE_ID, "resource_id");
    names.put(SampleField.PROJECT_ID, "project_id");
    names.put(SampleField.USER_ID, "user_id");
    names.put(SampleField.SOURCE, "source");
    names.put(SampleField.METADATA, "resource_metadata");
    names.put(SampleField.MESSAGE_ID, "message_id");
    return names;
  }

  private static List<String> members() {
    TreeSet<String> members = new TreeSet<>(counterNames().values());
    members.add("recorded_at");
    return List.copyOf(new ArrayList<>(members));
  }
}
