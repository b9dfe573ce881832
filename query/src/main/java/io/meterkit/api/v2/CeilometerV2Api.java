package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiFamily;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ErrorRenderer;
import io.meterkit.api.HttpException;
import io.meterkit.api.Routes;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.api.internal.CeilometerFaults;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.Negotiation;
import io.meterkit.api.internal.PyRepr;
import io.meterkit.api.internal.SampleJson;
import io.meterkit.core.Meter;
import io.meterkit.core.NotFoundException;
import io.meterkit.query.Filter;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.StatisticsResult;
import io.meterkit.store.StoredSample;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Ceilometer v2 family, a drop-in for Ceilometer's API, with the K5 statistics window rules as
 * the default {@link WindowPolicy}:
 *
 * <ul>
 *   <li>{@code /} and {@code /index} (any method): the version document; {@code /v2} itself is 404.
 *   <li>{@code GET /v2/meters}: one entry per (resource, meter), ordered by (resource_id, name), or
 *       one per meter name with {@code unique=True}; {@code limit} 1..1440 (default 1440), {@code
 *       offset}.
 *   <li>{@code GET /v2/meters/{meter}} (counter form) and {@code GET /v2/samples} (sample form):
 *       samples newest first, {@code limit} 1..10000 (default 100), {@code as_of} (only samples
 *       recorded at or before that instant); {@code GET /v2/samples/{id}}.
 *   <li>{@code POST /v2/meters/{meter}}: see {@link SamplePosting}; {@code GET
 *       /v2/meters/{meter}/statistics}: see {@link StatisticsRequest} and {@link WindowPolicy}.
 *   <li>{@code GET /v2/resources}, {@code /v2/resources/{id}}: see {@link ResourceListing}; {@code
 *       GET /v2/capabilities}; {@code POST /v2/query/samples}: see {@link ComplexQuery}.
 *   <li>{@code /v2/alarms...} and {@code /v2/query/alarms}: 410, alarms live elsewhere.
 * </ul>
 *
 * <p>Parameters are decoded as Ceilometer did ({@link CeilometerArgs}, {@link SimpleQuery}); the
 * response is JSON ({@link Negotiation}), or CSV for the statistics and the two sample listings
 * when {@code Accept} prefers {@code text/csv}; errors are Ceilometer's envelope ({@link
 * CeilometerFaults#V2}). Members see only their project's data. Thread-safe.
 */
public final class CeilometerV2Api implements ApiFamily {
  /** The most a {@code limit} of a sample or resource listing may be. */
  static final int MAX_LISTING_LIMIT = 10_000;

  /** The {@code limit} of a sample or resource listing without one. */
  static final int DEFAULT_LISTING_LIMIT = 100;

  /** The most (and default) {@code limit} of {@code /v2/meters}. */
  static final int METERS_LIMIT = 1440;

  private static final Set<String> LISTING = Set.of("q", "limit", "as_of");

  private final QueryEngine engine;
  private final WindowPolicy windowPolicy;
  private final Clock clock;
  private final SamplePosting posting;
  private final ResourceListing resources;
  private final ComplexQuery complexQuery;

  /**
   * Creates the family.
   *
   * @param engine the engine over the store
   * @param windowPolicy how statistics with a period bound their range
   * @param clock "now" for default windows and sample timestamps
   */
  public CeilometerV2Api(QueryEngine engine, WindowPolicy windowPolicy, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.windowPolicy = Objects.requireNonNull(windowPolicy, "windowPolicy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.posting = new SamplePosting(engine.store(), clock);
    this.resources = new ResourceListing(engine);
    this.complexQuery = new ComplexQuery(engine);
  }

  @Override
  public void register(Routes routes) {
    routes.any("/", Negotiation.acceptOnly(Documents::versions));
    routes.any("/index", Negotiation.acceptOnly(Documents::versions));
    routes.get("/v2/meters", Negotiation.json(this::listMeters));
    routes.get("/v2/meters/{meter}", Negotiation.jsonOrCsv(this::meterSamples));
    routes.post("/v2/meters/{meter}", Negotiation.json(posting::post));
    routes.post("/v2/meters/{meter}/{direct}", Negotiation.json(posting::post));
    routes.get("/v2/meters/{meter}/statistics", Negotiation.jsonOrCsv(this::statistics));
    routes.notAllowed("GET", "/v2/meters/{meter}/{segment}");
    routes.get("/v2/samples", Negotiation.jsonOrCsv(this::samples));
    routes.get("/v2/samples/{id}", Negotiation.json(this::sample));
    routes.get("/v2/resources", Negotiation.json(resources::list));
    routes.get("/v2/resources/{id}", Negotiation.json(resources::one));
    routes.get("/v2/capabilities", Negotiation.json(Documents::capabilities));
    routes.post("/v2/query/samples", Negotiation.json(complexQuery::answer));
    for (String gone :
        List.of(
            "/v2/alarms",
            "/v2/alarms/{a}",
            "/v2/alarms/{a}/{b}",
            "/v2/alarms/{a}/{b}/{c}",
            "/v2/query/alarms")) {
      routes.any(gone, CeilometerV2Api::alarmsGone);
    }
  }

  @Override
  public ErrorRenderer errorRenderer() {
    return CeilometerFaults.V2;
  }

  /** Everything Ceilometer's v2 application served: {@code /}, {@code /index}, {@code /v2...}. */
  @Override
  public boolean owns(String rawPath) {
    return rawPath.equals("/")
        || rawPath.equals("/index")
        || rawPath.equals("/v1")
        || rawPath.startsWith("/v2");
  }

  private static ApiResponse alarmsGone(ApiCall call) {
    throw new HttpException(
        410,
        "alarms are not served here",
        "alarms URLs is unavailable when Aodh is disabled or unavailable.");
  }

  private ApiResponse listMeters(ApiCall call) {
    CeilometerArgs args = CeilometerArgs.of(call.query(), Set.of("q", "limit", "unique", "offset"));
    int limit = ListingLimits.limit(args, METERS_LIMIT, METERS_LIMIT);
    long offset = ListingLimits.offset(args);
    boolean unique = args.flag("unique");
    SimpleQuery query = SimpleQuery.parse(args.terms(), SimpleQuery.Route.METERS, call.principal());
    Optional<Filter> filter = query.filter(call.principal());
    ArrayNode body = Json.array();
    if (filter.isEmpty()) {
      return Json.ok(body);
    }
    List<Meter> meters = engine.meters(engine.store().snapshot(), filter.get());
    java.util.TreeMap<String, Meter> byName = new java.util.TreeMap<>();
    if (unique) {
      for (Meter meter : meters) {
        byName.putIfAbsent(meter.name(), meter);
      }
    }
    long skipped = 0;
    for (Meter meter : unique ? List.copyOf(byName.values()) : meters) {
      if (skipped++ < offset) {
        continue;
      }
      if (body.size() == limit) {
        break;
      }
      body.add(meterJson(meter, unique));
    }
    return Json.ok(body);
  }

  private ApiResponse statistics(ApiCall call) {
    // Whole seconds: a default window starting at "now - 14 days" then prints without a fraction.
    long now = Math.floorDiv(clock.millis(), 1000L) * 1000L;
    StatisticsRequest request = StatisticsRequest.parse(call, windowPolicy, now);
    ArrayNode body = Json.array();
    if (request.query.isPresent()) {
      StatisticsResult rows = engine.statistics(request.query.get());
      for (int row = 0; row < rows.size(); row++) {
        body.add(StatisticsJson.write(rows, row, request.requested, request.zone));
      }
    }
    return Json.ok(body);
  }

  private ApiResponse meterSamples(ApiCall call) {
    return listSamples(call, call.path("meter"), SampleJson::counterForm);
  }

  private ApiResponse samples(ApiCall call) {
    return listSamples(call, null, SampleJson::sampleForm);
  }

  private ApiResponse listSamples(
      ApiCall call, String pathMeter, Function<StoredSample, ObjectNode> form) {
    CeilometerArgs args = CeilometerArgs.of(call.query(), LISTING);
    int limit = ListingLimits.limit(args, DEFAULT_LISTING_LIMIT, MAX_LISTING_LIMIT);
    Instant asOf = args.instant("as_of").orElse(null);
    SimpleQuery query =
        SimpleQuery.parse(args.terms(), SimpleQuery.Route.SAMPLES, call.principal());
    ArrayNode body = Json.array();
    for (StoredSample sample :
        SampleSelection.select(engine, query, pathMeter, call.principal(), limit, asOf)) {
      body.add(form.apply(sample));
    }
    return Json.ok(body);
  }

  private ApiResponse sample(ApiCall call) {
    CeilometerArgs.of(call.query(), Set.of());
    String id = call.path("id");
    StoredSample sample =
        engine
            .store()
            .sample(id)
            .filter(s -> Access.isVisible(call.principal(), s.sample().projectId()))
            .orElseThrow(() -> new NotFoundException("Sample " + PyRepr.cut(id) + " Not Found"));
    return Json.ok(SampleJson.sampleForm(sample));
  }

  private static ObjectNode meterJson(Meter meter, boolean unique) {
    ObjectNode json = Json.object();
    String resource = unique ? null : meter.resourceId();
    json.put(
        "meter_id",
        unique
            ? Base64.getEncoder()
                .encodeToString(("None+" + meter.name()).getBytes(StandardCharsets.UTF_8))
            : meter.meterId());
    json.put("name", meter.name());
    json.put("project_id", unique ? null : meter.projectId());
    json.put("resource_id", resource);
    json.put("source", unique ? null : meter.source());
    json.put("type", meter.type().wireName());
    json.put("unit", meter.unit());
    json.put("user_id", unique ? null : meter.userId());
    return json;
  }
}
