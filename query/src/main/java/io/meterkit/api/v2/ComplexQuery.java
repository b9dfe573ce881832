package io.meterkit.api.v2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.Principal;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.api.internal.Conditions;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.PyRepr;
import io.meterkit.api.internal.SampleJson;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import io.meterkit.query.Filter;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.SampleQuery;
import io.meterkit.store.StoredSample;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code POST /v2/query/samples}: a body {@code {"filter": "JSON", "orderby": "JSON", "limit": N}}
 * (every key optional, {@code filter} and {@code orderby} JSON held in strings), answered with the
 * matching samples in the sample form.
 *
 * <p>Checked in Ceilometer's order: the body ({@code Missing argument: "body"}, unknown keys, key
 * types), the filter ({@link FilterExpression}; {@code Filter expression not valid: ...}), the
 * order-by (an array of one-key objects, field to {@code asc}/{@code desc} in any case; {@code
 * Order-by expression not valid: ...}), the limit (1..10000, default 100), timestamps, then a
 * member's project: any comparison on {@code project_id} (or {@code project}) with another value
 * (an {@code in} list included) is 401, and the filter is ANDed with the member's project. Without
 * {@code orderby} samples come newest first. Thread-safe.
 */
final class ComplexQuery {
  private static final Set<String> KEYS = Set.of("filter", "orderby", "limit");
  private static final ObjectMapper LENIENT = new ObjectMapper();

  private final QueryEngine engine;

  ComplexQuery(QueryEngine engine) {
    this.engine = engine;
  }

  ApiResponse answer(ApiCall call) {
    CeilometerArgs.of(call.query(), Set.of());
    String text = call.request().bodyText();
    if (text.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("body"), Rule.REQUIRED, null), "the body is missing");
    }
    JsonNode body = Json.read(text, "body");
    if (!body.isObject()) {
      throw wrongType("body", body, "dict");
    }
    List<String> unknown = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!KEYS.contains(name)) {
                unknown.add(name);
              }
            });
    if (!unknown.isEmpty()) {
      throw new InvalidQueryException(
          new Violation(
              new RequestField("body"),
              Rule.UNKNOWN,
              List.copyOf(unknown),
              List.copyOf(KEYS),
              null),
          "unknown attributes " + unknown);
    }
    String filterText = string(body, "filter");
    String orderText = string(body, "orderby");
    JsonNode filter = filterText == null ? null : parse("filter", filterText);
    List<FilterExpression.Leaf> leaves = new ArrayList<>();
    if (filter != null) {
      FilterExpression.check(filter, leaves);
    }
    Comparator<StoredSample> order = orderText == null ? null : order(parse("orderby", orderText));
    int limit = limit(body.get("limit"));
    Predicate<StoredSample> predicate =
        filter == null ? s -> true : FilterExpression.compile(filter);
    requireOwnProject(leaves, call.principal());
    Optional<Filter> restriction = Access.restrict(call.principal(), new Conditions()).toFilter();
    ArrayNode answer = Json.array();
    if (restriction.isEmpty()) {
      return Json.ok(answer);
    }
    List<StoredSample> matching = new ArrayList<>();
    for (StoredSample sample :
        engine.samples(SampleQuery.builder().filter(restriction.get()).build())) {
      if (predicate.test(sample)) {
        matching.add(sample);
      }
    }
    if (order != null) {
      matching.sort(order);
    }
    for (StoredSample sample : matching.subList(0, Math.min(limit, matching.size()))) {
      answer.add(SampleJson.sampleForm(sample));
    }
    return Json.ok(answer);
  }

  private static String string(JsonNode body, String key) {
    JsonNode value = body.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(key, value, "str");
    }
    return value.textValue();
  }

  private static int limit(JsonNode value) {
    if (value == null || value.isNull()) {
      return CeilometerV2Api.DEFAULT_LISTING_LIMIT;
    }
    BigInteger limit;
    if (value.isIntegralNumber()) {
      limit = value.bigIntegerValue();
    } else if (value.isTextual()) {
      limit = CeilometerArgs.toInt("limit", value.textValue());
    } else {
      throw wrongType("limit", value, "int");
    }
    return ListingLimits.check(limit, CeilometerV2Api.MAX_LISTING_LIMIT);
  }

  // Python's json.loads: the decoder's complaint, e.g. "Extra data" after a complete value.
  private static JsonNode parse(String key, String text) {
    JsonNode node;
    try (JsonParser parser = LENIENT.getFactory().createParser(text)) {
      try {
        node = LENIENT.readTree(parser);
      } catch (JsonProcessingException e) {
        long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getCharOffset());
        throw malformed(key, text, "Expecting value: " + at(offset));
      }
      if (node == null) {
        throw malformed(key, text, "Expecting value: " + at(0));
      }
      long end = parser.currentLocation().getCharOffset();
      boolean extra;
      try {
        extra = parser.nextToken() != null;
      } catch (JsonProcessingException e) {
        extra = true;
      }
      if (extra) {
        int offset = (int) end;
        while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
          offset++;
        }
        throw malformed(key, text, "Extra data: " + at(offset));
      }
      return node;
    } catch (IOException e) {
      throw malformed(key, text, "Expecting value: " + at(0));
    }
  }

  private static String at(long offset) {
    return "line 1 column " + (offset + 1) + " (char " + offset + ")";
  }

  private static Comparator<StoredSample> order(JsonNode orderby) {
    if (!orderby.isArray()) {
      throw malformed(
          "orderby", orderby.toString(), PyRepr.repr(orderby) + " is not of type 'array'");
    }
    Comparator<StoredSample> order = null;
    for (JsonNode item : orderby) {
      if (!item.isObject() || item.size() != 1) {
        throw malformed(
            "orderby",
            item.toString(),
            PyRepr.repr(item) + " is not valid under any of the given schemas");
      }
      Map.Entry<String, JsonNode> only = item.properties().iterator().next();
      String field = FilterExpression.field(only.getKey(), false);
      if (field == null) {
        throw malformed(
            "orderby",
            item.toString(),
            "Additional properties are not allowed ("
                + PyRepr.string(only.getKey())
                + " was unexpected)");
      }
      String direction = only.getValue().isTextual() ? only.getValue().textValue() : null;
      String lower = direction == null ? "" : direction.toLowerCase(Locale.ROOT);
      if (!lower.equals("asc") && !lower.equals("desc")) {
        throw malformed(
            "orderby",
            item.toString(),
            PyRepr.repr(only.getValue()) + " does not match '(?i)^asc$|^desc$'");
      }
      Comparator<StoredSample> one = comparator(field);
      one = lower.equals("desc") ? one.reversed() : one;
      order = order == null ? one : order.thenComparing(one);
    }
    return order;
  }

  private static Comparator<StoredSample> comparator(String field) {
    switch (field) {
      case "timestamp":
        return Comparator.comparingLong(s -> s.sample().timestampMillis());
      case "recorded_at":
        return Comparator.comparingLong(StoredSample::recordedAtMillis);
      case "counter_volume":
        return Comparator.comparingDouble(s -> s.sample().volume());
      default:
        return Comparator.comparing(
            s -> FilterExpression.text(s.sample(), field),
            Comparator.nullsFirst(Comparator.naturalOrder()));
    }
  }

  private static void requireOwnProject(List<FilterExpression.Leaf> leaves, Principal caller) {
    if (caller.isAdmin() || caller.projectId() == null) {
      return;
    }
    for (FilterExpression.Leaf leaf : leaves) {
      if (leaf.field().equals("project_id")) {
        JsonNode value = leaf.value();
        if (!value.isTextual() || !value.textValue().equals(caller.projectId())) {
          throw SimpleQuery.notAuthorized(PyRepr.str(value));
        }
      }
    }
  }

  private static InvalidQueryException malformed(String key, String text, String detail) {
    return new InvalidQueryException(
        Violation.of(new RequestField(key), Rule.MALFORMED, text, detail),
        key + " expression not valid: " + detail);
  }

  private static InvalidQueryException wrongType(String key, JsonNode value, String expected) {
    String type = PyRepr.typeOf(value);
    return new InvalidQueryException(
        Violation.of(
            new RequestField(key),
            Rule.WRONG_TYPE,
            PyRepr.str(value),
            expected,
            type.substring("<class '".length(), type.length() - 2)),
        key + " must be a " + expected);
  }
}
