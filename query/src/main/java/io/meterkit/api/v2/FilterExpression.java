package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.api.internal.PyRepr;
import io.meterkit.api.internal.SampleReader;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.Violation;
import io.meterkit.store.StoredSample;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The filter of a complex query ({@code POST /v2/query/samples}), checked against Ceilometer's
 * schema and compiled into a predicate over stored samples.
 *
 * <p>A node is an object with one key: a comparison {@code {"OP": {"FIELD": VALUE}}} (OP one of
 * {@code = != < <= =< > >= => =~}, the value a string, number or boolean), {@code {"in": {"FIELD":
 * [v, ...]}}} (at least one string or number), {@code {"and"|"or": [node, node, ...]}} (at least
 * two) or {@code {"not": node}}; logical keys in any case. Fields are the sample fields, their
 * aliases and {@code metadata.KEY}. Timestamps are read like query timestamps (an offset applied).
 * Comparisons with an absent value are false. Immutable and thread-safe once compiled.
 */
final class FilterExpression {
  static final List<String> FIELDS =
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
          "resource_metadata",
          "message_id",
          "message_signature",
          "recorded_at");
  static final Map<String, String> ALIASES =
      Map.of(
          "user", "user_id",
          "project", "project_id",
          "resource", "resource_id",
          "meter", "counter_name",
          "type", "counter_type",
          "unit", "counter_unit",
          "volume", "counter_volume");
  private static final List<String> OPS =
      List.of("=", "!=", "<", "<=", "=<", ">", ">=", "=>", "=~");
  private static final Pattern METADATA = Pattern.compile("metadata\\.\\S+");

  private FilterExpression() {}

  /** A checked leaf: the normalised field, the op and the value(s). */
  record Leaf(String field, String op, JsonNode value) {}

  /** The field a filter or order-by names, normalised; null when it is none. */
  static String field(String name, boolean metadata) {
    if (FIELDS.contains(name)) {
      return name;
    }
    if (ALIASES.containsKey(name)) {
      return ALIASES.get(name);
    }
    return metadata && METADATA.matcher(name).matches() ? name : null;
  }

  /**
   * Checks a node against the schema and collects its leaves.
   *
   * @throws InvalidQueryException {@code (filter, MALFORMED, text, detail)}
   */
  static void check(JsonNode node, List<Leaf> leaves) {
    if (!node.isObject() || node.size() != 1) {
      throw invalid(node);
    }
    Map.Entry<String, JsonNode> only = node.properties().iterator().next();
    String key = only.getKey();
    JsonNode value = only.getValue();
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.equals("and") || lower.equals("or")) {
      if (!value.isArray() || value.size() < 2) {
        throw invalid(node);
      }
      for (JsonNode child : value) {
        check(child, leaves);
      }
    } else if (lower.equals("not")) {
      check(value, leaves);
    } else if (lower.equals("in") || OPS.contains(key)) {
      if (!value.isObject() || value.size() != 1) {
        throw invalid(node);
      }
      Map.Entry<String, JsonNode> comparison = value.properties().iterator().next();
      String field = field(comparison.getKey(), true);
      JsonNode operand = comparison.getValue();
      boolean valid =
          field != null
              && (lower.equals("in")
                  ? operand.isArray() && !operand.isEmpty() && allScalars(operand)
                  : operand.isTextual() || operand.isNumber() || operand.isBoolean());
      if (valid && key.equals("=~")) {
        try {
          Pattern.compile(operand.asText());
        } catch (java.util.regex.PatternSyntaxException e) {
          valid = false;
        }
      }
      if (!valid) {
        throw invalid(node);
      }
      leaves.add(new Leaf(field, lower.equals("in") ? "in" : key, operand));
    } else {
      throw invalid(node);
    }
  }

  /** Compiles a checked node. */
  static Predicate<StoredSample> compile(JsonNode node) {
    Map.Entry<String, JsonNode> only = node.properties().iterator().next();
    String lower = only.getKey().toLowerCase(Locale.ROOT);
    JsonNode value = only.getValue();
    if (lower.equals("and") || lower.equals("or")) {
      List<Predicate<StoredSample>> children = new ArrayList<>();
      for (JsonNode child : value) {
        children.add(compile(child));
      }
      return lower.equals("and")
          ? s -> children.stream().allMatch(c -> c.test(s))
          : s -> children.stream().anyMatch(c -> c.test(s));
    }
    if (lower.equals("not")) {
      return compile(value).negate();
    }
    Map.Entry<String, JsonNode> comparison = value.properties().iterator().next();
    String field = field(comparison.getKey(), true);
    String op = lower.equals("in") ? "in" : only.getKey();
    JsonNode operand = comparison.getValue();
    if (op.equals("in")) {
      List<Predicate<StoredSample>> any = new ArrayList<>();
      for (JsonNode item : operand) {
        any.add(leaf(field, "=", item));
      }
      return s -> any.stream().anyMatch(p -> p.test(s));
    }
    return leaf(field, op, operand);
  }

  private static Predicate<StoredSample> leaf(String field, String op, JsonNode operand) {
    if (field.equals("timestamp") || field.equals("recorded_at")) {
      long wanted = timestamp(operand);
      return s -> {
        Long actual =
            field.equals("timestamp") ? s.sample().timestampMillis() : s.recordedAtMillis();
        return compare(op, Long.compare(actual, wanted), null, null);
      };
    }
    if (field.equals("counter_volume")) {
      return s -> {
        if (!operand.isNumber()) {
          return compare(op, 0, PyRepr.floating(s.sample().volume()), operand.asText());
        }
        return compare(op, Double.compare(s.sample().volume(), operand.doubleValue()), null, null);
      };
    }
    if (field.startsWith("metadata.")) {
      String key = SampleReader.flatKey(field.substring("metadata.".length()));
      return s -> metadata(op, s.sample().metadata().get(key), operand);
    }
    return s -> {
      String actual = text(s.sample(), field);
      if (actual == null) {
        return false;
      }
      String wanted = PyRepr.str(operand);
      return compare(op, actual.compareTo(wanted), actual, wanted);
    };
  }

  private static boolean metadata(String op, String stored, JsonNode operand) {
    if (stored == null) {
      return false;
    }
    if (operand.isNumber()) {
      try {
        double value = Double.parseDouble(stored);
        return compare(op, Double.compare(value, operand.doubleValue()), null, null);
      } catch (NumberFormatException e) {
        return op.equals("!=");
      }
    }
    String wanted = PyRepr.str(operand);
    return compare(op, stored.compareTo(wanted), stored, wanted);
  }

  private static boolean compare(String op, int order, String actual, String wanted) {
    switch (op) {
      case "=":
        return order == 0;
      case "!=":
        return order != 0;
      case "<":
        return order < 0;
      case "<=":
      case "=<":
        return order <= 0;
      case ">":
        return order > 0;
      case ">=":
      case "=>":
        return order >= 0;
      default:
        return actual != null && Pattern.compile(wanted).matcher(actual).find();
    }
  }

  static String text(Sample s, String field) {
    switch (field) {
      case "source":
        return s.source();
      case "counter_name":
        return s.meterName();
      case "counter_type":
        return s.type().wireName();
      case "counter_unit":
        return s.unit();
      case "user_id":
        return s.userId();
      case "project_id":
        return s.projectId();
      case "resource_id":
        return s.resourceId();
      case "message_id":
        return s.messageId();
      case "resource_metadata":
        return s.metadata().toString();
      default:
        return null;
    }
  }

  /** Parses a timestamp value of the filter. */
  static long timestamp(JsonNode operand) {
    try {
      return IsoTime.parse(operand.asText(), "filter");
    } catch (InvalidQueryException e) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("filter"), Rule.MALFORMED, operand.asText(), IsoTime.TIMESTAMP_FORM),
          "failed to parse the timestamp value " + operand.asText());
    }
  }

  private static boolean allScalars(JsonNode array) {
    for (Iterator<JsonNode> items = array.elements(); items.hasNext(); ) {
      JsonNode item = items.next();
      if (!item.isTextual() && !item.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static InvalidQueryException invalid(JsonNode node) {
    String detail = PyRepr.abbreviated(node) + " is not valid under any of the given schemas";
    return new InvalidQueryException(
        Violation.of(new RequestField("filter"), Rule.MALFORMED, node.toString(), detail),
        "filter expression not valid: " + detail);
  }
}
