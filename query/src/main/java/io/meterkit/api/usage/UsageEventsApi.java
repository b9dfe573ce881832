package io.meterkit.api.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiFamily;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.Principal;
import io.meterkit.api.QueryParameters;
import io.meterkit.api.Role;
import io.meterkit.api.Routes;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.Params;
import io.meterkit.api.internal.TimeWindow;
import io.meterkit.core.ForbiddenException;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The usage-events endpoint family over {@link UsageEvents}.
 *
 * <p>Routes and the role each requires (a higher role is accepted too; ADMIN > TENANT > USER):
 *
 * <ul>
 *   <li>{@code POST /user} (ADMIN): body {@code {"name": "acme"}}; 201 {@code {"name": "acme"}},
 *       409 when it exists.
 *   <li>{@code DELETE /user/{name}} (ADMIN): 204, 404 when unknown.
 *   <li>{@code POST /usage/location} (USER), {@code POST /usage/locations} (USER, a JSON array),
 *       {@code POST /usage/application} (TENANT), {@code POST /usage/applications} (TENANT, a JSON
 *       array): events for the calling tenant ({@code X-Project-Id}); all or nothing; 201 with the
 *       stored events; 404 naming the tenant when it does not exist.
 *   <li>{@code GET /usage/location/hour?tenantId&startTime&endTime} (ADMIN): {@code [{"tenantId",
 *       "locationId", "startTime", "endTime", "seconds", "hours"}]}, one per location active in the
 *       window, by location id.
 *   <li>{@code GET /usage/location-metadata?locId&startTime&endTime} (ADMIN): {@code [{"tenantId",
 *       "timestamp", "metadata"}]} of the location's events in the window, oldest first.
 *   <li>{@code GET
 *       /usage/location?tenantId&ampId&applicationId&entityId&locId&user&entityType&state&startTime&endTime}
 *       (ADMIN, at least one parameter): the matching events as posted plus {@code tenantId},
 *       oldest first.
 * </ul>
 *
 * <p>Times are written as {@code yyyy-MM-dd'T'HH:mm:ssX} (e.g. {@code 2024-05-01T10:00:00Z}).
 * Thread-safe: immutable.
 */
public final class UsageEventsApi implements ApiFamily {
  /** The usage family's wording of a start after the end, with both instants in its form. */
  private static final TimeWindow.Words WORDS =
      (start, end) ->
          start.parameter()
              + " must not be after "
              + end.parameter()
              + ", got: "
              + IsoTime.formatUtc(start.millis())
              + " > "
              + IsoTime.formatUtc(end.millis());

  private final UsageEvents events;

  /**
   * Creates the family.
   *
   * @param events the service it exposes
   */
  public UsageEventsApi(UsageEvents events) {
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public void register(Routes routes) {
    routes
        .post("/user", this::createTenant)
        .delete("/user/{name}", this::deleteTenant)
        .post("/usage/location", call -> recordLocations(call, false))
        .post("/usage/locations", call -> recordLocations(call, true))
        .post("/usage/application", call -> recordApplications(call, false))
        .post("/usage/applications", call -> recordApplications(call, true))
        .get("/usage/location/hour", this::locationHours)
        .get("/usage/location-metadata", this::locationMetadata)
        .get("/usage/location", this::locations);
  }

  private ApiResponse createTenant(ApiCall call) {
    call.principal().requireRole(Role.ADMIN);
    Params.allowOnly(call.query(), Set.of());
    JsonNode body = Json.readBody(call.request());
    if (!body.isObject() || !body.path("name").isTextual() || body.size() != 1) {
      throw new InvalidQueryException(
          Violation.of(Json.BODY, Rule.MALFORMED, body.toString(), "{\"name\": \"<tenant>\"}"),
          "body must be {\"name\": \"<tenant>\"}, got: " + Json.describe(body));
    }
    String name = body.get("name").textValue();
    events.createTenant(name);
    return Json.response(201, Json.object().put("name", name));
  }

  private ApiResponse deleteTenant(ApiCall call) {
    call.principal().requireRole(Role.ADMIN);
    Params.allowOnly(call.query(), Set.of());
    events.deleteTenant(call.path("name"));
    return ApiResponse.noContent();
  }

  private ApiResponse recordLocations(ApiCall call, boolean many) {
    return record(
        call, many, Role.USER, EventJson::location, events::recordLocations, EventJson::write);
  }

  private ApiResponse recordApplications(ApiCall call, boolean many) {
    return record(
        call,
        many,
        Role.TENANT,
        EventJson::application,
        events::recordApplications,
        EventJson::write);
  }

  /** Records events for a tenant, naming event {@code i} as the function says. */
  @FunctionalInterface
  private interface Recorder<E> {
    int record(String tenant, List<E> events, IntFunction<String> where);
  }

  // Parses one event (or an array), records them for the calling tenant, answers 201 with them.
  private static <E> ApiResponse record(
      ApiCall call,
      boolean many,
      Role role,
      BiFunction<JsonNode, String, E> read,
      Recorder<E> recorder,
      BiFunction<String, E, ObjectNode> write) {
    call.principal().requireRole(role);
    Params.allowOnly(call.query(), Set.of());
    String tenant = callingTenant(call.principal());
    List<E> posted = EventJson.events(Json.readBody(call.request()), many, read);
    recorder.record(tenant, posted, i -> many ? "body[" + i + "]" : "body");
    ArrayNode stored = Json.array();
    posted.forEach(event -> stored.add(write.apply(tenant, event)));
    return Json.response(201, many ? stored : stored.get(0));
  }

  private ApiResponse locationHours(ApiCall call) {
    call.principal().requireRole(Role.ADMIN);
    QueryParameters query = call.query();
    Params.allowOnly(query, Set.of("tenantId", "startTime", "endTime"));
    String tenant = required(query, "tenantId");
    TimeRange window = window(query, true);
    ArrayNode rows = Json.array();
    for (LocationHours hours : events.locationHours(tenant, window)) {
      ObjectNode row = rows.addObject();
      row.put("tenantId", hours.tenantId());
      row.put(EventField.LOCATION_ID.wireName(), hours.locationId());
      row.put("startTime", IsoTime.formatUtc(hours.startMillis()));
      row.put("endTime", IsoTime.formatUtc(hours.endMillis()));
      row.put("seconds", hours.seconds());
      row.put("hours", hours.hours());
    }
    return Json.ok(rows);
  }

  private ApiResponse locationMetadata(ApiCall call) {
    call.principal().requireRole(Role.ADMIN);
    QueryParameters query = call.query();
    Params.allowOnly(query, Set.of("locId", "startTime", "endTime"));
    String location = required(query, "locId");
    TimeRange window = window(query, true);
    ArrayNode rows = Json.array();
    for (LocationMetadata metadata : events.locationMetadata(location, window)) {
      ObjectNode row = rows.addObject();
      row.put("tenantId", metadata.tenantId());
      row.put("timestamp", IsoTime.formatUtc(metadata.timestampMillis()));
      row.set("metadata", Json.read(metadata.metadataJson(), "metadata"));
    }
    return Json.ok(rows);
  }

  private ApiResponse locations(ApiCall call) {
    call.principal().requireRole(Role.ADMIN);
    QueryParameters query = call.query();
    Set<String> allowed = new HashSet<>(Set.of("tenantId", "startTime", "endTime"));
    for (EventField field : EventField.LOCATION) {
      allowed.add(field.parameter());
    }
    Params.allowOnly(query, allowed);
    Map<EventField, String> fields = new EnumMap<>(EventField.class);
    for (EventField field : EventField.LOCATION) {
      query.single(field.parameter()).ifPresent(value -> fields.put(field, value));
    }
    TimeRange window = window(query, false);
    LocationCriteria criteria =
        new LocationCriteria(
            query.single("tenantId").orElse(null), fields, window.fromMillis(), window.toMillis());
    ArrayNode rows = Json.array();
    for (StoredLocationEvent stored : events.locations(criteria)) {
      rows.add(EventJson.write(stored.tenantId(), stored.event()));
    }
    return Json.ok(rows);
  }

  private static String callingTenant(Principal caller) {
    if (caller.projectId() == null) {
      throw new ForbiddenException(
          "recording usage requires the caller's tenant in " + Principal.PROJECT_ID_HEADER);
    }
    return caller.projectId();
  }

  private static String required(QueryParameters query, String name) {
    return query
        .single(name)
        .filter(value -> !value.isBlank())
        .orElseThrow(
            () ->
                new InvalidQueryException(
                    Violation.of(
                        new RequestField(name), Rule.REQUIRED, query.single(name).orElse(null)),
                    name + " is required"));
  }

  // startTime (inclusive) and endTime (exclusive); both required on the summaries.
  private static TimeRange window(QueryParameters query, boolean required) {
    if (required) {
      required(query, "startTime");
      required(query, "endTime");
    }
    return TimeWindow.UNBOUNDED
        .from(TimeWindow.timestamp(query, "startTime", true))
        .until(TimeWindow.timestamp(query, "endTime", false))
        .ordered(WORDS)
        .range();
  }
}
