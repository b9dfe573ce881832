package io.meterkit.api;

import static io.meterkit.api.FuzzFixture.CALLER;
import static io.meterkit.api.FuzzFixture.encode;
import static io.meterkit.api.FuzzFixture.pairs;

import io.meterkit.api.FuzzFixture.Caller;
import io.meterkit.api.FuzzFixture.Param;
import io.meterkit.api.FuzzFixture.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Generates the requests of the bad-input campaign from a seeded {@link Random}: malformed
 * variations of each route's valid request, each with the status it must get, plus odd requests
 * that may be valid ({@link FuzzCase#EITHER}).
 */
final class MalformedRequests {
  /**
   * One request and what it must get.
   *
   * @param kind what was broken, for messages
   * @param route the route it was derived from
   * @param request the request
   * @param expected the exact status, {@link #ANY_4XX} or {@link #EITHER} (2xx or 4xx)
   */
  record FuzzCase(String kind, Route route, ApiRequest request, int expected) {
    static final int ANY_4XX = 0;
    static final int EITHER = -1;

    @Override
    public String toString() {
      String text = kind + " on " + route + ": " + request + " body " + request.bodyText();
      return text.length() > 400
          ? text.substring(0, 400) + "... (" + text.length() + " chars)"
          : text;
    }
  }

  static final List<String> BAD_TIMESTAMPS =
      List.of(
          "",
          " ",
          "2014-13-01T00:00:00",
          "2014-02-30T00:00:00",
          "2014-10-22T24:00:00",
          "2014-10-22T00:60:00",
          "2014-10-22T00:00:61",
          "2014-10-22T00:00:00+25:00",
          "2014-10-22T00:00:00-19:00",
          "2014-10-22T00:00:00+05:60",
          "10000-01-01T00:00:00",
          "2014-10-22T00:00:00ZZ",
          "2014-10-22T00:00:00Z[UTC]",
          "yesterday",
          "1414000000",
          "2014-10-22T",
          "T00:00:00",
          "2014-W43-1",
          "2014-295",
          "\uFF12\uFF10\uFF11\uFF14-10-22",
          "2014-10-22T00:00:00.1234567891",
          "+999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "-292275056-01-01T00:00:00Z",
          "NaN",
          "Infinity",
          "\u0000",
          "2014-10-22\u0000T00:00:00",
          "\u202E2014-10-22");

  /** Timestamps that parse (years 0, 10000, the epoch bounds): fine in queries, not in samples. */
  static final List<String> ODD_TIMESTAMPS =
      List.of(
          "0000-01-01T00:00:00",
          "+10000-01-01T00:00:00",
          "-0001-12-31T23:59:59",
          "1969-12-31T23:59:59.999Z",
          "+292278994-08-17T07:12:55.807Z",
          "-292275055-05-17T16:47:04.192Z",
          "2014-10-22 00:00:00",
          "2014-10-22",
          "2014-10-22T00:00",
          "2014-10-22t00:00:00z",
          "2014-10-22T00:00:00+18:00",
          "2014-10-22T00:00:00.000000001Z",
          "9999-12-31T23:59:59.999999999Z");

  static final List<String> UNICODE =
      List.of(
          "e\u0301\u0301\u0301",
          "\u202Eevil\u202C",
          "\u05E9\u05DC\u05D5\u05DD",
          "\uD83D\uDE00",
          "\uD83D\uDC69\u200D\uD83D\uDCBB",
          "\uFEFF",
          "\u00A0",
          "\uFFFD",
          "\u0000",
          "a/b",
          "a?b&c=d#e",
          "+",
          "%",
          "..");

  private static final List<String> WRONG_TYPES_FOR_STRING =
      List.of("1", "-0", "1.5", "true", "false", "[]", "{}", "[\"x\"]", "{\"a\":\"b\"}");
  private static final List<String> BAD_NAMES =
      List.of(
          "\"\"",
          "\" \"",
          "\"\\t\"",
          "\"\\u0000\"",
          "\"a\\u0001b\"",
          "\"x\\u007f\"",
          "\"\\ud800\"",
          "\"\\udc00x\"",
          "\"x\\ud83d\"");
  private static final List<String> BAD_VOLUMES =
      List.of(
          "null",
          "\"abc\"",
          "\"\"",
          "\" \"",
          "true",
          "[]",
          "{}",
          "[1]",
          "NaN",
          "-NaN",
          "Infinity",
          "-Infinity",
          "+1",
          "01",
          ".5",
          "1.",
          "0x10",
          "1e",
          "\"NaN\"",
          "\"Infinity\"",
          "\"-Infinity\"",
          "\"1e400\"",
          "1e400",
          "-1e400",
          "1e2147483648",
          "1e-2147483649",
          "1" + "0".repeat(1001),
          "\"1,5\"");

  private final Random random;
  private final List<Route> routes;
  private final List<Generator> generators = new ArrayList<>();

  /** A way of breaking a request; returns null when it does not apply to the route. */
  private record Generator(String name, int weight, BiFunction<Route, Random, FuzzCase> make) {}

  MalformedRequests(Random random, List<Route> routes) {
    this.random = random;
    this.routes = routes;
    add("unknown parameter", 8, this::unknownParameter);
    add("repeated parameter", 4, this::repeatedParameter);
    add("bad parameter value", 14, this::badParameterValue);
    add("bad query term", 10, this::badQueryTerm);
    add("wrong method", 4, this::wrongMethod);
    add(
        "no principal",
        3,
        (route, r) -> new FuzzCase("no principal", route, withCaller(route, null), 401));
    add("odd identity", 6, this::oddIdentity);
    add("bad path escape", 3, this::badPathEscape);
    add("unknown path", 5, this::unknownPath);
    add("malformed JSON", 14, this::malformedJson);
    add("bad field value", 22, this::badFieldValue);
    add("unknown field", 5, this::unknownField);
    add("odd but maybe valid", 8, this::oddButMaybeValid);
  }

  private void add(String name, int weight, BiFunction<Route, Random, FuzzCase> make) {
    generators.add(new Generator(name, weight, make));
  }

  /** Returns the next case. */
  FuzzCase next() {
    int total = generators.stream().mapToInt(Generator::weight).sum();
    while (true) {
      int pick = random.nextInt(total);
      Generator generator = null;
      for (Generator candidate : generators) {
        pick -= candidate.weight();
        if (pick < 0) {
          generator = candidate;
          break;
        }
      }
      Route route = routes.get(random.nextInt(routes.size()));
      FuzzCase made = generator.make().apply(route, random);
      if (made != null) {
        return made;
      }
    }
  }

  // ---- parameters

  private FuzzCase unknownParameter(Route route, Random r) {
    String name =
        pick(
            "foo",
            "Limit",
            "LIMIT",
            "q.fields",
            "q.field.0",
            "q",
            "metadata",
            "metadata_flavor",
            "start",
            "end_time",
            "date__ne",
            "date__range",
            "callback",
            "\u0000",
            "\u202Egnp.x",
            "e\u0301",
            "\uD83D\uDE00",
            "",
            " ",
            "limit ",
            " period",
            "aggregate.func ",
            "x".repeat(r.nextInt(8) == 0 ? 100_000 : 300));
    if (route.accepted().containsKey(name)
        || (route.metadataFilters() && name.startsWith("metadata."))) {
      return null;
    }
    List<Map.Entry<String, String>> query = new ArrayList<>(route.query());
    query.add(r.nextInt(query.size() + 1), Map.entry(name, pick("1", "", "x", "\u0000")));
    return new FuzzCase("unknown parameter", route, with(route, query), 400);
  }

  private FuzzCase repeatedParameter(Route route, Random r) {
    List<String> single = new ArrayList<>();
    route
        .accepted()
        .forEach(
            (name, kind) -> {
              if (!name.startsWith("q.")
                  && kind != Param.GROUPBY
                  && kind != Param.AGGREGATE_FUNC
                  && kind != Param.AGGREGATE_PARAM) {
                single.add(name);
              }
            });
    if (single.isEmpty()) {
      return null;
    }
    String name = single.get(r.nextInt(single.size()));
    String value = validValue(route.accepted().get(name));
    List<Map.Entry<String, String>> query = without(route.query(), name);
    query.add(Map.entry(name, value));
    String again = r.nextInt(10) == 0 ? "9".repeat(100_000) : r.nextBoolean() ? value : value + "0";
    query.add(r.nextInt(query.size() + 1), Map.entry(name, again));
    return new FuzzCase("repeated parameter " + name, route, with(route, query), 400);
  }

  private FuzzCase badParameterValue(Route route, Random r) {
    List<String> names = new ArrayList<>();
    route
        .accepted()
        .forEach(
            (name, kind) -> {
              if (!name.startsWith("q.") && kind != Param.TEXT) {
                names.add(name);
              }
            });
    if (names.isEmpty()) {
      return null;
    }
    String name = names.get(r.nextInt(names.size()));
    String bad = badValue(route.accepted().get(name));
    List<Map.Entry<String, String>> query = without(route.query(), name);
    query.add(r.nextInt(query.size() + 1), Map.entry(name, bad));
    return new FuzzCase("bad value of " + name, route, with(route, query), 400);
  }

  private String badValue(Param kind) {
    String huge = "9".repeat(random.nextInt(8) == 0 ? 100_000 : 40);
    switch (kind) {
      case TIMESTAMP:
        return pick(BAD_TIMESTAMPS);
      case SEARCH_OFFSET:
        return pick("-1", "2147483648", "x", "1.5", "", "1e3", "-0.5", huge);
      case LIMIT:
        return pick(
            "0",
            "-1",
            "1441",
            "2147483648",
            "9223372036854775808",
            "-9223372036854775809",
            "1e3",
            "1.0",
            "abc",
            "",
            " ",
            "0x10",
            "+-1",
            "\u0661\u0660\u0660\u0660\u0660",
            "NaN",
            "Infinity",
            "-0",
            huge);
      case OFFSET:
      case BURST_OFFSET:
        return pick("-1", "2147483648", "x", "1.5", "", "1e1", huge);
      case UNIQUE:
        return pick("yes", "no", "2", "", "truee", "-1", "\u0000");
      case PERIOD:
        return pick(
            "0",
            "59",
            "90",
            "-60",
            "1209660",
            "1e3",
            "P0D",
            "P1X",
            "3600.0",
            "",
            "61",
            "9223372036854775807",
            huge);
      case GROUPBY:
        return pick(
            "foo",
            "resource_metadata.",
            "metadata.flavor",
            "timestamp",
            "",
            " resource_id",
            "resource_id ",
            "RESOURCE_ID",
            "counter_name",
            "x".repeat(100_000));
      case AGGREGATE_FUNC:
        return pick("median", "", "SUMM", "count,sum", "percentile", "avg ", "\u0000");
      case AGGREGATE_PARAM:
        return pick("foo", "", "source", "resource_metadata.flavor", "timestamp");
      case REQUIRED_TEXT:
        return pick("", " ", "\t");
      case DATE:
        return pick(
            "2014-1-1",
            "2014-02-30",
            "20141116",
            "2014-11-16T00:00:00",
            "",
            "2014/11/16",
            "16-11-2014",
            "+999999999-12-31",
            "-999999999-01-01",
            "-1000-01-01",
            "+10000-01-01",
            "1969-12-31",
            "0000-01-01");
      case BURST_LIMIT:
        return pick("-1", "1001", "x", "", "1.5", huge);
      default:
        throw new IllegalArgumentException("no bad values for " + kind);
    }
  }

  private static String validValue(Param kind) {
    switch (kind) {
      case TIMESTAMP:
        return "2014-10-22T00:00:00Z";
      case LIMIT:
      case BURST_LIMIT:
        return "5";
      case OFFSET:
      case BURST_OFFSET:
        return "0";
      case UNIQUE:
        return "true";
      case PERIOD:
        return "3600";
      case SEARCH_OFFSET:
        return "1";
      case DATE:
        return "2014-11-16";
      default:
        return "acme";
    }
  }

  private FuzzCase badQueryTerm(Route route, Random r) {
    Set<String> kinds = route.termKinds();
    if (kinds.isEmpty()) {
      return null;
    }
    List<String> terms = new ArrayList<>();
    switch (r.nextInt(8)) {
      case 0:
        {
          String field =
              pick(
                  "foo",
                  "meter_id",
                  "timestamp2",
                  "metadata.",
                  "resource_metadata.",
                  "Resource_id",
                  "",
                  "counter_name",
                  "name",
                  "id",
                  "timestamp",
                  "search_offset",
                  "metadata.flavor",
                  "meter");
          if (kinds.contains(field)
              || (kinds.contains("metadata.KEY") && field.equals("metadata.flavor"))) {
            return null;
          }
          terms.addAll(List.of("q.field", field, "q.op", "eq", "q.value", "x"));
          break;
        }
      case 1:
        {
          String field = pick(List.copyOf(new TreeSet<>(kinds)));
          if (field.equals("timestamp")) {
            terms.addAll(
                List.of(
                    "q.field",
                    "timestamp",
                    "q.op",
                    pick("eq", "ne", "", "like", "=", "gte", "in"),
                    "q.value",
                    "2014-10-22T00:00:00"));
          } else if (field.equals("search_offset")) {
            return null;
          } else {
            terms.addAll(
                List.of(
                    "q.field",
                    field.replace("KEY", "flavor"),
                    "q.op",
                    pick("gt", "ge", "lt", "le", "ne", "like", "=", "in"),
                    "q.value",
                    "x"));
          }
          break;
        }
      case 2:
        terms.addAll(
            List.of(
                "q.field",
                kinds.contains("metadata.KEY") ? "metadata.flavor" : "project_id",
                "q.value",
                "x",
                "q.type",
                pick("date", "xml", "str", "number", "text", "long", "x")));
        break;
      case 3:
        {
          if (!kinds.contains("metadata.KEY")) {
            return null;
          }
          String[] typed =
              pick(
                  List.of(
                      new String[] {"integer", "abc"},
                      new String[] {"integer", "1.5"},
                      new String[] {"integer", "99999999999999999999"},
                      new String[] {"float", "abc"},
                      new String[] {"float", "1e400"},
                      new String[] {"float", "NaN"},
                      new String[] {"boolean", "yes"},
                      new String[] {"boolean", "1"}));
          terms.addAll(
              List.of("q.field", "resource_metadata.n", "q.value", typed[1], "q.type", typed[0]));
          break;
        }
      case 4:
        if (!kinds.contains("timestamp")) {
          return null;
        }
        terms.addAll(
            List.of(
                "q.field", "timestamp", "q.op", pick("ge", "lt"), "q.value", pick(BAD_TIMESTAMPS)));
        break;
      case 5:
        terms.addAll(
            pick(
                List.of(
                    List.of("q.field", "project_id", "q.field", "user_id", "q.value", "x"),
                    List.of("q.value", "x"),
                    List.of("q.op", "eq"),
                    List.of("q.type", "string"),
                    List.of("q.field", "project_id", "q.op", "eq", "q.op", "eq", "q.value", "x"),
                    List.of("q.field", "project_id", "q.value", "x", "q.value", "y"),
                    List.of("q.value", "x", "q.field", "project_id", "q.field", "user_id"))));
        break;
      case 6:
        if (!kinds.contains("search_offset")) {
          return null;
        }
        if (r.nextBoolean()) {
          terms.addAll(List.of("q.field", "search_offset", "q.value", "10"));
        } else {
          terms.addAll(
              List.of(
                  "q.field",
                  "timestamp",
                  "q.op",
                  "ge",
                  "q.value",
                  "2014-10-22T00:00:00",
                  "q.field",
                  "search_offset",
                  "q.op",
                  "eq",
                  "q.value",
                  pick("-1", "2147483648", "x", "1.5", "")));
        }
        break;
      default:
        if (!route.accepted().containsKey("period")) {
          return null;
        }
        terms.addAll(
            List.of(
                "q.field",
                "timestamp",
                "q.op",
                "ge",
                "q.value",
                "2014-10-20T00:00:00",
                "q.field",
                "timestamp",
                "q.op",
                "lt",
                "q.value",
                "2014-10-23T00:00:00",
                "period",
                "60"));
    }
    List<Map.Entry<String, String>> query = new ArrayList<>();
    for (Map.Entry<String, String> pair : route.query()) {
      if (!pair.getKey().startsWith("q.")
          && !(terms.contains("period") && pair.getKey().equals("period"))) {
        query.add(pair);
      }
    }
    query.addAll(pairs(terms.toArray(new String[0])));
    return new FuzzCase("bad query term " + terms, route, with(route, query), 400);
  }

  // ---- method, identity, path

  private FuzzCase wrongMethod(Route route, Random r) {
    String method =
        pick(
            "PUT",
            "PATCH",
            "DELETE",
            "POST",
            "GET",
            "OPTIONS",
            "TRACE",
            "CONNECT",
            "PROPFIND",
            "FOO",
            "HEAD",
            "");
    if (route.allowed().contains(method)) {
      return null;
    }
    ApiRequest request =
        FuzzFixture.request(method, route.path(), route.query(), bodyText(route), CALLER);
    return new FuzzCase("method " + method, route, request, 405);
  }

  private FuzzCase oddIdentity(Route route, Random r) {
    Map<String, String> headers = new HashMap<>();
    int expected;
    String blank = pick("", " ", "\t", null);
    if (r.nextInt(5) == 0) {
      headers.put(Principal.USER_ID_HEADER, blank);
      headers.put(Principal.PROJECT_ID_HEADER, pick("", " ", null));
      headers.put(Principal.ROLES_HEADER, pick("", "  ", null));
      expected = 401;
    } else {
      headers.put(Principal.USER_ID_HEADER, "alice");
      headers.put(Principal.PROJECT_ID_HEADER, "acme");
      switch (route.caller()) {
        case USAGE_ADMIN:
        case USAGE_TENANT_POST:
        case USAGE_USER_POST:
          if (r.nextBoolean()) {
            headers.put(
                Principal.ROLES_HEADER,
                pick(
                    "Member",
                    "admin2",
                    "_member_",
                    "adm in",
                    "\u0430dmin",
                    "reader,writer",
                    "",
                    ",,,",
                    "ADMIN_",
                    "superuser"));
            expected = 403;
          } else if (route.caller() != Caller.USAGE_USER_POST && r.nextBoolean()) {
            headers.put(
                Principal.ROLES_HEADER,
                route.caller() == Caller.USAGE_ADMIN
                    ? pick("tenant", "user", "Tenant,User")
                    : "user");
            expected = 403;
          } else if (route.caller() != Caller.USAGE_ADMIN) {
            headers.put(Principal.ROLES_HEADER, "admin");
            if (r.nextBoolean()) {
              headers.put(Principal.PROJECT_ID_HEADER, blank);
              expected = 403;
            } else {
              headers.put(
                  Principal.PROJECT_ID_HEADER, pick("nosuch", "ACME", "acme ", "\u0430cme"));
              expected =
                  headers.get(Principal.PROJECT_ID_HEADER).equals("acme ") ? FuzzCase.EITHER : 404;
            }
          } else {
            return null;
          }
          break;
        case BURST:
          headers.put(Principal.USER_ID_HEADER, blank);
          headers.put(Principal.ROLES_HEADER, pick("admin", "Member"));
          expected = 403;
          break;
        case PROJECT_PATH:
          headers.put(Principal.ROLES_HEADER, pick("Member", "admin2", "", "reader"));
          expected = 404;
          break;
        case V2_POST:
          headers.put(Principal.ROLES_HEADER, pick("Member", "", "user"));
          headers.put(Principal.PROJECT_ID_HEADER, pick("p-1", "ACME", blank));
          expected = 403;
          break;
        default:
          return null;
      }
    }
    Principal caller = Principal.fromHeaders(headers::get).orElse(null);
    return new FuzzCase("identity " + headers, route, withCaller(route, caller), expected);
  }

  private FuzzCase badPathEscape(Route route, Random r) {
    String[] segments = route.path().substring(1).split("/", -1);
    int index = r.nextInt(segments.length);
    String escape = pick("%", "%Z1", "%4", "%%", "%g0", "%-1");
    // "%" and "%4" could complete to a valid escape with the segment's first characters.
    boolean append = escape.length() < 3 && !escape.equals("%%") || r.nextBoolean();
    segments[index] = append ? segments[index] + escape : escape + segments[index];
    return new FuzzCase(
        "bad escape " + escape,
        route,
        FuzzFixture.request(
            route.method(),
            "/" + String.join("/", segments),
            route.query(),
            bodyText(route),
            CALLER),
        400);
  }

  private FuzzCase unknownPath(Route route, Random r) {
    String path = route.path();
    int firstEnd = path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1);
    String first = path.substring(1, firstEnd);
    String rest = path.substring(firstEnd);
    String mutated;
    switch (r.nextInt(7)) {
      case 0:
        mutated =
            "/"
                + pick(
                    first + "s", first.toUpperCase(Locale.ROOT), first + "%00", "v3", "x" + first)
                + rest;
        break;
      case 1:
        mutated = "/" + path;
        break;
      case 2:
        mutated = path.endsWith("/") ? path + "/" : path + "//";
        break;
      case 3:
        if (rest.isEmpty()) {
          return null;
        }
        mutated = "/" + first + "%2F" + rest.substring(1);
        break;
      case 4:
        {
          StringBuilder doubled = new StringBuilder("/");
          for (char c : first.toCharArray()) {
            doubled.append(String.format("%%25%02X", (int) c));
          }
          mutated = doubled + rest;
          break;
        }
      case 5:
        mutated = (path.endsWith("/") ? path : path + "/") + "x/x/x/x";
        break;
      default:
        mutated =
            pick(
                "/",
                "",
                "//",
                "/.",
                "/..",
                "/%2E%2E/v2/meters",
                "/v1/../v2/meters",
                "/\u0000",
                "/" + "x/".repeat(2000));
    }
    return new FuzzCase(
        "unknown path",
        route,
        FuzzFixture.request(route.method(), mutated, route.query(), bodyText(route), CALLER),
        404);
  }

  // ---- bodies

  private FuzzCase malformedJson(Route route, Random r) {
    if (route.body() == null) {
      return null;
    }
    String valid = route.body().render();
    String body;
    switch (r.nextInt(10)) {
      case 0:
        body = pick("", " ", "\n", "\t\r\n ");
        break;
      case 1:
        body = valid.substring(0, 1 + r.nextInt(valid.length() - 1));
        break;
      case 2:
        body =
            valid
                + pick(
                    "x", "]", "}", ",", "[]", "{}", "null", "1", valid, "\u0000", "//c", "/*c*/",
                    "#", "'");
        break;
      case 3:
        body =
            route.body().array()
                ? pick(
                    "{}",
                    "1",
                    "\"s\"",
                    "null",
                    "true",
                    "false",
                    "-0",
                    "1e400",
                    RawJson.object().render(),
                    renderFirst(route.body()))
                : pick(
                    "[]",
                    "[" + valid + "]",
                    "1",
                    "\"s\"",
                    "null",
                    "true",
                    "\"" + "x".repeat(100_000) + "\"");
        break;
      case 4:
        {
          List<String> keys = route.body().keys(0);
          String key = keys.get(r.nextInt(keys.size()));
          String value = r.nextBoolean() ? route.body().value(0, key) : "\"other\"";
          body = route.body().duplicated(0, key, value).render();
          break;
        }
      case 5:
        {
          int depth = 1001 + r.nextInt(r.nextInt(4) == 0 ? 100_000 : 20_000);
          switch (r.nextInt(3)) {
            case 0:
              body = "[".repeat(depth) + "]".repeat(r.nextBoolean() ? depth : 0);
              break;
            case 1:
              body = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
              break;
            default:
              List<String> keys = route.body().keys(0);
              body =
                  route
                      .body()
                      .with(
                          0,
                          keys.get(r.nextInt(keys.size())),
                          "[".repeat(depth) + "]".repeat(depth))
                      .render();
          }
          break;
        }
      case 6:
        body =
            pick(
                "{'name':'x'}",
                "{name:\"x\"}",
                "[{\"a\":1,}]",
                "[1,]",
                "[,1]",
                "{\"a\" 1}",
                "{\"a\":1;\"b\":2}",
                "\"\\x41\"",
                "\"\\u12\"",
                "[\"\\ud800\\\"]");
        break;
      case 7:
        {
          List<String> keys = route.body().keys(0);
          String key = keys.get(r.nextInt(keys.size()));
          body =
              route
                  .body()
                  .with(0, key, pick("\"a\u0001b\"", "\"a\nb\"", "\"\u0000\"", "\"a\tb\""))
                  .render();
          break;
        }
      case 8:
        if (!route.body().array()) {
          return null;
        }
        body =
            valid.substring(0, valid.length() - 1)
                + ","
                + pick("1", "null", "[]", "\"x\"", "true")
                + "]";
        break;
      default:
        {
          byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
          byte[] broken = new byte[bytes.length + 1];
          int at = r.nextBoolean() ? 0 : bytes.length;
          System.arraycopy(bytes, 0, broken, at == 0 ? 1 : 0, bytes.length);
          broken[at] = (byte) (int) pick(0xFF, 0xC0, 0x80, 0xFE);
          ApiRequest request =
              ApiRequest.builder(route.method(), route.path())
                  .body(broken)
                  .principal(CALLER)
                  .build();
          return new FuzzCase("invalid UTF-8", route, request, 400);
        }
    }
    return new FuzzCase("malformed JSON", route, withBody(route, body), 400);
  }

  private FuzzCase badFieldValue(Route route, Random r) {
    if (route.body() == null) {
      return null;
    }
    int index = r.nextInt(route.body().objects().size());
    List<String> keys = fieldsOf(route);
    String key = keys.get(r.nextInt(keys.size()));
    List<String> pool = badValues(route, key);
    if (pool.isEmpty()) {
      return null;
    }
    String value = pool.get(r.nextInt(pool.size()));
    RawJson body =
        value == null ? route.body().without(index, key) : route.body().with(index, key, value);
    String shown =
        value == null ? "(missing)" : value.length() > 60 ? value.substring(0, 60) + "..." : value;
    return new FuzzCase(
        "bad " + key + "[" + index + "] = " + shown, route, withBody(route, body.render()), 400);
  }

  private static List<String> fieldsOf(Route route) {
    return route.body().keys(0);
  }

  /** Values that make a body field invalid; null stands for "leave the field out". */
  private List<String> badValues(Route route, String key) {
    List<String> pool = new ArrayList<>();
    String big =
        RawJson.quote(
            "x".repeat(random.nextInt(10) == 0 ? 100_000 + random.nextInt(900_000) : 256));
    if (random.nextInt(10) == 0) {
      // a wrong type whose text is huge: the message must not echo all of it
      boolean object = key.endsWith("metadata");
      pool.add(object || random.nextBoolean() ? "[" + big + "]" : "{\"a\":" + big + "}");
      return pool;
    }
    String text65536 = RawJson.quote("y".repeat(65_536));
    // The direct form of the post route takes the same samples.
    String template = route.template().replace("/v2/meters/{meter}/{direct}", "/v2/meters/{meter}");
    switch (template + " " + key) {
      case "/v2/meters/{meter} counter_name":
        pool.addAll(List.of("null", "\"cpu\"", "\"CPU_UTIL\"", "\"cpu_util \"", big));
        pool.add(null);
        pool.addAll(BAD_NAMES);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "/v2/meters/{meter} counter_type":
        pool.addAll(
            List.of("null", "\"\"", "\"delta\"", "\"cumulative\"", "\"gauges\"", "\"\\u0000\""));
        pool.add(null);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "/v2/meters/{meter} counter_unit":
        pool.addAll(List.of("null", "\"B\"", "\"%%\"", big));
        pool.add(null);
        pool.addAll(BAD_NAMES);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "/v2/meters/{meter} counter_volume":
        pool.addAll(BAD_VOLUMES);
        pool.add(null);
        break;
      case "/v2/meters/{meter} resource_id":
        pool.addAll(List.of("null", big));
        pool.add(null);
        pool.addAll(BAD_NAMES);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "/v2/meters/{meter} project_id":
      case "/v2/meters/{meter} user_id":
      case "/v2/meters/{meter} source":
        pool.add(big);
        pool.addAll(BAD_NAMES);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "/v2/meters/{meter} message_id":
        pool.addAll(List.of(big, "\"0149ca7f-9800-8000-a940-00ff00ff00ff\""));
        pool.addAll(BAD_NAMES);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "/v2/meters/{meter} timestamp":
        for (String timestamp : BAD_TIMESTAMPS) {
          pool.add(RawJson.quote(timestamp));
        }
        pool.addAll(
            List.of(
                "\"0000-01-01T00:00:00\"",
                "\"+10000-01-01T00:00:00\"",
                "\"1969-12-31T23:59:59.999Z\"",
                "1414000000",
                "true",
                "[]",
                "{}"));
        break;
      case "/v2/meters/{meter} resource_metadata":
        pool.addAll(
            List.of(
                "\"x\"",
                "1",
                "true",
                "[]",
                "[{}]",
                "{\"\":1}",
                "{\" \":1}",
                "{\"k\\u0000\":1}",
                "{\"k\":\"\\u0000\"}",
                "{\"k\":\"\\ud800\"}",
                "{\"k\":{\"\\ud800\":1}}",
                "{" + RawJson.quote("k".repeat(256)) + ":1}",
                "{\"k\":" + text65536 + "}",
                "{\"n\":1e2147483648}",
                nested("{\"a\":", 300, "1", "}"),
                nested("{\"a\":", 2000, "1", "}"),
                manyKeys(1001)));
        break;
      case "/user name":
        pool.addAll(List.of("null", big));
        pool.add(null);
        pool.addAll(BAD_NAMES);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      default:
        eventValues(route, key, pool, big, text65536);
    }
    return pool;
  }

  private void eventValues(
      Route route, String key, List<String> pool, String big, String text65536) {
    boolean application = route.template().startsWith("/usage/application");
    switch (key) {
      case "user":
      case "ampId":
      case "entityType":
        pool.addAll(List.of("\"\\u0000\"", "\"\\ud800\"", "\"x\\u007f\"", text65536));
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "applicationId":
        if (application) {
          pool.addAll(List.of("null", big));
          pool.add(null);
          pool.addAll(BAD_NAMES);
        } else {
          pool.addAll(List.of("\"\\u0000\"", "\"\\ud800\"", text65536));
        }
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "entityId":
      case "locationId":
        pool.addAll(List.of("null", RawJson.quote("z".repeat(251))));
        pool.add(null);
        pool.addAll(BAD_NAMES);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "state":
        pool.addAll(List.of("null", "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", text65536));
        pool.add(null);
        pool.addAll(WRONG_TYPES_FOR_STRING);
        break;
      case "timestamp":
        for (String timestamp : BAD_TIMESTAMPS) {
          pool.add(RawJson.quote(timestamp));
        }
        pool.addAll(
            List.of(
                "null",
                "\"1969-12-31T23:59:59Z\"",
                "\"+10000-01-01T00:00:00Z\"",
                "\"0000-01-01T00:00:00Z\"",
                "1416355200",
                "true",
                "[]",
                "{}"));
        pool.add(null);
        break;
      case "metadata":
        pool.addAll(
            List.of(
                "\"x\"",
                "1",
                "true",
                "[]",
                "[1]",
                "{\"k\":" + text65536 + "}",
                nested("{\"a\":", 2000, "1", "}"),
                "{\"n\":1e10000}",
                "{\"n\":1e-10000}",
                "{\"n\":1e1001}",
                "{\"n\":[-1e9999]}",
                "{\"a\":{\"n\":123e-1000}}",
                "{\"n\":1e2147483648}",
                "{\"n\":1e1000000000}",
                "{\"n\":-1e-1000000000}"));
        break;
      case "filter":
      case "orderby":
        pool.addAll(
            List.of(
                "null",
                "1",
                "true",
                "{}",
                "[]",
                "\"\"",
                "\"x\"",
                "\"{}\"",
                "\"[]\"",
                "\"{\\\"=\\\": {}}\"",
                "\"{\\\"and\\\": [{}]}\"",
                "\"{\\\"=\\\": {\\\"timestamp\\\": \\\"noon\\\"}}\"",
                "\"[{\\\"timestamp\\\": \\\"up\\\"}]\"",
                "\"{\\\"=~\\\": {\\\"source\\\": \\\"(\\\"}}\"",
                text65536));
        break;
      default:
        throw new IllegalArgumentException("no bad values for " + route + " " + key);
    }
  }

  private FuzzCase unknownField(Route route, Random r) {
    if (route.body() == null) {
      return null;
    }
    String key =
        pick(
            "foo",
            "Counter_name",
            "Name",
            "counter_name ",
            "",
            "\u0000",
            "id",
            "meter",
            "tenantId",
            "metadata",
            "resource_metadata",
            "recorded",
            "\uD83D\uDE00",
            "x".repeat(100_000));
    if (route.body().keys(0).contains(key)) {
      return null;
    }
    int index = r.nextInt(route.body().objects().size());
    String value = pick("1", "null", "\"x\"", "{}", RawJson.quote("v".repeat(100_000)));
    String body = route.body().with(index, key, value).render();
    return new FuzzCase("unknown field", route, withBody(route, body), 400);
  }

  // ---- requests that may well be valid

  private FuzzCase oddButMaybeValid(Route route, Random r) {
    ApiRequest request;
    switch (r.nextInt(9)) {
      case 0:
        {
          String[] segments = route.template().substring(1).split("/", -1);
          String[] path = route.path().substring(1).split("/", -1);
          List<Integer> parameters = new ArrayList<>();
          for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith("{")) {
              parameters.add(i);
            }
          }
          if (parameters.isEmpty()) {
            return null;
          }
          String odd = r.nextInt(6) == 0 ? "x".repeat(100_000) : pick(UNICODE);
          path[pick(parameters)] =
              encode(odd).replace("+", "%20")
                  + (r.nextBoolean() ? "" : pick("%2F", "%00", "%C0%AF", "%ED%A0%80"));
          request =
              FuzzFixture.request(
                  route.method(),
                  "/" + String.join("/", path),
                  route.query(),
                  bodyText(route),
                  CALLER);
          break;
        }
      case 1:
        {
          if (route.query().isEmpty()) {
            return null;
          }
          List<Map.Entry<String, String>> query = new ArrayList<>(route.query());
          int at = r.nextInt(query.size());
          String odd =
              route.accepted().get(query.get(at).getKey()) == Param.TIMESTAMP
                  ? pick(ODD_TIMESTAMPS)
                  : pick(UNICODE);
          query.set(at, Map.entry(query.get(at).getKey(), odd));
          request = with(route, query);
          break;
        }
      case 2:
        {
          if (route.body() == null) {
            return null;
          }
          List<String> keys = route.body().keys(0);
          String key = keys.get(r.nextInt(keys.size()));
          String value =
              key.equals("counter_volume")
                  ? pick(
                      "-0",
                      "1e-400",
                      "9223372036854775808",
                      "-9223372036854775809",
                      "\"  42 \"",
                      "\"1e3\"",
                      "1E+2",
                      "-0.0",
                      "4.9e-324",
                      "1.7976931348623157e308",
                      "\"0x1p3\"",
                      "\"1d\"",
                      "123456789012345678901234567890")
                  : key.contains("timestamp")
                      ? RawJson.quote(
                          pick(
                              "1970-01-01T00:00:00Z",
                              "9999-12-31T23:59:59.999Z",
                              "2014-10-22 03:00",
                              "2014-10-22"))
                      : RawJson.quote(pick(UNICODE));
          request =
              withBody(
                  route,
                  route.body().with(r.nextInt(route.body().objects().size()), key, value).render());
          break;
        }
      case 3:
        if (route.body() != null) {
          return null;
        }
        request =
            FuzzFixture.request(
                route.method(),
                route.path(),
                route.query(),
                pick("garbage{[", "null", "\u0000", "[".repeat(10_000)),
                CALLER);
        break;
      case 4:
        if (route.body() == null) {
          return null;
        }
        request = withBody(route, "\uFEFF" + route.body().render());
        break;
      case 5:
        {
          Map<String, String> headers =
              Map.of(
                  Principal.USER_ID_HEADER, " alice ",
                  Principal.PROJECT_ID_HEADER, "acme",
                  Principal.ROLES_HEADER,
                      pick("ADMIN", " Admin ", "member,admin", "admin,,", "Admin,tenant,user"));
          request = withCaller(route, Principal.fromHeaders(headers::get).orElseThrow());
          break;
        }
      case 6:
        request =
            FuzzFixture.request(
                route.method(),
                route.path().endsWith("/")
                    ? route.path().substring(0, route.path().length() - 1)
                    : route.path() + "/",
                route.query(),
                bodyText(route),
                CALLER);
        break;
      case 7:
        {
          int slash = route.path().indexOf('/', 1);
          String first = route.path().substring(1, slash < 0 ? route.path().length() : slash);
          StringBuilder encoded = new StringBuilder("/");
          for (char c : first.toCharArray()) {
            encoded.append(String.format("%%%02X", (int) c));
          }
          request =
              FuzzFixture.request(
                  route.method(),
                  encoded + (slash < 0 ? "" : route.path().substring(slash)),
                  route.query(),
                  bodyText(route),
                  CALLER);
          break;
        }
      default:
        {
          List<Map.Entry<String, String>> query = new ArrayList<>(route.query());
          if (route.metadataFilters()) {
            query.add(Map.entry("metadata." + pick(UNICODE), pick(UNICODE)));
          } else if (route.termKinds().contains("metadata.KEY")) {
            query.addAll(
                pairs(
                    "q.field",
                    "metadata." + pick(UNICODE),
                    "q.op",
                    "eq",
                    "q.value",
                    pick(UNICODE)));
          } else {
            return null;
          }
          request = with(route, query);
        }
    }
    return new FuzzCase("odd but maybe valid", route, request, FuzzCase.EITHER);
  }

  // ---- helpers

  private static ApiRequest with(Route route, List<Map.Entry<String, String>> query) {
    return FuzzFixture.request(route.method(), route.path(), query, bodyText(route), CALLER);
  }

  private static ApiRequest withBody(Route route, String body) {
    return FuzzFixture.request(route.method(), route.path(), route.query(), body, CALLER);
  }

  private static ApiRequest withCaller(Route route, Principal caller) {
    return FuzzFixture.request(
        route.method(), route.path(), route.query(), bodyText(route), caller);
  }

  private static String bodyText(Route route) {
    return route.body() == null ? null : route.body().render();
  }

  private static String renderFirst(RawJson body) {
    return new RawJson(false, List.of(body.objects().get(0))).render();
  }

  private static List<Map.Entry<String, String>> without(
      List<Map.Entry<String, String>> query, String name) {
    List<Map.Entry<String, String>> rest = new ArrayList<>();
    for (Map.Entry<String, String> pair : query) {
      if (!pair.getKey().equals(name)) {
        rest.add(pair);
      }
    }
    return rest;
  }

  static String nested(String open, int depth, String inner, String close) {
    return open.repeat(depth) + inner + close.repeat(depth);
  }

  private static String manyKeys(int count) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    return out.append('}').toString();
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
