package io.meterkit.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A random request for every route of the four families, keyed {@code METHOD template} as the
 * routes are registered. Path parameters and query values are drawn from the ids of every project
 * (the caller's, other projects', shared and unknown ones), so that requests keep trying to reach
 * other projects' data. Posted message ids are always fresh or the caller's own (a foreign one is
 * refused with 409, see {@code SamplePostingIsolationTest}).
 */
final class IsolationRequests {
  /** Builds the query and body of one request. */
  @FunctionalInterface
  interface Filler {
    void fill(Random random, Draft draft);
  }

  /** A request being built. */
  static final class Draft {
    final String method;
    String path;
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    String body;
    final String ownProject;

    Draft(String method, String path, String ownProject) {
      this.method = method;
      this.path = path;
      this.ownProject = ownProject;
    }

    Draft param(String name, String value) {
      query.add(Map.entry(name, value));
      return this;
    }

    ApiRequest build(Principal caller) {
      StringBuilder raw = new StringBuilder();
      for (Map.Entry<String, String> pair : query) {
        raw.append(raw.length() == 0 ? "" : "&")
            .append(encode(pair.getKey()))
            .append('=')
            .append(encode(pair.getValue()));
      }
      ApiRequest.Builder builder = ApiRequest.builder(method, path).rawQuery(raw.toString());
      if (body != null) {
        builder.header("Content-Type", "application/json").body(body);
      }
      return builder.principal(caller).build();
    }

    /** Everything the request says, decoded, to tell echoed ids from leaked ones. */
    String text() {
      return path + " " + query + " " + (body == null ? "" : body);
    }
  }

  static final List<String> PROJECTS = List.of("proj-a", "proj-b", "proj-c", "proj-z");
  static final List<String> RESOURCES =
      List.of(
          "res-a1",
          "res-a2",
          "res-b1",
          "res-b3",
          "res-c1",
          "res-shared-0",
          "res-shared-1",
          "res-none");
  static final List<String> USERS =
      List.of("usr-a1", "usr-a2", "usr-b1", "usr-c1", "usr-c2", "usr-shared", "usr-none");
  static final List<String> SOURCES = List.of("openstack", "src-a", "src-b", "src-c", "src-none");
  static final List<String> FLAVORS = List.of("m1.small", "flv-a0", "flv-b1", "flv-c0");
  static final List<String> MESSAGE_IDS =
      List.of("msg-a-0", "msg-a-3", "msg-b-1", "msg-b-5", "msg-c-2", "msg-none");
  static final List<String> LOCATIONS = List.of("loc-a0", "loc-b1", "loc-c0", "loc-none");
  static final List<String> TIMES =
      List.of(
          "2014-11-10T00:00:00",
          "2014-11-15T12:00:00",
          "2014-11-19T00:00:00",
          "2014-11-20T00:00:00");
  static final List<String> DATES = List.of("2014-11-10", "2014-11-15", "2014-11-19", "2014-11-20");

  private static final AtomicInteger FRESH = new AtomicInteger();

  /** The filler of every route. */
  static final Map<String, Filler> FILLERS = fillers();

  private IsolationRequests() {}

  /** A random request for a route, or null when there is no filler for it. */
  static Draft draft(String method, String template, Random random, String ownProject) {
    Filler filler = FILLERS.get(method + " " + template);
    if (filler == null) {
      return null;
    }
    Draft draft = new Draft(method, fillPath(template, random), ownProject);
    filler.fill(random, draft);
    return draft;
  }

  private static Map<String, Filler> fillers() {
    Map<String, Filler> fillers = new LinkedHashMap<>();
    Filler metadata =
        (random, draft) ->
            maybe(random, () -> draft.param("metadata.flavor", pick(random, FLAVORS)));
    Filler window =
        (random, draft) -> {
          maybe(random, () -> draft.param("start_timestamp", pick(random, TIMES)));
          maybe(random, () -> draft.param("end_timestamp", pick(random, TIMES)));
          metadata.fill(random, draft);
        };
    Filler volume =
        (random, draft) -> {
          maybe(random, () -> draft.param("start_timestamp", pick(random, TIMES)));
          maybe(random, () -> draft.param("end_timestamp", pick(random, TIMES)));
          maybe(random, () -> draft.param("search_offset", String.valueOf(random.nextInt(3000))));
        };
    get(fillers, "/v1/resources", window);
    get(fillers, "/v1/projects", metadata);
    get(fillers, "/v1/users", metadata);
    get(fillers, "/v1/meters", metadata);
    for (String owner : List.of("project", "source", "user")) {
      get(fillers, "/v1/" + owner + "s/{" + owner + "}/resources", window);
    }
    get(fillers, "/v1/sources/{source}/projects", metadata);
    get(fillers, "/v1/sources/{source}/users", metadata);
    for (String owner : List.of("resource", "project", "user", "source")) {
      get(fillers, "/v1/" + owner + "s/{" + owner + "}/meters", metadata);
      get(fillers, "/v1/" + owner + "s/{" + owner + "}/meters/{meter}", window);
    }
    for (String owner : List.of("resource", "project")) {
      get(fillers, "/v1/" + owner + "s/{" + owner + "}/meters/{meter}/volume/max", volume);
      get(fillers, "/v1/" + owner + "s/{" + owner + "}/meters/{meter}/volume/sum", volume);
    }
    get(fillers, "/v1/resources/{resource}/meters/{meter}/duration", volume);
    addV2(fillers);
    addCeilometerDocuments(fillers);
    addUsage(fillers);
    Filler dates =
        (random, draft) -> {
          for (String filter : List.of("date", "date__lt", "date__lte", "date__gt", "date__gte")) {
            if (random.nextInt(4) == 0) {
              draft.param(filter, pick(random, DATES));
            }
          }
        };
    Filler daily =
        (random, draft) -> {
          dates.fill(random, draft);
          maybe(random, () -> draft.param("limit", String.valueOf(random.nextInt(5))));
          maybe(random, () -> draft.param("offset", String.valueOf(random.nextInt(3))));
        };
    for (String prefix : List.of("", "/api/2.0")) {
      get(fillers, prefix + "/burstusage/", dates);
      get(fillers, prefix + "/dailyburstusage/", daily);
    }
    return fillers;
  }

  private static void addV2(Map<String, Filler> fillers) {
    BiConsumer<Random, Draft> terms =
        (random, draft) -> {
          int count = random.nextInt(4);
          for (int i = 0; i < count; i++) {
            switch (random.nextInt(6)) {
              case 0:
                term(draft, "resource_id", "eq", pick(random, RESOURCES));
                break;
              case 1:
                term(draft, "project_id", "eq", pick(random, PROJECTS));
                break;
              case 2:
                term(draft, "user_id", "eq", pick(random, USERS));
                break;
              case 3:
                term(draft, "source", "eq", pick(random, SOURCES));
                break;
              case 4:
                term(draft, "metadata.flavor", "eq", pick(random, FLAVORS));
                break;
              default:
                term(draft, "timestamp", random.nextBoolean() ? "ge" : "lt", pick(random, TIMES));
            }
          }
        };
    fillers.put(
        "GET /v2/meters",
        (random, draft) -> {
          terms.accept(random, draft);
          maybe(random, () -> draft.param("limit", String.valueOf(1 + random.nextInt(5))));
        });
    fillers.put(
        "GET /v2/meters/{meter}/statistics",
        (random, draft) -> {
          terms.accept(random, draft);
          maybe(
              random,
              () ->
                  draft.param(
                      "groupby",
                      pick(
                          random,
                          List.of(
                              "resource_id",
                              "project_id",
                              "user_id",
                              "source",
                              "resource_metadata.flavor"))));
          maybe(random, () -> draft.param("period", pick(random, List.of("3600", "86400"))));
          maybe(
              random,
              () -> {
                String function =
                    pick(
                        random,
                        List.of(
                            "count",
                            "sum",
                            "max",
                            "stddev",
                            "cardinality",
                            "integral",
                            "increase",
                            "twa",
                            "percentile"));
                draft.param("aggregate.func", function);
                if (function.equals("cardinality")) {
                  draft.param(
                      "aggregate.param",
                      pick(random, List.of("resource_id", "project_id", "user_id")));
                } else if (function.equals("percentile")) {
                  draft.param("aggregate.param", "90");
                }
              });
        });
    fillers.put(
        "GET /v2/meters/{meter}",
        (random, draft) -> {
          terms.accept(random, draft);
          maybe(random, () -> draft.param("limit", String.valueOf(1 + random.nextInt(5))));
        });
    fillers.put(
        "GET /v2/samples",
        (random, draft) -> {
          terms.accept(random, draft);
          maybe(
              random,
              () ->
                  term(
                      draft,
                      "meter",
                      "eq",
                      pick(random, List.copyOf(IsolationWorld.METERS.keySet()))));
          maybe(random, () -> draft.param("limit", String.valueOf(1 + random.nextInt(5))));
        });
    fillers.put("GET /v2/samples/{id}", (random, draft) -> {});
    fillers.put("POST /v2/meters/{meter}/{direct}", (random, draft) -> post(random, draft));
    fillers.put("POST /v2/meters/{meter}", (random, draft) -> post(random, draft));
  }

  private static void post(Random random, Draft draft) {
    String meter = draft.path.substring("/v2/meters/".length()).split("/")[0];
    IsolationWorld.Meter schema = IsolationWorld.METERS.get(meter);
    int count = 1 + random.nextInt(3);
    List<String> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int project = random.nextInt(4);
      samples.add(
          "{\"counter_name\": \""
              + meter
              + "\", \"counter_type\": \""
              + schema.type().wireName()
              + "\", \"counter_unit\": \""
              + schema.unit()
              + "\", \"counter_volume\": "
              + random.nextInt(100)
              + ", \"resource_id\": \""
              + pick(random, RESOURCES)
              + "\", \"user_id\": \""
              + pick(random, USERS)
              + "\""
              + (project == 0 || draft.ownProject == null
                  ? ""
                  : ", \"project_id\": \""
                      + (project == 1 ? draft.ownProject : pick(random, PROJECTS))
                      + "\"")
              + ", \"source\": \""
              + pick(random, SOURCES)
              + "\", \"timestamp\": \""
              + pick(random, TIMES)
              + "\", \"resource_metadata\": {\"flavor\": \""
              + pick(random, FLAVORS)
              + "\"}, \"message_id\": \""
              + messageId(random, draft.ownProject)
              + "\"}");
    }
    draft.body = "[" + String.join(", ", samples) + "]";
  }

  private static void addCeilometerDocuments(Map<String, Filler> fillers) {
    Filler none = (random, draft) -> {};
    for (String template :
        List.of(
            "* /",
            "* /index",
            "GET /v2/capabilities",
            "GET /v2/meters/{meter}/{segment}",
            "GET /v1/sources/{source}",
            "* /v2/alarms",
            "* /v2/alarms/{a}",
            "* /v2/alarms/{a}/{b}",
            "* /v2/alarms/{a}/{b}/{c}",
            "* /v2/query/alarms")) {
      fillers.put(template, none);
    }
    fillers.put(
        "GET /v2/resources",
        (random, draft) -> {
          maybe(random, () -> term(draft, "project_id", "eq", pick(random, PROJECTS)));
          maybe(random, () -> term(draft, "timestamp", "ge", pick(random, TIMES)));
          maybe(random, () -> draft.param("meter_links", random.nextBoolean() ? "0" : "1"));
        });
    fillers.put("GET /v2/resources/{id}", none);
    fillers.put(
        "POST /v2/query/samples",
        (random, draft) -> {
          String field = pick(random, List.of("project_id", "resource", "user_id", "source"));
          List<String> pool =
              field.equals("project_id")
                  ? PROJECTS
                  : field.equals("resource")
                      ? RESOURCES
                      : field.equals("user_id") ? USERS : SOURCES;
          String filter =
              random.nextBoolean()
                  ? "{\\\"=\\\": {\\\"" + field + "\\\": \\\"" + pick(random, pool) + "\\\"}}"
                  : "{\\\"in\\\": {\\\"" + field + "\\\": [\\\"" + pick(random, pool) + "\\\"]}}";
          draft.body =
              "{\"filter\": \""
                  + filter
                  + "\", \"orderby\": \"[{\\\"timestamp\\\": \\\"asc\\\"}]\", \"limit\": "
                  + (1 + random.nextInt(5))
                  + "}";
        });
  }

  // Fresh, or one of the caller's own ids (a retry when the caller's project holds it).
  private static String messageId(Random random, String ownProject) {
    if (ownProject != null && random.nextInt(4) == 0) {
      return "msg-" + IsolationWorld.letter(ownProject) + "-" + random.nextInt(25);
    }
    return "msg-post-" + FRESH.incrementAndGet();
  }

  private static void addUsage(Map<String, Filler> fillers) {
    fillers.put(
        "POST /user",
        (random, draft) -> draft.body = "{\"name\": \"" + pick(random, PROJECTS) + "\"}");
    fillers.put("DELETE /user/{name}", (random, draft) -> {});
    fillers.put("POST /usage/location", (random, draft) -> draft.body = locationEvent(random));
    fillers.put(
        "POST /usage/locations",
        (random, draft) ->
            draft.body = "[" + locationEvent(random) + ", " + locationEvent(random) + "]");
    fillers.put(
        "POST /usage/application", (random, draft) -> draft.body = applicationEvent(random));
    fillers.put(
        "POST /usage/applications",
        (random, draft) -> draft.body = "[" + applicationEvent(random) + "]");
    Filler window =
        (random, draft) -> {
          draft.param("startTime", pick(random, TIMES) + "Z");
          draft.param("endTime", "2014-11-20T00:00:00Z");
        };
    fillers.put(
        "GET /usage/location/hour",
        (random, draft) -> {
          draft.param("tenantId", pick(random, PROJECTS));
          window.fill(random, draft);
        });
    fillers.put(
        "GET /usage/location-metadata",
        (random, draft) -> {
          draft.param("locId", pick(random, LOCATIONS));
          window.fill(random, draft);
        });
    fillers.put(
        "GET /usage/location",
        (random, draft) -> {
          draft.param("tenantId", pick(random, PROJECTS));
          maybe(random, () -> draft.param("locId", pick(random, LOCATIONS)));
        });
  }

  private static String locationEvent(Random random) {
    return "{\"user\": \""
        + pick(random, USERS)
        + "\", \"ampId\": \"amp-x\", \"applicationId\": \"app-x\", \"entityId\": \"ent-"
        + random.nextInt(3)
        + "\", \"entityType\": \"vm\", \"locationId\": \""
        + pick(random, LOCATIONS)
        + "\", \"state\": \"RUNNING\", \"timestamp\": \""
        + pick(random, TIMES)
        + "Z\", \"metadata\": {\"k\": \"v\"}}";
  }

  private static String applicationEvent(Random random) {
    return "{\"user\": \""
        + pick(random, USERS)
        + "\", \"ampId\": \"amp-x\", \"applicationId\": \"app-y\", \"state\": \"RUNNING\","
        + " \"timestamp\": \""
        + pick(random, TIMES)
        + "Z\", \"metadata\": {}}";
  }

  private static void get(Map<String, Filler> fillers, String template, Filler filler) {
    fillers.put("GET " + template, filler);
  }

  private static void term(Draft draft, String field, String op, String value) {
    draft.param("q.field", field).param("q.op", op).param("q.value", value);
  }

  private static String fillPath(String template, Random random) {
    StringBuilder path = new StringBuilder();
    for (String segment : template.split("/", -1)) {
      if (path.length() > 0 || !segment.isEmpty()) {
        path.append('/');
      }
      if (segment.startsWith("{")) {
        path.append(encode(pick(random, pool(segment.substring(1, segment.length() - 1)))));
      } else {
        path.append(segment);
      }
    }
    String filled = path.toString();
    return template.endsWith("/") && !filled.endsWith("/") ? filled + "/" : filled;
  }

  private static List<String> pool(String parameter) {
    switch (parameter) {
      case "project":
      case "name":
        return PROJECTS;
      case "resource":
        return RESOURCES;
      case "user":
        return USERS;
      case "source":
        return SOURCES;
      case "meter":
        return List.copyOf(IsolationWorld.METERS.keySet());
      case "id":
        return MESSAGE_IDS;
      case "direct":
        return List.of("True", "statistics", "false");
      case "segment":
      case "a":
      case "b":
      case "c":
        return List.of("x", "history", "state");
      default:
        throw new IllegalArgumentException("no pool for path parameter {" + parameter + "}");
    }
  }

  private static void maybe(Random random, Runnable action) {
    if (random.nextBoolean()) {
      action.run();
    }
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
