package io.meterkit.api.v1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiFamily;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.Endpoint;
import io.meterkit.api.ErrorRenderer;
import io.meterkit.api.Principal;
import io.meterkit.api.Routes;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.CeilometerFaults;
import io.meterkit.api.internal.CeilometerTime;
import io.meterkit.api.internal.Conditions;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.MetadataPrefix;
import io.meterkit.api.internal.SampleJson;
import io.meterkit.api.internal.SampleReader;
import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import io.meterkit.query.AggregateFunction;
import io.meterkit.query.Aggregation;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.MetadataMatch;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.ResourceQuery;
import io.meterkit.query.SampleQuery;
import io.meterkit.query.Statistics;
import io.meterkit.store.StoredSample;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Ceilometer v1 family, mounted under {@code /v1}: the 17 routes of Ceilometer's v1 API plus
 * the five meter listings (all meters, and those of one resource, project, user or source).
 *
 * <ul>
 *   <li>Listings ({@code resources}, {@code projects}, {@code users}, {@code meters}, {@code
 *       events}) answer wrapped objects such as {@code {"resources": [...]}} and accept {@code
 *       metadata.KEY=VALUE} filters (string equality; resources, meters, projects and users match
 *       each series' latest metadata, events each sample's).
 *   <li>{@code start_timestamp} is inclusive, {@code end_timestamp} exclusive; on resources they
 *       bound the last sample time, on events the sample time.
 *   <li>{@code .../volume/max} and {@code .../volume/sum} answer {@code {"volume": N}} over the
 *       window widened by {@code search_offset} minutes, {@code {"volume": null}} when nothing
 *       matched.
 *   <li>{@code .../duration} answers {@code {"start_timestamp", "end_timestamp", "duration"}}: the
 *       first and last sample of the widened window clamped back to the requested one, and the
 *       seconds between them; all three are null when nothing is left.
 * </ul>
 *
 * <p>Access: a member naming another project in {@code /v1/projects/{project}/...} gets 404;
 * everywhere else its project is silently added as a filter; {@code /v1/users} answers a member its
 * own user id, {@code /v1/projects} its own project. Unknown parameters are ignored and a repeated
 * one counts once (its first value), as Flask read them; instants print with six fraction digits; a
 * path with a trailing slash is 404. Errors use the v2 envelope ({@link CeilometerFaults#V1}).
 * Thread-safe.
 */
public final class CeilometerV1Api implements ApiFamily {

  /** The path parameter names, by the dimension their segment names. */
  private static final Map<Dimension, String> PARAMETER =
      Map.of(
          Dimension.RESOURCE_ID, "resource",
          Dimension.PROJECT_ID, "project",
          Dimension.USER_ID, "user",
          Dimension.SOURCE, "source");

  private final QueryEngine engine;

  /**
   * Creates the family.
   *
   * @param engine the engine over the store
   */
  public CeilometerV1Api(QueryEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public void register(Routes routes) {
    get(routes, "/v1/resources", call -> resources(call, null));
    get(routes, "/v1/projects", call -> projects(call, null));
    get(routes, "/v1/users", call -> users(call, null));
    get(routes, "/v1/meters", call -> meters(call, null));
    for (Dimension owner : List.of(Dimension.PROJECT_ID, Dimension.SOURCE, Dimension.USER_ID)) {
      get(routes, prefix(owner) + "/resources", call -> resources(call, owner));
    }
    get(routes, "/v1/sources/{source}", call -> Json.ok(Json.object()));
    get(routes, "/v1/sources/{source}/projects", call -> projects(call, Dimension.SOURCE));
    get(routes, "/v1/sources/{source}/users", call -> users(call, Dimension.SOURCE));
    for (Dimension owner : Dimension.values()) {
      get(routes, prefix(owner) + "/meters", call -> meters(call, owner));
      get(routes, prefix(owner) + "/meters/{meter}", call -> events(call, owner));
    }
    for (Dimension owner : List.of(Dimension.RESOURCE_ID, Dimension.PROJECT_ID)) {
      get(
          routes,
          prefix(owner) + "/meters/{meter}/volume/max",
          call -> volume(call, owner, AggregateFunction.MAX));
      get(
          routes,
          prefix(owner) + "/meters/{meter}/volume/sum",
          call -> volume(call, owner, AggregateFunction.SUM));
    }
    get(routes, "/v1/resources/{resource}/meters/{meter}/duration", this::duration);
  }

  @Override
  public ErrorRenderer errorRenderer() {
    return CeilometerFaults.V1;
  }

  @Override
  public boolean owns(String rawPath) {
    return rawPath.startsWith("/v1/");
  }

  @Override
  public boolean acceptsTrailingSlash() {
    return false;
  }

  // Every v1 body is application/json without a charset.
  private static void get(Routes routes, String template, Endpoint endpoint) {
    routes.get(
        template,
        call -> endpoint.handle(call).withHeader("Content-Type", CeilometerFaults.CONTENT_TYPE));
  }

  private ApiResponse resources(ApiCall call, Dimension owner) {
    V1Window window = V1Window.parse(call.query());
    Optional<Filter> filter = conditions(call, owner, true).toFilter();
    ArrayNode resources = Json.array();
    if (filter.isPresent()) {
      for (Resource resource :
          engine.resources(
              engine.store().snapshot(), new ResourceQuery(filter.get(), window.range()))) {
        resources.add(V1Json.resource(resource));
      }
    }
    return wrapped("resources", resources);
  }

  // A member sees its own project: under a source only when it has data from there.
  private ApiResponse projects(ApiCall call, Dimension owner) {
    Principal caller = call.principal();
    if (!caller.isAdmin()) {
      ArrayNode own = Json.array();
      if (owner == null
          || (caller.projectId() != null && !values(call, owner, Dimension.PROJECT_ID).isEmpty())) {
        own.add(caller.projectId());
      }
      return wrapped("projects", own);
    }
    return wrapped("projects", values(call, owner, Dimension.PROJECT_ID));
  }

  // A member sees its own user id.
  private ApiResponse users(ApiCall call, Dimension owner) {
    if (!call.principal().isAdmin()) {
      ArrayNode own = Json.array();
      own.add(call.principal().userId());
      return wrapped("users", own);
    }
    return wrapped("users", values(call, owner, Dimension.USER_ID));
  }

  private ArrayNode values(ApiCall call, Dimension owner, Dimension listed) {
    Optional<Filter> filter = conditions(call, owner, false).toFilter();
    ArrayNode values = Json.array();
    if (filter.isPresent()) {
      engine.values(engine.store().snapshot(), listed, filter.get()).forEach(values::add);
    }
    return values;
  }

  private ApiResponse meters(ApiCall call, Dimension owner) {
    Optional<Filter> filter = conditions(call, owner, true).toFilter();
    ArrayNode meters = Json.array();
    if (filter.isPresent()) {
      for (Meter meter : engine.meters(engine.store().snapshot(), filter.get())) {
        meters.add(V1Json.meter(meter));
      }
    }
    return wrapped("meters", meters);
  }

  private ApiResponse events(ApiCall call, Dimension owner) {
    V1Window window = V1Window.parse(call.query());
    Optional<Filter> filter = conditions(call, owner, true).toFilter();
    ArrayNode events = Json.array();
    if (filter.isPresent()) {
      SampleQuery query =
          SampleQuery.builder()
              .meter(call.path("meter"))
              .range(window.range())
              .filter(filter.get())
              .build();
      for (StoredSample sample : engine.samples(query)) {
        events.add(SampleJson.v1Event(sample));
      }
    }
    return wrapped("events", events);
  }

  private ApiResponse volume(ApiCall call, Dimension owner, AggregateFunction function) {
    Statistics row = windowStatistics(call, owner, function);
    Double volume = null;
    if (row != null) {
      volume = function == AggregateFunction.MAX ? row.max() : row.sum();
    }
    ObjectNode body = Json.object();
    body.put("volume", volume);
    return Json.ok(body);
  }

  private ApiResponse duration(ApiCall call) {
    Statistics row = windowStatistics(call, Dimension.RESOURCE_ID, AggregateFunction.COUNT);
    ObjectNode body = Json.object();
    body.set(
        "start_timestamp", CeilometerTime.v1Json(row == null ? null : row.durationStartMillis()));
    body.set("end_timestamp", CeilometerTime.v1Json(row == null ? null : row.durationEndMillis()));
    body.put("duration", row == null ? null : row.durationSeconds());
    return Json.ok(body);
  }

  // The one statistics row of the path's meter and owner over the (widened) window, or null.
  private Statistics windowStatistics(ApiCall call, Dimension owner, AggregateFunction function) {
    V1Window window = V1Window.parse(call.query());
    Optional<Filter> filter = conditions(call, owner, false).toFilter();
    if (filter.isEmpty() || window.window().isInverted()) {
      return null;
    }
    List<Statistics> rows =
        engine.statistics(
            window
                .statistics(call.path("meter"))
                .filter(filter.get())
                .aggregations(Aggregation.of(function))
                .build());
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The path's owner condition, the metadata filters and the caller's project, ANDed. */
  private static Conditions conditions(ApiCall call, Dimension owner, boolean metadata) {
    Conditions conditions = new Conditions();
    if (owner != null) {
      String value = call.path(PARAMETER.get(owner));
      if (owner == Dimension.PROJECT_ID) {
        Access.requireVisibleProject(call.principal(), value);
      }
      conditions.equal(owner, value);
    }
    if (metadata) {
      for (Map.Entry<String, String> entry : call.query().entries()) {
        MetadataPrefix.METADATA
            .keyOf(entry.getKey())
            .ifPresent(
                key ->
                    conditions.metadata(
                        MetadataMatch.string(SampleReader.flatKey(key), entry.getValue())));
      }
    }
    return Access.restrict(call.principal(), conditions);
  }

  private static String prefix(Dimension owner) {
    String parameter = PARAMETER.get(owner);
    return "/v1/" + parameter + "s/{" + parameter + "}";
  }

  private static ApiResponse wrapped(String name, ArrayNode items) {
    ObjectNode body = Json.object();
    body.set(name, items);
    return Json.ok(body);
  }
}
