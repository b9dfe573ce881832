package io.meterkit.api;

import static io.meterkit.api.FuzzFixture.CALLER;

import io.meterkit.api.FuzzFixture.Route;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Mutations of valid requests: one body field or one query parameter deleted, duplicated or given
 * another (well-formed) value. The answer must be the valid 2xx or a 400 whose message names what
 * was changed.
 */
final class ValidRequestMutations {
  /**
   * One mutated request.
   *
   * @param description what was changed
   * @param route the route
   * @param request the request
   * @param names a 400 message must contain one of these
   * @param index for an element of an array body, {@code [i]}, which a 400 message must contain
   *     too; else null
   * @param alsoAllowed further 4xx statuses that are a fine answer (a conflict, an unknown tenant)
   */
  record Mutation(
      String description,
      Route route,
      ApiRequest request,
      Set<String> names,
      String index,
      Set<Integer> alsoAllowed) {
    @Override
    public String toString() {
      String text = description + " on " + route + ": " + request + " body " + request.bodyText();
      return text.length() > 400
          ? text.substring(0, 400) + "... (" + text.length() + " chars)"
          : text;
    }
  }

  /** Well-formed JSON values a field may be flipped to. */
  private static final List<String> JSON_VALUES =
      List.of(
          "null",
          "true",
          "false",
          "0",
          "-1",
          "1.5",
          "-0",
          "1e400",
          "1e-400",
          "9223372036854775808",
          "\"\"",
          "\" \"",
          "\"x\"",
          "\"NaN\"",
          "\"Infinity\"",
          "\"2014-13-01T00:00:00\"",
          "\"2014-10-22T05:00:00Z\"",
          "\"1969-12-31T23:59:59Z\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"\\uD83D\\uDE00\"",
          "\"e\\u0301\"",
          "\"gauge\"",
          "\"delta\"",
          "\"%\"",
          "[]",
          "{}",
          "[1]",
          "{\"a\":1}",
          "{\"a\":{\"b\":null}}",
          "{\"a\":1e400}");

  /** Values a query parameter may be flipped to. */
  private static final List<String> PARAMETER_VALUES =
      List.of(
          "",
          " ",
          "x",
          "0",
          "-1",
          "1",
          "60",
          "1441",
          "1e400",
          "NaN",
          "-0",
          "2014-13-01T00:00:00",
          "2014-10-22T05:00:00",
          "2014-10-25T00:00:00",
          "2014-11-16",
          "1969-12-31",
          "true",
          "True",
          "\u0000",
          "\uD83D\uDE00",
          "e\u0301",
          "resource_id",
          "timestamp",
          "eq",
          "gt",
          "cardinality",
          "string",
          "integer",
          "metadata.flavor",
          "acme");

  private final Random random;
  private final List<Route> routes = new ArrayList<>();

  ValidRequestMutations(Random random, List<Route> catalog) {
    this.random = random;
    for (Route route : catalog) {
      if (route.body() != null || !route.query().isEmpty()) {
        routes.add(route);
      }
    }
  }

  Mutation next() {
    // Half on the few routes with a body, half on the many with parameters.
    boolean body = random.nextBoolean();
    Route route;
    do {
      route = routes.get(random.nextInt(routes.size()));
    } while ((route.body() != null) != body);
    return body ? bodyMutation(route) : queryMutation(route);
  }

  private Mutation bodyMutation(Route route) {
    RawJson valid = route.body();
    int element = random.nextInt(valid.objects().size());
    List<String> keys = valid.keys(element);
    String key = keys.get(random.nextInt(keys.size()));
    String index = valid.array() ? "[" + element + "]" : null;
    RawJson mutated;
    String description;
    switch (random.nextInt(4)) {
      case 0:
        mutated = valid.without(element, key);
        description = "deleted " + key + index(index);
        break;
      case 1:
        mutated = valid.duplicated(element, key, valid.value(element, key));
        description = "duplicated " + key + index(index);
        index = null; // the parser reports a duplicate by line and column
        break;
      default:
        String value =
            random.nextInt(50) == 0
                ? RawJson.quote("x".repeat(100_000))
                : random.nextInt(10) == 0
                    ? RawJson.quote("x".repeat(256))
                    : JSON_VALUES.get(random.nextInt(JSON_VALUES.size()));
        mutated = valid.with(element, key, value);
        description = key + index(index) + " = " + value.substring(0, Math.min(60, value.length()));
    }
    ApiRequest request =
        FuzzFixture.request(route.method(), route.path(), route.query(), mutated.render(), CALLER);
    Set<Integer> alsoAllowed = route.path().equals("/user") ? Set.of(409) : Set.of();
    return new Mutation(description, route, request, Set.of(key), index, alsoAllowed);
  }

  private Mutation queryMutation(Route route) {
    List<Map.Entry<String, String>> query = new ArrayList<>(route.query());
    int at = random.nextInt(query.size());
    Map.Entry<String, String> pair = query.get(at);
    String description;
    switch (random.nextInt(3)) {
      case 0:
        query.remove(at);
        description = "deleted " + pair.getKey() + "=" + pair.getValue();
        break;
      case 1:
        query.add(at + 1, pair);
        description = "duplicated " + pair.getKey() + "=" + pair.getValue();
        break;
      default:
        String value =
            random.nextInt(50) == 0
                ? "x".repeat(100_000)
                : PARAMETER_VALUES.get(random.nextInt(PARAMETER_VALUES.size()));
        query.set(at, Map.entry(pair.getKey(), value));
        description =
            pair.getKey() + " = " + (value.length() > 60 ? value.substring(0, 60) + "..." : value);
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(pair.getKey());
    if (pair.getKey().startsWith("q.")) {
      names.addAll(List.of("q.field", "q.op", "q.value", "q.type"));
      for (int i = at; i >= 0; i--) {
        if (route.query().get(i).getKey().equals("q.field")) {
          names.add(route.query().get(i).getValue());
          break;
        }
      }
    }
    if (pair.getKey().equals("aggregate.param")) {
      names.add("aggregate.func");
    }
    ApiRequest request =
        FuzzFixture.request(
            route.method(),
            route.path(),
            query,
            route.body() == null ? null : route.body().render(),
            CALLER);
    Set<Integer> alsoAllowed = pair.getKey().equals("tenantId") ? Set.of(404) : Set.of();
    return new Mutation(description, route, request, names, null, alsoAllowed);
  }

  private static String index(String index) {
    return index == null ? "" : index;
  }
}
