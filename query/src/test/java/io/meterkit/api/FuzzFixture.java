package io.meterkit.api;

import io.meterkit.api.burst.BurstCalculator;
import io.meterkit.api.burst.BurstConfig;
import io.meterkit.api.burst.BurstUsageApi;
import io.meterkit.api.usage.UsageEvents;
import io.meterkit.api.usage.UsageEventsApi;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.SampleQuery;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoredSample;
import io.meterkit.store.spi.StoreSnapshot;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The world of the bad-input campaign: a store with Ceilometer samples ({@link
 * ApiTestSupport#knownStore()}), two tenants with location and application events, burst gauges of
 * {@code alice}; a {@link MeterApi} with all four families on a fixed clock; and a catalog with one
 * valid request for every route.
 */
final class FuzzFixture {
  static final Instant NOW = Instant.parse("2014-11-20T00:00:00Z");

  /** Allowed on every route: an admin (all roles) of tenant {@code acme}, user {@code alice}. */
  static final Principal CALLER = new Principal("alice", "acme", List.of("admin"));

  /** The accepted query parameters of a route, by what their values must be. */
  enum Param {
    TIMESTAMP,
    SEARCH_OFFSET,
    LIMIT,
    OFFSET,
    UNIQUE,
    PERIOD,
    GROUPBY,
    AGGREGATE_FUNC,
    AGGREGATE_PARAM,
    Q_FIELD,
    Q_OP,
    Q_VALUE,
    Q_TYPE,
    REQUIRED_TEXT,
    TEXT,
    DATE,
    BURST_LIMIT,
    BURST_OFFSET
  }

  /** Who may call a route, which decides what odd identities get. */
  enum Caller {
    /** v1 and v2 reads: anyone; a member's project is a silent filter. */
    ANYONE,
    /** v1 {@code /v1/projects/{p}/...}: a member of another project gets 404. */
    PROJECT_PATH,
    /** POST /v2/meters/{m}: a member posts for its own project only (403). */
    V2_POST,
    /** Usage events: a role, and for posts the caller's tenant. */
    USAGE_ADMIN,
    USAGE_TENANT_POST,
    USAGE_USER_POST,
    /** Burst usage: the caller must be named by X-User-Id (403). */
    BURST
  }

  /**
   * One route with a valid request.
   *
   * @param method the HTTP method
   * @param template the template as registered
   * @param path a concrete raw path matching it
   * @param query valid decoded parameters, in order
   * @param body a valid body, or null
   * @param allowed every method registered on {@code path}
   * @param caller who may call it
   * @param accepted the parameters the route accepts, by kind
   * @param metadataFilters whether {@code metadata.KEY} parameters are accepted
   * @param termKinds the q.field names the route supports (v2), empty otherwise
   */
  record Route(
      String method,
      String template,
      String path,
      List<Map.Entry<String, String>> query,
      RawJson body,
      Set<String> allowed,
      Caller caller,
      Map<String, Param> accepted,
      boolean metadataFilters,
      Set<String> termKinds) {

    boolean writes() {
      return !method.equals("GET");
    }

    /** The valid request of this route by {@link #CALLER}. */
    ApiRequest valid() {
      return request(method, path, query, body == null ? null : body.render(), CALLER);
    }

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  final MeterStore store;
  final MeterApi api;
  final List<Route> routes;
  private final QueryEngine engine;

  FuzzFixture() {
    store = ApiTestSupport.knownStore();
    engine = new QueryEngine(store);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    store.recordAll(
        List.of(
            gauge("cpu", "MHz", "vm-b1", "2014-11-16T00:00:00Z", 3000),
            gauge("cpu", "MHz", "vm-b1", "2014-11-17T12:00:00Z", 1000),
            gauge("mem", "B", "vm-b1", "2014-11-16T00:00:00Z", 4e9)));
    BurstConfig config =
        new BurstConfig(
            Map.of("cpu", new BigDecimal("0.0001"), "mem", new BigDecimal("0.000000001")),
            Map.of("alice", Map.of("cpu", new BigDecimal("2000"))));
    api =
        MeterApi.builder(store)
            .clock(clock)
            .family(
                new UsageEventsApi(
                    new UsageEvents(store, UsageEvents.DEFAULT_ACTIVE_STATES, clock)))
            .family(new BurstUsageApi(new BurstCalculator(store, config, clock)))
            .build();
    routes = catalog();
    for (String tenant : List.of("acme", "beta")) {
      expect(201, request("POST", "/user", List.of(), "{\"name\":\"" + tenant + "\"}", CALLER));
    }
    expect(
        201,
        request(
            "POST",
            "/usage/locations",
            List.of(),
            "["
                + locationEvent("L1", "e1", "RUNNING", "2014-11-19T08:00:00Z")
                + ","
                + locationEvent("L1", "e1", "STOPPED", "2014-11-19T10:00:00Z")
                + ","
                + locationEvent("L2", "e2", "RUNNING", "2014-11-19T09:00:00Z")
                + "]",
            CALLER));
    expect(201, request("POST", "/usage/application", List.of(), APPLICATION_EVENT, CALLER));
  }

  /** Every route of the four families with a valid request. */
  private static List<Route> catalog() {
    List<Route> routes = new ArrayList<>();
    Map<String, Param> window = params("start_timestamp", Param.TIMESTAMP);
    window.put("end_timestamp", Param.TIMESTAMP);
    Map<String, Param> volume = new LinkedHashMap<>(window);
    volume.put("search_offset", Param.SEARCH_OFFSET);
    List<Map.Entry<String, String>> day =
        pairs("start_timestamp", "2014-10-22T00:00:00", "end_timestamp", "2014-10-23T00:00:00");
    List<Map.Entry<String, String>> flavor = pairs("metadata.flavor", "m1.small");
    List<Map.Entry<String, String>> dayAndFlavor = concat(day, flavor);
    Caller anyone = Caller.ANYONE;
    Set<String> get = Set.of("GET");
    routes.add(v1("/v1/resources", "/v1/resources", dayAndFlavor, window, anyone));
    routes.add(v1("/v1/projects", "/v1/projects", flavor, Map.of(), anyone));
    routes.add(v1("/v1/users", "/v1/users", flavor, Map.of(), anyone));
    routes.add(v1("/v1/meters", "/v1/meters", flavor, Map.of(), anyone));
    routes.add(
        v1(
            "/v1/projects/{project}/resources",
            "/v1/projects/p-1/resources",
            day,
            window,
            Caller.PROJECT_PATH));
    routes.add(
        v1(
            "/v1/sources/{source}/resources",
            "/v1/sources/openstack/resources",
            day,
            window,
            anyone));
    routes.add(v1("/v1/users/{user}/resources", "/v1/users/u-1/resources", day, window, anyone));
    routes.add(
        v1(
            "/v1/sources/{source}/projects",
            "/v1/sources/openstack/projects",
            flavor,
            Map.of(),
            anyone));
    routes.add(
        v1("/v1/sources/{source}/users", "/v1/sources/openstack/users", flavor, Map.of(), anyone));
    Map<String, String> owners = new LinkedHashMap<>();
    owners.put("/v1/resources/{resource}", "/v1/resources/vm-1");
    owners.put("/v1/projects/{project}", "/v1/projects/p-1");
    owners.put("/v1/users/{user}", "/v1/users/u-1");
    owners.put("/v1/sources/{source}", "/v1/sources/openstack");
    for (Map.Entry<String, String> owner : owners.entrySet()) {
      String template = owner.getKey();
      Caller caller = template.contains("{project}") ? Caller.PROJECT_PATH : anyone;
      routes.add(v1(template + "/meters", owner.getValue() + "/meters", flavor, Map.of(), caller));
      routes.add(
          v1(
              template + "/meters/{meter}",
              owner.getValue() + "/meters/cpu_util",
              dayAndFlavor,
              window,
              caller));
    }
    List<Map.Entry<String, String>> widened =
        pairs("start_timestamp", "2014-10-22T00:20:00", "search_offset", "10");
    for (String owner : List.of("resources/vm-1", "projects/p-1")) {
      String template =
          owner.startsWith("resources") ? "/v1/resources/{resource}" : "/v1/projects/{project}";
      Caller caller = owner.startsWith("projects") ? Caller.PROJECT_PATH : anyone;
      for (String function : List.of("max", "sum")) {
        routes.add(
            new Route(
                "GET",
                template + "/meters/{meter}/volume/" + function,
                "/v1/" + owner + "/meters/cpu_util/volume/" + function,
                widened,
                null,
                get,
                caller,
                volume,
                false,
                Set.of()));
      }
    }
    routes.add(
        new Route(
            "GET",
            "/v1/resources/{resource}/meters/{meter}/duration",
            "/v1/resources/vm-1/meters/cpu_util/duration",
            concat(day, pairs("search_offset", "5")),
            null,
            get,
            anyone,
            volume,
            false,
            Set.of()));
    addV2(routes);
    addCeilometerDocuments(routes);
    addUsage(routes);
    addBurst(routes);
    return List.copyOf(routes);
  }

  private static void addV2(List<Route> routes) {
    Map<String, Param> terms = params("q.field", Param.Q_FIELD);
    terms.put("q.op", Param.Q_OP);
    terms.put("q.value", Param.Q_VALUE);
    terms.put("q.type", Param.Q_TYPE);
    Map<String, Param> meters = new LinkedHashMap<>(terms);
    meters.put("limit", Param.LIMIT);
    meters.put("offset", Param.OFFSET);
    meters.put("unique", Param.UNIQUE);
    Set<String> dimensions = Set.of("resource_id", "project_id", "user_id", "source");
    Set<String> oneMeter = new HashSet<>(dimensions);
    oneMeter.addAll(List.of("timestamp", "search_offset", "metadata.KEY"));
    Set<String> allMeters = new HashSet<>(oneMeter);
    allMeters.add("meter");
    routes.add(
        new Route(
            "GET",
            "/v2/meters",
            "/v2/meters",
            pairs(
                "q.field",
                "project_id",
                "q.op",
                "eq",
                "q.value",
                "p-1",
                "limit",
                "10",
                "offset",
                "0",
                "unique",
                "False"),
            null,
            Set.of("GET"),
            Caller.ANYONE,
            meters,
            false,
            dimensions));
    Map<String, Param> statistics = new LinkedHashMap<>(terms);
    statistics.put("groupby", Param.GROUPBY);
    statistics.put("period", Param.PERIOD);
    statistics.put("aggregate.func", Param.AGGREGATE_FUNC);
    statistics.put("aggregate.param", Param.AGGREGATE_PARAM);
    routes.add(
        new Route(
            "GET",
            "/v2/meters/{meter}/statistics",
            "/v2/meters/cpu_util/statistics",
            pairs(
                "q.field",
                "timestamp",
                "q.op",
                "ge",
                "q.value",
                "2014-10-22T00:00:00",
                "q.field",
                "timestamp",
                "q.op",
                "lt",
                "q.value",
                "2014-10-23T00:00:00",
                "q.field",
                "project_id",
                "q.op",
                "eq",
                "q.value",
                "p-1",
                "groupby",
                "resource_id",
                "period",
                "3600",
                "aggregate.func",
                "cardinality",
                "aggregate.func",
                "avg",
                "aggregate.param",
                "user_id"),
            null,
            Set.of("GET", "POST"),
            Caller.ANYONE,
            statistics,
            false,
            oneMeter));
    Map<String, Param> samples = new LinkedHashMap<>(terms);
    samples.put("limit", Param.LIMIT);
    routes.add(
        new Route(
            "GET",
            "/v2/meters/{meter}",
            "/v2/meters/cpu_util",
            pairs(
                "q.field",
                "resource_id",
                "q.op",
                "eq",
                "q.value",
                "vm-1",
                "q.field",
                "metadata.flavor",
                "q.op",
                "eq",
                "q.value",
                "m1.small",
                "limit",
                "5"),
            null,
            Set.of("GET", "POST"),
            Caller.ANYONE,
            samples,
            false,
            oneMeter));
    routes.add(
        new Route(
            "POST",
            "/v2/meters/{meter}",
            "/v2/meters/cpu_util",
            List.of(),
            RawJson.array(List.of(sample("fuzz-1", "42.5"), sample("fuzz-2", "17"))),
            Set.of("GET", "POST"),
            Caller.V2_POST,
            Map.of(),
            false,
            Set.of()));
    routes.add(
        new Route(
            "GET",
            "/v2/samples",
            "/v2/samples",
            pairs("q.field", "meter", "q.op", "eq", "q.value", "cpu_util", "limit", "3"),
            null,
            Set.of("GET"),
            Caller.ANYONE,
            samples,
            false,
            allMeters));
    routes.add(
        new Route(
            "GET",
            "/v2/samples/{id}",
            "/v2/samples/cpu-1a",
            List.of(),
            null,
            Set.of("GET"),
            Caller.ANYONE,
            Map.of(),
            false,
            Set.of()));
  }

  // The documents and fixed answers of the Ceilometer families: valid without any parameter.
  private static void addCeilometerDocuments(List<Route> routes) {
    List<String[]> fixed =
        List.of(
            new String[] {"*", "/", "/"},
            new String[] {"*", "/index", "/index"},
            new String[] {"GET", "/v2/capabilities", "/v2/capabilities"},
            new String[] {"GET", "/v2/resources", "/v2/resources"},
            new String[] {"GET", "/v2/resources/{id}", "/v2/resources/vm-1"},
            new String[] {"GET", "/v2/meters/{meter}/{segment}", "/v2/meters/cpu_util/x"},
            new String[] {"GET", "/v1/sources/{source}", "/v1/sources/openstack"},
            new String[] {"*", "/v2/alarms", "/v2/alarms"},
            new String[] {"*", "/v2/alarms/{a}", "/v2/alarms/a"},
            new String[] {"*", "/v2/alarms/{a}/{b}", "/v2/alarms/a/history"},
            new String[] {"*", "/v2/alarms/{a}/{b}/{c}", "/v2/alarms/a/b/c"},
            new String[] {"*", "/v2/query/alarms", "/v2/query/alarms"});
    for (String[] route : fixed) {
      Set<String> allowed =
          route[1].equals("/v2/meters/{meter}/{segment}")
              ? Set.of("GET", "POST")
              : Set.of(route[0]);
      routes.add(
          new Route(
              route[0],
              route[1],
              route[2],
              List.of(),
              null,
              allowed,
              Caller.ANYONE,
              Map.of(),
              false,
              Set.of()));
    }
    routes.add(
        new Route(
            "POST",
            "/v2/meters/{meter}/{direct}",
            "/v2/meters/cpu_util/True",
            List.of(),
            RawJson.array(List.of(sample("fuzz-3", "1"))),
            Set.of("GET", "POST"),
            Caller.V2_POST,
            Map.of(),
            false,
            Set.of()));
    routes.add(
        new Route(
            "POST",
            "/v2/query/samples",
            "/v2/query/samples",
            List.of(),
            RawJson.object("filter", "\"{\\\"=\\\": {\\\"resource\\\": \\\"vm-1\\\"}}\""),
            Set.of("POST"),
            Caller.ANYONE,
            Map.of(),
            false,
            Set.of()));
  }

  private static void addUsage(List<Route> routes) {
    routes.add(
        usage(
            "POST",
            "/user",
            "/user",
            List.of(),
            RawJson.object("name", "\"zeta\""),
            Caller.USAGE_ADMIN,
            Map.of()));
    routes.add(
        usage(
            "DELETE", "/user/{name}", "/user/beta", List.of(), null, Caller.USAGE_ADMIN, Map.of()));
    routes.add(
        new Route(
            "POST",
            "/usage/location",
            "/usage/location",
            List.of(),
            locationBody(),
            Set.of("GET", "POST"),
            Caller.USAGE_USER_POST,
            Map.of(),
            false,
            Set.of()));
    routes.add(
        usage(
            "POST",
            "/usage/locations",
            "/usage/locations",
            List.of(),
            RawJson.array(
                List.of(locationBody().objects().get(0), locationBody().objects().get(0))),
            Caller.USAGE_USER_POST,
            Map.of()));
    routes.add(
        usage(
            "POST",
            "/usage/application",
            "/usage/application",
            List.of(),
            applicationBody(),
            Caller.USAGE_TENANT_POST,
            Map.of()));
    routes.add(
        usage(
            "POST",
            "/usage/applications",
            "/usage/applications",
            List.of(),
            RawJson.array(List.of(applicationBody().objects().get(0))),
            Caller.USAGE_TENANT_POST,
            Map.of()));
    Map<String, Param> hours = params("tenantId", Param.REQUIRED_TEXT);
    hours.put("startTime", Param.TIMESTAMP);
    hours.put("endTime", Param.TIMESTAMP);
    List<Map.Entry<String, String>> day =
        pairs("startTime", "2014-11-19T00:00:00Z", "endTime", "2014-11-20T00:00:00Z");
    routes.add(
        usage(
            "GET",
            "/usage/location/hour",
            "/usage/location/hour",
            concat(pairs("tenantId", "acme"), day),
            null,
            Caller.USAGE_ADMIN,
            hours));
    Map<String, Param> metadata = params("locId", Param.REQUIRED_TEXT);
    metadata.put("startTime", Param.TIMESTAMP);
    metadata.put("endTime", Param.TIMESTAMP);
    routes.add(
        usage(
            "GET",
            "/usage/location-metadata",
            "/usage/location-metadata",
            concat(pairs("locId", "L1"), day),
            null,
            Caller.USAGE_ADMIN,
            metadata));
    Map<String, Param> locations = new LinkedHashMap<>();
    for (String name :
        List.of(
            "tenantId",
            "ampId",
            "applicationId",
            "entityId",
            "locId",
            "user",
            "entityType",
            "state")) {
      locations.put(name, Param.TEXT);
    }
    locations.put("startTime", Param.TIMESTAMP);
    locations.put("endTime", Param.TIMESTAMP);
    routes.add(
        new Route(
            "GET",
            "/usage/location",
            "/usage/location",
            concat(pairs("tenantId", "acme", "locId", "L1", "state", "RUNNING"), day),
            null,
            Set.of("GET", "POST"),
            Caller.USAGE_ADMIN,
            locations,
            false,
            Set.of()));
  }

  private static void addBurst(List<Route> routes) {
    Map<String, Param> dates = new LinkedHashMap<>();
    for (String name : List.of("date", "date__lt", "date__lte", "date__gt", "date__gte")) {
      dates.put(name, Param.DATE);
    }
    Map<String, Param> daily = new LinkedHashMap<>(dates);
    daily.put("limit", Param.BURST_LIMIT);
    daily.put("offset", Param.BURST_OFFSET);
    routes.add(
        burst("/burstusage/", pairs("date__gte", "2014-11-10", "date__lt", "2014-11-20"), dates));
    routes.add(burst("/api/2.0/burstusage/", pairs("date", "2014-11-16"), dates));
    routes.add(
        burst(
            "/dailyburstusage/",
            pairs("date__gt", "2014-11-14", "date__lte", "2014-11-19", "limit", "5", "offset", "1"),
            daily));
    routes.add(burst("/api/2.0/dailyburstusage/", List.of(), daily));
  }

  private static Route v1(
      String template,
      String path,
      List<Map.Entry<String, String>> query,
      Map<String, Param> accepted,
      Caller caller) {
    return new Route(
        "GET", template, path, query, null, Set.of("GET"), caller, accepted, true, Set.of());
  }

  private static Route usage(
      String method,
      String template,
      String path,
      List<Map.Entry<String, String>> query,
      RawJson body,
      Caller caller,
      Map<String, Param> accepted) {
    return new Route(
        method, template, path, query, body, Set.of(method), caller, accepted, false, Set.of());
  }

  private static Route burst(
      String path, List<Map.Entry<String, String>> query, Map<String, Param> accepted) {
    return new Route(
        "GET", path, path, query, null, Set.of("GET"), Caller.BURST, accepted, false, Set.of());
  }

  static List<Map.Entry<String, String>> sample(String messageId, String volume) {
    return RawJson.members(
        "counter_name", "\"cpu_util\"",
        "counter_type", "\"gauge\"",
        "counter_unit", "\"%\"",
        "counter_volume", volume,
        "resource_id", "\"vm-9\"",
        "project_id", "\"acme\"",
        "user_id", "\"alice\"",
        "source", "\"fuzz\"",
        "timestamp", "\"2014-10-22T03:00:00\"",
        "resource_metadata", "{\"flavor\":\"m1.tiny\",\"properties\":{\"env\":\"prod\",\"n\":1}}",
        "message_id", RawJson.quote(messageId));
  }

  static RawJson locationBody() {
    return RawJson.object(
        "user", "\"bob\"",
        "ampId", "\"amp-1\"",
        "applicationId", "\"app-1\"",
        "entityId", "\"vm-7\"",
        "entityType", "\"vm\"",
        "locationId", "\"L1\"",
        "state", "\"RUNNING\"",
        "timestamp", "\"2014-11-19T11:00:00Z\"",
        "metadata", "{\"size\":\"large\",\"cores\":4,\"ratio\":0.5}");
  }

  static RawJson applicationBody() {
    return RawJson.object(
        "user", "\"bob\"",
        "ampId", "\"amp-1\"",
        "applicationId", "\"app-1\"",
        "state", "\"RUNNING\"",
        "timestamp", "\"2014-11-19T11:00:00Z\"",
        "metadata", "{\"tier\":\"gold\"}");
  }

  private static final String APPLICATION_EVENT = applicationBody().render();

  private static String locationEvent(String location, String entity, String state, String time) {
    return locationBody()
        .with(0, "locationId", RawJson.quote(location))
        .with(0, "entityId", RawJson.quote(entity))
        .with(0, "state", RawJson.quote(state))
        .with(0, "timestamp", RawJson.quote(time))
        .render();
  }

  private static Sample gauge(
      String meter, String unit, String resource, String time, double level) {
    return Sample.builder(meter, MeterType.GAUGE, unit)
        .volume(level)
        .timestamp(Instant.parse(time))
        .resourceId(resource)
        .userId("alice")
        .projectId("acme")
        .build();
  }

  /** Builds a request from decoded parameters, percent-encoding them. */
  static ApiRequest request(
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      String body,
      Principal caller) {
    ApiRequest.Builder builder = ApiRequest.builder(method, path).rawQuery(rawQuery(query));
    if (body != null) {
      builder.header("Content-Type", "application/json").body(body);
    }
    return builder.principal(caller).build();
  }

  static String rawQuery(List<Map.Entry<String, String>> query) {
    StringBuilder raw = new StringBuilder();
    for (Map.Entry<String, String> pair : query) {
      raw.append(raw.length() == 0 ? "" : "&")
          .append(encode(pair.getKey()))
          .append('=')
          .append(encode(pair.getValue()));
    }
    return raw.toString();
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static List<Map.Entry<String, String>> pairs(String... namesAndValues) {
    return RawJson.members(namesAndValues);
  }

  static List<Map.Entry<String, String>> concat(
      List<Map.Entry<String, String>> first, List<Map.Entry<String, String>> second) {
    List<Map.Entry<String, String>> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static Map<String, Param> params(String name, Param kind) {
    Map<String, Param> params = new LinkedHashMap<>();
    params.put(name, kind);
    return params;
  }

  private void expect(int status, ApiRequest request) {
    ApiResponse response = api.handle(request);
    if (response.status() != status) {
      throw new IllegalStateException("fixture: " + request + " answered " + response);
    }
  }

  /** What a cheap comparison of the store sees. */
  record Fingerprint(long sampleCount, List<String> meterNames) {}

  Fingerprint fingerprint() {
    StoreSnapshot snapshot = store.snapshot();
    return new Fingerprint(snapshot.sampleCount(), snapshot.meterNames());
  }

  /** Every stored sample, with its recording time. */
  Set<StoredSample> content() {
    return new HashSet<>(engine.samples(store.snapshot(), SampleQuery.builder().build()));
  }
}
