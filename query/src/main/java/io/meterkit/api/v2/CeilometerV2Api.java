package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiFamily;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.Routes;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.Params;
import io.meterkit.api.internal.QueryTerm;
import io.meterkit.api.internal.SampleJson;
import io.meterkit.core.Meter;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.NotFoundException;
import io.meterkit.query.Filter;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.SampleQuery;
import io.meterkit.query.StatisticsResult;
import io.meterkit.store.StoredSample;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The Ceilometer v2 family, with the K5 statistics window rules as the default {@link
 * WindowPolicy}:
 *
 * <ul>
 *   <li>{@code GET /v2/meters}: one entry per (resource, meter), ordered by (resource_id, name);
 *       {@code q} on resource_id, project_id, user_id, source; {@code unique=True} keeps one entry
 *       per meter name; {@code limit} 1..1440 (default 1440), {@code offset} at least 0.
 *   <li>{@code GET /v2/meters/{meter}/statistics}: see {@link WindowPolicy} and {@link
 *       StatisticsRequest}.
 *   <li>{@code GET /v2/meters/{meter}}: raw samples in the counter form, newest first, {@code q}
 *       like statistics, {@code limit} 1..1440 (default 1440), {@code as_of} (only samples recorded
 *       at or before that instant).
 *   <li>{@code POST /v2/meters/{meter}}: ingest, see {@link SamplePosting}.
 *   <li>{@code GET /v2/samples}: raw samples of every meter in the sample form, newest first;
 *       {@code q} like statistics plus {@code meter}; {@code limit} and {@code as_of} as above.
 *   <li>{@code GET /v2/samples/{id}}: one sample in the sample form; 404 naming the id.
 * </ul>
 *
 * <p>Members see only their project's data (a silent filter); see {@link Access}. Thread-safe.
 */
public final class CeilometerV2Api implements ApiFamily {
  private static final Set<String> TERM_PARAMETERS = Set.of("q.field", "q.op", "q.value", "q.type");

  private final QueryEngine engine;
  private final WindowPolicy windowPolicy;
  private final Clock clock;
  private final SamplePosting posting;

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
  }

  @Override
  public void register(Routes routes) {
    routes.get("/v2/meters", this::listMeters);
    routes.get("/v2/meters/{meter}/statistics", this::statistics);
    routes.get("/v2/meters/{meter}", this::meterSamples);
    routes.post("/v2/meters/{meter}", posting::post);
    routes.get("/v2/samples", this::samples);
    routes.get("/v2/samples/{id}", this::sample);
  }

  private ApiResponse listMeters(ApiCall call) {
    Params.allowOnly(call.query(), with(TERM_PARAMETERS, "limit", "offset", "unique"));
    TermSelection terms = TermSelection.of(QueryTerm.parse(call.query()), TermSelection.CATALOG);
    int limit = Params.limit(call.query());
    int offset = (int) Params.integer(call.query(), "offset", 0, Integer.MAX_VALUE, 0);
    boolean unique = Params.flag(call.query(), "unique", false);
    Optional<Filter> filter = Access.restrict(call.principal(), terms.conditions).toFilter();
    List<Meter> meters =
        filter.isEmpty() ? List.of() : engine.meters(engine.store().snapshot(), filter.get());
    ArrayNode body = Json.array();
    Set<String> names = new HashSet<>();
    int skipped = 0;
    for (Meter meter : meters) {
      if ((unique && !names.add(meter.name())) || skipped++ < offset) {
        continue;
      }
      if (body.size() == limit) {
        break;
      }
      body.add(meterJson(meter));
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
    return listSamples(call, TermSelection.ONE_METER, call.path("meter"), SampleJson::counterForm);
  }

  private ApiResponse samples(ApiCall call) {
    return listSamples(call, TermSelection.ALL_METERS, null, SampleJson::sampleForm);
  }

  private ApiResponse listSamples(
      ApiCall call,
      Set<TermSelection.Kind> kinds,
      String pathMeter,
      Function<StoredSample, ObjectNode> form) {
    Params.allowOnly(call.query(), with(TERM_PARAMETERS, "limit", "as_of"));
    TermSelection terms = TermSelection.of(QueryTerm.parse(call.query()), kinds);
    int limit = Params.limit(call.query());
    OptionalLong asOf = Params.timestamp(call.query(), "as_of");
    Optional<Filter> filter = Access.restrict(call.principal(), terms.conditions).toFilter();
    ArrayNode body = Json.array();
    if (filter.isPresent()) {
      SampleQuery query =
          SampleQuery.builder()
              .meter(pathMeter != null ? pathMeter : terms.meter)
              .range(terms.range())
              .filter(filter.get())
              .asOf(asOf.isPresent() ? Instant.ofEpochMilli(asOf.getAsLong()) : null)
              .limit(limit)
              .build();
      for (StoredSample sample : engine.samples(query)) {
        body.add(form.apply(sample));
      }
    }
    return Json.ok(body);
  }

  private ApiResponse sample(ApiCall call) {
    Params.allowOnly(call.query(), Set.of());
    String id = call.path("id");
    StoredSample sample =
        engine
            .store()
            .sample(id)
            .filter(s -> Access.isVisible(call.principal(), s.sample().projectId()))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "sample " + MeterkitException.describe(id) + " not found"));
    return Json.ok(SampleJson.sampleForm(sample));
  }

  private static ObjectNode meterJson(Meter meter) {
    ObjectNode json = Json.object();
    json.put("meter_id", meter.meterId());
    json.put("name", meter.name());
    json.put("project_id", meter.projectId());
    json.put("resource_id", meter.resourceId());
    json.put("source", meter.source());
    json.put("type", meter.type().wireName());
    json.put("unit", meter.unit());
    json.put("user_id", meter.userId());
    return json;
  }

  private static Set<String> with(Set<String> base, String... more) {
    Set<String> names = new HashSet<>(base);
    names.addAll(List.of(more));
    return names;
  }
}
