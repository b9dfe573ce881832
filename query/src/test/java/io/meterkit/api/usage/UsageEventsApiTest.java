package io.meterkit.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.store.MeterStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The usage-events routes through {@link MeterApi}, on hand-computed data. */
class UsageEventsApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Principal ADMIN = new Principal("root", "ops", List.of("admin"));
  private static final Principal ACME_TENANT = new Principal("t-1", "acme", List.of("tenant"));
  private static final Principal ACME_USER = new Principal("u-1", "acme", List.of("user"));
  private static final Principal BETA_USER = new Principal("u-2", "beta", List.of("user"));
  private static final Principal MEMBER = new Principal("m-1", "acme", List.of("Member"));
  private static final Principal ADMIN_OF_ACME = new Principal("root", "acme", List.of("admin"));

  private MeterStore store;
  private MeterApi api;

  @BeforeEach
  void createTenants() {
    store = MeterStore.inMemory();
    Clock clock = Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);
    api =
        MeterApi.builder(store)
            .family(
                new UsageEventsApi(
                    new UsageEvents(store, UsageEvents.DEFAULT_ACTIVE_STATES, clock)))
            .build();
    assertThat(call("POST", "/user", "{\"name\": \"acme\"}", ADMIN).status()).isEqualTo(201);
    assertThat(call("POST", "/user", "{\"name\": \"beta\"}", ADMIN).status()).isEqualTo(201);
  }

  @Test
  void locationHoursAddUpEntityTimeClippedToTheWindow() {
    // L1/e1 RUNNING 08:00 (before the window), STOPPED 10:00, RUNNING 11:00, RUNNING 11:30, STOPPED
    // 12:00
    //   posted out of order; in [09:00, 12:30): [09:00,10:00) + [11:00,12:00) = 2 h
    // L1/e2 RUNNING 09:30, never stopped: [09:30, 12:30) = 3 h        -> L1 = 5 h = 18000 s
    // L2/e3 RUNNING 06:00, STOPPED 09:45: [09:00, 09:45) = 45 min     -> L2 = 2700 s = 0.75 h
    // L3/e4 STOPPED 09:50 only: never active                          -> no row
    postLocations(
        ACME_USER,
        event("L1", "e1", "STOPPED", "10:00"),
        event("L1", "e2", "RUNNING", "09:30"),
        event("L1", "e1", "RUNNING", "08:00"),
        event("L2", "e3", "STOPPED", "09:45"),
        event("L1", "e1", "RUNNING", "11:30"),
        event("L1", "e1", "STOPPED", "12:00"),
        event("L2", "e3", "RUNNING", "06:00"),
        event("L1", "e1", "RUNNING", "11:00"),
        event("L3", "e4", "STOPPED", "09:50"));

    JsonNode rows =
        json(
            get(
                "/usage/location/hour?tenantId=acme&startTime=2024-05-01T09:00:00Z"
                    + "&endTime=2024-05-01T12:30:00Z"));

    assertThat(rows)
        .isEqualTo(
            parse(
                "[{\"tenantId\":\"acme\",\"locationId\":\"L1\",\"startTime\":\"2024-05-01T09:00:00Z\","
                    + "\"endTime\":\"2024-05-01T12:30:00Z\",\"seconds\":18000,\"hours\":5},"
                    + "{\"tenantId\":\"acme\",\"locationId\":\"L2\",\"startTime\":\"2024-05-01T09:00:00Z\","
                    + "\"endTime\":\"2024-05-01T12:30:00Z\",\"seconds\":2700,\"hours\":0.75}]"));
  }

  @Test
  void overlappingWindowsEachCountOnlyTheirOwnPart() {
    postLocations(
        ACME_USER,
        event("L1", "e1", "RUNNING", "08:00"),
        event("L1", "e1", "STOPPED", "10:00"),
        event("L1", "e1", "RUNNING", "11:00"),
        event("L1", "e1", "STOPPED", "12:00"),
        event("L1", "e2", "RUNNING", "09:30"));
    // [10:30, 11:15): e1 [11:00,11:15) = 900 s; e2 [10:30,11:15) = 2700 s -> 3600 s = 1 h
    // [09:00, 10:45): e1 [09:00,10:00) = 3600 s; e2 [09:30,10:45) = 4500 s -> 8100 s = 2.25 h
    assertThat(hours("10:30", "11:15")).isEqualTo("L1=3600/1");
    assertThat(hours("09:00", "10:45")).isEqualTo("L1=8100/2.25");
  }

  @Test
  void equalTimestampsApplyInArrivalOrder() {
    // Same millisecond: RUNNING then STOPPED leaves e5 stopped; RUNNING again at 11:00.
    postLocations(
        ACME_USER,
        event("L3", "e5", "RUNNING", "10:00"),
        event("L3", "e5", "STOPPED", "10:00"),
        event("L3", "e5", "RUNNING", "11:00"));
    // [11:00, 12:30) = 5400 s = 1.5 h
    assertThat(hours("09:00", "12:30")).isEqualTo("L3=5400/1.5");
  }

  @Test
  void anEntityStillActiveAtTheEndIsCountedUpToEndTime() {
    postLocations(ACME_USER, event("L9", "e9", "RUNNING", "12:00"));
    assertThat(hours("12:00", "12:00:01")).isEqualTo("L9=1/0.000277778");
    // Exact decimals go on the wire in plain notation.
    assertThat(
            get("/usage/location/hour?tenantId=acme&startTime=2024-05-01T12:00:00Z"
                    + "&endTime=2024-05-01T12:00:01Z")
                .bodyText())
        .contains("\"seconds\":1,\"hours\":0.000277778");
  }

  @Test
  void aTenantsHoursNeverIncludeAnotherTenantsEvents() {
    postLocations(ACME_USER, event("L1", "e1", "RUNNING", "09:00"));
    postLocations(BETA_USER, event("L1", "e1", "RUNNING", "09:00"));
    postLocations(BETA_USER, event("L1", "e2", "RUNNING", "09:00"));
    assertThat(hours("09:00", "10:00")).isEqualTo("L1=3600/1");
  }

  @Test
  void locationMetadataListsTheLocationsEventsAcrossTenantsOldestFirst() {
    postLocations(
        ACME_USER, eventWithMetadata("L1", "e1", "RUNNING", "09:00", "{\"zone\":\"a\",\"n\":1}"));
    postLocations(BETA_USER, eventWithMetadata("L1", "e7", "RUNNING", "08:00", "{\"zone\":\"b\"}"));
    postLocations(ACME_USER, eventWithMetadata("L2", "e1", "RUNNING", "08:30", "{\"zone\":\"c\"}"));

    JsonNode rows =
        json(
            get(
                "/usage/location-metadata?locId=L1&startTime=2024-05-01T00:00:00Z"
                    + "&endTime=2024-05-02T00:00:00Z"));

    assertThat(rows)
        .isEqualTo(
            parse(
                "[{\"tenantId\":\"beta\",\"timestamp\":\"2024-05-01T08:00:00Z\",\"metadata\":{\"zone\":\"b\"}},"
                    + "{\"tenantId\":\"acme\",\"timestamp\":\"2024-05-01T09:00:00Z\","
                    + "\"metadata\":{\"zone\":\"a\",\"n\":1}}]"));
  }

  @Test
  void locationSearchReturnsMatchingEventsAsPostedWithTheirTenant() {
    postLocations(
        ACME_USER,
        "{\"user\":\"bob\",\"ampId\":\"amp-1\",\"applicationId\":\"app-1\",\"entityId\":\"e1\","
            + "\"entityType\":\"vm\",\"locationId\":\"L1\",\"state\":\"RUNNING\","
            + "\"timestamp\":\"2024-05-01T09:00:00Z\",\"metadata\":{\"k\":[1,2]}}",
        event("L1", "e2", "STOPPED", "09:10"),
        event("L2", "e3", "RUNNING", "09:20"));

    JsonNode rows = json(get("/usage/location?locId=L1&state=RUNNING"));

    assertThat(rows)
        .isEqualTo(
            parse(
                "[{\"tenantId\":\"acme\",\"user\":\"bob\",\"ampId\":\"amp-1\",\"applicationId\":\"app-1\","
                    + "\"entityId\":\"e1\",\"entityType\":\"vm\",\"locationId\":\"L1\",\"state\":\"RUNNING\","
                    + "\"timestamp\":\"2024-05-01T09:00:00Z\",\"metadata\":{\"k\":[1,2]}}]"));
    assertThat(json(get("/usage/location?tenantId=acme&startTime=2024-05-01T09:15:00Z")))
        .hasSize(1);
  }

  @Test
  void locationSearchWithoutAnyParameterIsRefused() {
    ApiResponse response = call("GET", "/usage/location", null, ADMIN);
    assertThat(response.status()).isEqualTo(400);
    assertThat(message(response))
        .isEqualTo(
            "at least one of tenantId, ampId, applicationId, entityId, locId, user, entityType,"
                + " state, startTime, endTime is required");
  }

  @Test
  void applicationEventsNeedTheTenantRoleAndAreStoredForTheCallingTenant() {
    ApiResponse response =
        call(
            "POST",
            "/usage/applications",
            "[{\"applicationId\":\"app-1\",\"state\":\"DEPLOYED\",\"timestamp\":\"2024-05-01T09:00:00Z\"},"
                + "{\"applicationId\":\"app-2\",\"state\":\"STOPPED\",\"timestamp\":\"2024-05-01T09:00:00+02:00\"}]",
            ACME_TENANT);
    assertThat(response.status()).isEqualTo(201);
    assertThat(json(response).get(1).get("timestamp").asText()).isEqualTo("2024-05-01T07:00:00Z");
    assertThat(json(response).get(1).get("tenantId").asText()).isEqualTo("acme");
    assertThat(store.snapshot().meter("usage.application").orElseThrow().sampleCount())
        .isEqualTo(2);
  }

  @Test
  void tenantsAreCreatedOnceAndDeletedOnce() {
    ApiResponse again = call("POST", "/user", "{\"name\": \"acme\"}", ADMIN);
    assertThat(again.status()).isEqualTo(409);
    assertThat(message(again)).isEqualTo("tenant 'acme' already exists");
    assertThat(call("DELETE", "/user/acme", null, ADMIN).status()).isEqualTo(204);
    ApiResponse missing = call("DELETE", "/user/acme", null, ADMIN);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(message(missing)).isEqualTo("tenant 'acme' does not exist");
    assertThat(call("POST", "/user", "{\"name\": \"acme\"}", ADMIN).status()).isEqualTo(201);
  }

  @Test
  void eventsOfADeletedOrUnknownTenantAreRefusedNamingIt() {
    call("DELETE", "/user/beta", null, ADMIN);
    ApiResponse deleted =
        call("POST", "/usage/location", event("L1", "e1", "RUNNING", "09:00"), BETA_USER);
    assertThat(deleted.status()).isEqualTo(404);
    assertThat(message(deleted)).isEqualTo("tenant 'beta' does not exist");
    Principal stranger = new Principal("x", "nobody", List.of("user"));
    ApiResponse unknown =
        call("POST", "/usage/location", event("L1", "e1", "RUNNING", "09:00"), stranger);
    assertThat(message(unknown)).isEqualTo("tenant 'nobody' does not exist");
  }

  @Test
  void aBatchWithOneBadEventStoresNothing() {
    ApiResponse response =
        call(
            "POST",
            "/usage/locations",
            "["
                + event("L1", "e1", "RUNNING", "09:00")
                + ",{\"entityId\":\"e2\",\"locationId\":\"L1\",\"timestamp\":\"2024-05-01T09:00:00Z\"}]",
            ACME_USER);
    assertThat(response.status()).isEqualTo(400);
    assertThat(message(response)).isEqualTo("body[1].state is required");
    assertThat(store.snapshot().meter("usage.location")).isEmpty();
  }

  @Test
  void metadataNumbersMustBeReadableBackWhenWrittenInFull() {
    // Metadata is written back without exponent: 1e999 has 1000 digits, which JSON readers accept.
    postLocations(ACME_USER, eventWithMetadata("L1", "e1", "RUNNING", "09:00", "{\"n\":1e999}"));
    JsonNode stored =
        json(
            get(
                "/usage/location-metadata?locId=L1&startTime=2024-05-01T00:00:00Z&endTime=2024-05-02T00:00:00Z"));
    assertThat(stored.at("/0/metadata/n").decimalValue()).isEqualByComparingTo("1e999");
    long before = store.snapshot().sampleCount();
    for (String[] refused :
        new String[][] {
          {"{\"n\":1e1000}", "body.metadata.n", "1E+1000"},
          {"{\"a\":{\"b\":[1,-1e-999]}}", "body.metadata.a.b[1]", "-1E-999"},
          {"{\"n\":1e10000}", "body.metadata.n", "1E+10000"},
          {"{\"n\":1e-1000000000}", "body.metadata.n", "1E-1000000000"}
        }) {
      ApiResponse response =
          call(
              "POST",
              "/usage/location",
              eventWithMetadata("L1", "e1", "STOPPED", "10:00", refused[0]),
              ACME_USER);
      assertThat(response.status()).as(response.bodyText()).isEqualTo(400);
      assertThat(message(response))
          .isEqualTo(
              refused[1]
                  + " must be a number of at most 1000 characters when written without exponent,"
                  + " got: '"
                  + refused[2]
                  + "'");
    }
    assertThat(store.snapshot().sampleCount()).isEqualTo(before);
  }

  @Test
  void invalidEventsAreNamedByIndexAndPostedField() {
    String good = event("L1", "e1", "RUNNING", "09:00");
    String[][] cases = {
      {
        "/usage/locations",
        "[" + good + "," + good.replace("\"bob\"", "\"b\\u0000b\"") + "]",
        "body[1].user must not contain control characters other than tab, line feed and carriage"
            + " return, got: 'b\\u0000b'"
      },
      {
        "/usage/locations",
        "[" + good.replace("\"L1\"", "\"L\\u0001\"") + "]",
        "body[0].locationId and entityId must not contain control characters, got:"
            + " '[\"L\\u0001\",\"e1\"]'"
      },
      {
        "/usage/location",
        good.replace("2024-05-01T09:00:00Z", "1969-12-31T23:59:59Z"),
        "body.timestamp must be within 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999Z, got:"
            + " -1000 ms (1969-12-31T23:59:59Z)"
      },
      {
        "/usage/application",
        "{\"applicationId\":\""
            + "a".repeat(300)
            + "\",\"state\":\"RUNNING\","
            + "\"timestamp\":\"2024-05-01T09:00:00Z\"}",
        "body.applicationId must be at most 255 characters, got 300: '"
            + "a".repeat(64)
            + "'... (300 characters)"
      },
      {
        "/usage/applications",
        "[{\"applicationId\":\"app\",\"state\":\"\\ud800\",\"timestamp\":\"2024-05-01T09:00:00Z\"}]",
        "body[0].state must be valid UTF-16 (unpaired surrogate at index 0), got: '\ud800'"
      },
    };
    for (String[] refused : cases) {
      ApiResponse response = call("POST", refused[0], refused[1], ADMIN_OF_ACME);
      assertThat(response.status()).as(response.bodyText()).isEqualTo(400);
      assertThat(message(response)).isEqualTo(refused[2]);
    }
    assertThat(message(call("POST", "/user", "{\"name\":\"" + "t".repeat(256) + "\"}", ADMIN)))
        .isEqualTo(
            "name must be at most 255 characters, got 256: '"
                + "t".repeat(64)
                + "'... (256 characters)");
    assertThat(store.snapshot().meter("usage.location")).isEmpty();
    assertThat(store.snapshot().meter("usage.application")).isEmpty();
  }

  @Test
  void locationAndEntityIdsMayTogetherHold248CharactersAndNoMore() {
    // The resource id is ["<locationId>","<entityId>"]: 7 characters around the two ids, 255 in
    // all.
    String location = "L".repeat(200);
    ApiResponse longest =
        call(
            "POST",
            "/usage/location",
            event(location, "e".repeat(48), "RUNNING", "09:00"),
            ACME_USER);
    assertThat(longest.status()).as(longest.bodyText()).isEqualTo(201);

    ApiResponse tooLong =
        call(
            "POST",
            "/usage/location",
            event(location, "e".repeat(49), "RUNNING", "09:00"),
            ACME_USER);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(message(tooLong))
        .isEqualTo(
            "body.locationId and entityId together must be at most 248 characters"
                + " (a quote or backslash counts twice), got: 249");

    // 248 characters as posted, 249 once the quote is escaped in the resource id.
    ApiResponse escaped =
        call(
            "POST",
            "/usage/location",
            event(location, "\\\"" + "e".repeat(47), "RUNNING", "09:00"),
            ACME_USER);
    assertThat(message(escaped)).endsWith("got: 249");
  }

  @Test
  void aHugeTenantBodyIsCutInTheMessage() {
    String body = "{\"name\":5,\"x\":\"" + "x".repeat(100_000) + "\"}";
    assertThat(message(call("POST", "/user", body, ADMIN)))
        .isEqualTo(
            "body must be {\"name\": \"<tenant>\"}, got: {\"name\":5,\"x\":\""
                + "x".repeat(49)
                + "... (100017 characters)");
  }

  @Test
  void malformedEventsAreRefusedWithThePreciseReason() {
    assertThat(message(call("POST", "/usage/location", "{\"entityId\":5}", ACME_USER)))
        .isEqualTo("body.entityId must be a string, got: number");
    assertThat(message(call("POST", "/usage/location", "{\"colour\":\"red\"}", ACME_USER)))
        .startsWith("body has unknown field 'colour'; known fields: ampId, applicationId,");
    assertThat(message(call("POST", "/usage/locations", "{}", ACME_USER)))
        .isEqualTo("body must be a JSON array of events, got: object");
    assertThat(
            message(
                call(
                    "POST",
                    "/usage/location",
                    "{\"entityId\":\"e\",\"locationId\":\"L\",\"state\":\"RUNNING\",\"timestamp\":\"yesterday\"}",
                    ACME_USER)))
        .isEqualTo(
            "body.timestamp must be an ISO-8601 timestamp like 2014-10-22T00:00:00, got: 'yesterday'");
    assertThat(
            message(
                call(
                    "GET",
                    "/usage/location/hour?tenantId=acme&startTime=2024-05-01T00:00:00Z",
                    null,
                    ADMIN)))
        .isEqualTo("endTime is required");
  }

  @Test
  void everyRouteRefusesALowerRoleWith403() {
    String location = event("L1", "e1", "RUNNING", "09:00");
    String application =
        "{\"applicationId\":\"a\",\"state\":\"UP\",\"timestamp\":\"2024-05-01T09:00:00Z\"}";
    assertForbidden(call("POST", "/user", "{\"name\":\"x\"}", ACME_TENANT), "admin");
    assertForbidden(call("DELETE", "/user/acme", null, ACME_TENANT), "admin");
    assertForbidden(call("POST", "/usage/location", location, MEMBER), "user");
    assertForbidden(call("POST", "/usage/locations", "[" + location + "]", MEMBER), "user");
    assertForbidden(call("POST", "/usage/application", application, ACME_USER), "tenant");
    assertForbidden(
        call("POST", "/usage/applications", "[" + application + "]", ACME_USER), "tenant");
    assertForbidden(
        call(
            "GET",
            "/usage/location/hour?tenantId=acme&startTime=2024-05-01T00:00:00Z&endTime=2024-05-02T00:00:00Z",
            null,
            ACME_TENANT),
        "admin");
    assertForbidden(
        call(
            "GET",
            "/usage/location-metadata?locId=L1&startTime=2024-05-01T00:00:00Z&endTime=2024-05-02T00:00:00Z",
            null,
            ACME_TENANT),
        "admin");
    assertForbidden(call("GET", "/usage/location?tenantId=acme", null, ACME_TENANT), "admin");
  }

  @Test
  void higherRolesMayRecordWhatLowerRolesMay() {
    assertThat(
            call("POST", "/usage/location", event("L1", "e1", "RUNNING", "09:00"), ACME_TENANT)
                .status())
        .isEqualTo(201);
    Principal acmeAdmin = new Principal("root", "acme", List.of("admin"));
    assertThat(
            call(
                    "POST",
                    "/usage/application",
                    "{\"applicationId\":\"a\",\"state\":\"UP\",\"timestamp\":\"2024-05-01T09:00:00Z\"}",
                    acmeAdmin)
                .status())
        .isEqualTo(201);
  }

  private void assertForbidden(ApiResponse response, String role) {
    assertThat(response.status()).isEqualTo(403);
    assertThat(message(response)).startsWith("this request requires role " + role + " or higher");
  }

  private String hours(String from, String to) {
    JsonNode rows =
        json(
            get(
                "/usage/location/hour?tenantId=acme&startTime=2024-05-01T"
                    + from
                    + (from.length() == 5 ? ":00Z" : "Z")
                    + "&endTime=2024-05-01T"
                    + to
                    + (to.length() == 5 ? ":00Z" : "Z")));
    StringBuilder out = new StringBuilder();
    for (JsonNode row : rows) {
      out.append(out.length() == 0 ? "" : ",")
          .append(row.get("locationId").asText())
          .append('=')
          .append(row.get("seconds").asText())
          .append('/')
          .append(row.get("hours").decimalValue().toPlainString());
    }
    return out.toString();
  }

  private void postLocations(Principal caller, String... events) {
    ApiResponse response =
        call("POST", "/usage/locations", "[" + String.join(",", events) + "]", caller);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
  }

  private static String event(String location, String entity, String state, String time) {
    return eventWithMetadata(location, entity, state, time, "{}");
  }

  private static String eventWithMetadata(
      String location, String entity, String state, String time, String metadata) {
    return "{\"user\":\"bob\",\"entityId\":\""
        + entity
        + "\",\"locationId\":\""
        + location
        + "\",\"state\":\""
        + state
        + "\",\"timestamp\":\"2024-05-01T"
        + time
        + ":00Z\",\"metadata\":"
        + metadata
        + "}";
  }

  private ApiResponse get(String pathAndQuery) {
    ApiResponse response = call("GET", pathAndQuery, null, ADMIN);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    return response;
  }

  private ApiResponse call(String method, String pathAndQuery, String body, Principal caller) {
    ApiRequest.Builder request = ApiRequest.builder(method, pathAndQuery).principal(caller);
    if (body != null) {
      request.body(body);
    }
    return api.handle(request.build());
  }

  private static JsonNode json(ApiResponse response) {
    return parse(response.bodyText());
  }

  private static String message(ApiResponse response) {
    return json(response).path("error").path("message").asText();
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
