package io.meterkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meterkit.api.FuzzFixture.Fingerprint;
import io.meterkit.api.FuzzFixture.Route;
import io.meterkit.api.MalformedRequests.FuzzCase;
import io.meterkit.api.ValidRequestMutations.Mutation;
import io.meterkit.api.burst.BurstCalculator;
import io.meterkit.api.burst.BurstConfig;
import io.meterkit.api.burst.BurstUsageApi;
import io.meterkit.api.usage.UsageEvents;
import io.meterkit.api.usage.UsageEventsApi;
import io.meterkit.api.v1.CeilometerV1Api;
import io.meterkit.api.v2.CeilometerV2Api;
import io.meterkit.api.v2.WindowPolicy;
import io.meterkit.query.QueryEngine;
import io.meterkit.store.StoredSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bad-input campaign ("bad input gets a clear error, never corruption"): seeded random and
 * malformed requests against every route of the four families, through {@link MeterApi#handle} (no
 * sockets).
 *
 * <p>Every refused request must get a 4xx (never a 5xx, never an exception out of {@code handle})
 * with the body {@code {"error": {"code": <status>, "message": <non-empty, at most 1 KB, no stack
 * trace or library internals>}}}, and must leave the store exactly as it was: a cheap fingerprint
 * (sample count, meter names) after every request, the full content every {@value
 * #FULL_COMPARISON_EVERY} refused writes and at the end.
 *
 * <p>The campaigns are reproducible: the seed is {@value #DEFAULT_SEED} unless {@code
 * -Dmeterkit.fuzz.seed=N} sets another (to explore, or to rerun a failure seen with one); it is
 * printed when the class starts and in every failure message. The number of requests is fixed, not
 * the time.
 */
class BadInputFuzzTest {
  private static final long DEFAULT_SEED = 20_141_022L;
  private static final long SEED = Long.getLong("meterkit.fuzz.seed", DEFAULT_SEED);
  private static final int MALFORMED_REQUESTS = 5_000;
  private static final int MUTATED_REQUESTS = 2_500;
  private static final int FULL_COMPARISON_EVERY = 20;
  private static final int MAX_MESSAGE_BYTES = 1024;
  private static final List<String> INTERNALS =
      List.of(
          "\tat ",
          "Caused by",
          "Exception",
          "com.fasterxml",
          "java.lang",
          "java.util",
          "java.math",
          "StreamReadConstraints",
          "JsonReadFeature",
          "DeserializationFeature",
          "JsonNode",
          "`");

  /** Ceilometer's refusals of a whole body, which name no single member. */
  private static final List<String> CEILOMETER_BODY_MESSAGES =
      List.of(
          "Request is not in valid JSON format",
          "Invalid input for field/attribute samples.",
          "Samples should be included in request body",
          "Limit must be",
          "Period must be positive.",
          "Invalid period",
          "Invalid aggregation function",
          "Bad aggregate",
          "Unknown argument",
          "Unknown attribute",
          "Filter expression not valid",
          "Order-by expression not valid",
          "Failed to parse the timestamp value",
          "Missing argument");

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final FuzzFixture fixture = new FuzzFixture();

  /** The first failure of each kind, so that one bug does not drown the others. */
  private final Map<String, String> failures = new LinkedHashMap<>();

  private final Map<Integer, Integer> statuses = new TreeMap<>();

  @BeforeAll
  static void printTheSeed() {
    System.out.println(
        "BadInputFuzzTest seed " + SEED + " (rerun with -Dmeterkit.fuzz.seed=" + SEED + ")");
  }

  @Test
  void everyRouteOfTheFourFamiliesIsInTheCatalogAndAnswersItsValidRequest() {
    Routes registered = new Routes();
    QueryEngine engine = new QueryEngine(fixture.store);
    Clock clock = Clock.fixed(FuzzFixture.NOW, ZoneOffset.UTC);
    new CeilometerV1Api(engine).register(registered);
    new CeilometerV2Api(engine, WindowPolicy.K5, clock).register(registered);
    new UsageEventsApi(new UsageEvents(fixture.store, UsageEvents.DEFAULT_ACTIVE_STATES, clock))
        .register(registered);
    new BurstUsageApi(
            new BurstCalculator(fixture.store, new BurstConfig(Map.of(), Map.of()), clock))
        .register(registered);

    assertThat(fixture.routes.stream().map(Route::toString))
        .containsExactlyInAnyOrderElementsOf(
            registered.list().stream()
                .map(route -> route.method() + " " + route.template())
                .collect(Collectors.toList()));
    for (Route route : fixture.routes) {
      ApiResponse response = fixture.api.handle(route.valid());
      int expected =
          route.template().contains("alarms")
              ? 410
              : route.template().endsWith("{segment}")
                  ? 405
                  : route.method().equals("POST") && !route.template().equals("/v2/query/samples")
                      ? 201
                      : route.method().equals("DELETE") ? 204 : 200;
      assertThat(response.status()).as(route + " -> " + response).isEqualTo(expected);
    }
  }

  @Test
  void malformedRequestsGetAClear4xxAndLeaveTheStoreUnchanged() {
    MalformedRequests requests = new MalformedRequests(new Random(SEED), fixture.routes);
    StoreWatch watch = new StoreWatch();
    long started = System.nanoTime();
    for (int i = 0; i < MALFORMED_REQUESTS; i++) {
      FuzzCase next = requests.next();
      ApiResponse response = answer(next.kind(), next.toString(), next.request());
      if (response == null) {
        continue;
      }
      int status = response.status();
      boolean allowed =
          next.expected() == FuzzCase.EITHER
              ? isSuccess(status) || isRefusal(status)
              : next.expected() == FuzzCase.ANY_4XX
                  ? isRefusal(status)
                  : status == next.expected() || ceilometerContractAllows(next, status);
      if (!allowed) {
        fail(
            next.kind() + " -> " + status,
            next + "\n  expected " + next.expected() + ", got " + response);
      }
      if (isRefusal(status)) {
        checkRefusal(
            next.kind(), next.toString(), owner(next.route(), next.request(), status), response);
      }
      watch.after(next.kind(), next.toString(), next.route(), status);
    }
    watch.compareContent("end of campaign", "");
    report("malformed", MALFORMED_REQUESTS, started);
  }

  @Test
  void mutatedValidRequestsSucceedOrGetA400NamingTheField() {
    ValidRequestMutations mutations =
        new ValidRequestMutations(new Random(SEED + 1), fixture.routes);
    StoreWatch watch = new StoreWatch();
    long started = System.nanoTime();
    for (int i = 0; i < MUTATED_REQUESTS; i++) {
      Mutation next = mutations.next();
      String kind = next.route() + " " + next.description().replaceAll("=.*", "=");
      ApiResponse response = answer(kind, next.toString(), next.request());
      if (response == null) {
        continue;
      }
      int status = response.status();
      if (isRefusal(status)) {
        checkRefusal(kind, next.toString(), next.route(), response);
        String message = message(response);
        boolean named =
            next.names().stream().anyMatch(message::contains)
                || (isCeilometer(next.route())
                    && CEILOMETER_BODY_MESSAGES.stream().anyMatch(message::startsWith));
        // Ceilometer's messages name the field but not the sample's position in the body.
        boolean indexed =
            next.index() == null || isCeilometer(next.route()) || message.contains(next.index());
        if (status == 400 && !(named && indexed)) {
          fail(
              kind
                  + " -> 400 not naming "
                  + next.names()
                  + (next.index() == null ? "" : " " + next.index()),
              next + "\n  got " + response);
        } else if (status != 400 && !next.alsoAllowed().contains(status)) {
          fail(kind + " -> " + status, next + "\n  got " + response);
        }
      } else if (!isSuccess(status)) {
        fail(kind + " -> " + status, next + "\n  got " + response);
      }
      watch.after(kind, next.toString(), next.route(), status);
    }
    watch.compareContent("end of campaign", "");
    report("mutated", MUTATED_REQUESTS, started);
  }

  /** Answers a request, recording an exception out of handle or a 5xx as a failure. */
  private ApiResponse answer(String kind, String description, ApiRequest request) {
    ApiResponse response;
    try {
      response = fixture.api.handle(request);
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      fail(kind + " -> threw " + e.getClass().getSimpleName(), description + "\n  threw " + e);
      return null;
    }
    statuses.merge(response.status(), 1, Integer::sum);
    if (response.status() >= 500) {
      fail(kind + " -> " + response.status(), description + "\n  got " + response);
      return null;
    }
    return response;
  }

  /** Checks the error body shape, the message and the Allow header of a 405. */
  private void checkRefusal(String kind, String description, Route route, ApiResponse response) {
    int status = response.status();
    String problem = null;
    JsonNode body = null;
    String contentType = isCeilometer(route) ? "application/json" : ApiResponse.JSON_CONTENT_TYPE;
    if (!contentType.equals(response.headers().get("Content-Type"))) {
      problem = "Content-Type " + response.headers().get("Content-Type");
    } else {
      try {
        body = STRICT.readTree(response.body());
      } catch (IOException e) {
        problem = "body is not JSON: " + e.getMessage();
      }
    }
    if (problem == null) {
      problem = envelopeProblem(route, status, body);
    }
    if (problem == null) {
      String text = messageOf(body);
      if (text == null || text.isBlank()) {
        problem = "the error message is not a non-empty string";
      } else if (text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
        problem = "the error message is longer than 1 KB";
      } else if (INTERNALS.stream().anyMatch(text::contains)) {
        problem = "the error message shows internals";
      } else if (status == 405
          && !String.join(", ", new TreeSet<>(route.allowed()))
              .equals(response.headers().get("Allow"))) {
        problem = "405 without the right Allow header";
      }
    }
    if (problem != null) {
      fail(kind + " -> " + problem, description + "\n  got " + abbreviate(response.toString()));
    }
  }

  /**
   * Where the Ceilometer wire contract answers a malformed request otherwise than meterkit's own
   * families, and the campaign's expectation (written for those) does not apply: {@code OPTIONS} is
   * a CORS preflight (an empty 200); a route of any method answers every method; v1 ignores unknown
   * and repeated parameters, as Flask did; v2 reads flags as {@code bool_from_string} (never an
   * error), lists up to 10,000 samples, and answers a member posting for another project 400 (not
   * 403).
   */
  private static boolean ceilometerContractAllows(FuzzCase next, int status) {
    Route route = next.route();
    String kind = next.kind();
    if (next.request().method().equals("OPTIONS")) {
      return status == 200;
    }
    if (next.request().path().matches("/*|/index/?")) {
      return status == 200; // the version document
    }
    if (status == 415
        && isCeilometer(route)
        && !next.request().header("Content-Type").orElse("").startsWith("application/json")) {
      return true; // a body without a JSON content type
    }
    if (route.method().equals("*")) {
      return status == 200 || status == 410;
    }
    if (route.template().endsWith("{segment}")) {
      return status == 405; // refused by the router before anything else is looked at
    }
    if (!isCeilometer(route)) {
      return false;
    }
    boolean v1 = route.template().startsWith("/v1");
    if (v1
        && (kind.startsWith("unknown parameter")
            || kind.startsWith("repeated parameter")
            || kind.startsWith("bad value of search_offset"))) {
      return status == 200;
    }
    if (kind.startsWith("bad value of unique")
        || kind.startsWith("bad value of limit")
        || kind.startsWith("bad value of offset")
        || kind.startsWith("repeated parameter unique")
        || kind.startsWith("bad query term")) {
      // Flags never fail, limits go to 10,000, an offset is any integer, and terms decode by
      // position (a term without a value filters nothing; q.type only types metadata).
      return status == 200;
    }
    return kind.startsWith("identity") && route.method().equals("POST") && status == 400;
  }

  /**
   * The route whose family answers a request: a path no family owns answers in the standard form.
   */
  private Route owner(Route route, ApiRequest request, int status) {
    if (status != 404 && status != 400) {
      return route;
    }
    String path = request.path();
    boolean ceilometer =
        path.equals("/")
            || path.equals("/index")
            || path.startsWith("/v1/")
            || path.equals("/v1")
            || path.startsWith("/v2");
    boolean burst =
        path.startsWith("/burstusage")
            || path.startsWith("/dailyburstusage")
            || path.startsWith("/api/2.0/");
    if (ceilometer == isCeilometer(route) && burst == isBurst(route)) {
      return route;
    }
    // A miss outside the route's family: the first route of the family that owns the path.
    for (Route other : fixture.routes) {
      if (isCeilometer(other) == ceilometer && isBurst(other) == burst) {
        return new Route(
            other.method(),
            other.template(),
            other.path(),
            other.query(),
            other.body(),
            route.allowed(),
            other.caller(),
            other.accepted(),
            other.metadataFilters(),
            other.termKinds());
      }
    }
    return route;
  }

  /** Whether a route belongs to the Ceilometer families (their envelope, JSON without charset). */
  static boolean isCeilometer(Route route) {
    return route.template().startsWith("/v1")
        || route.template().startsWith("/v2")
        || route.template().equals("/")
        || route.template().equals("/index");
  }

  static boolean isBurst(Route route) {
    return route.template().contains("burstusage");
  }

  /**
   * The family's envelope: Ceilometer's {@code {"error_message": FAULT}} (a fault {faultcode,
   * faultstring, debuginfo}, or the framework's {code, title, description} object or page text for
   * 404/405/406/410), CloudSigma's list for burst usage, {@code {"error": {code, message}}} else.
   */
  private static String envelopeProblem(Route route, int status, JsonNode body) {
    if (isCeilometer(route)) {
      JsonNode fault = body.path("error_message");
      if (!body.isObject() || body.size() != 1 || fault.isMissingNode()) {
        return "body is not {\"error_message\": ...}";
      }
      if (fault.isTextual() || fault.has("title")) {
        return Set.of(404, 405, 406, 410).contains(status) ? null : "a page for status " + status;
      }
      boolean shaped =
          fault.size() == 3
              && fault.path("faultcode").asText().equals(status < 500 ? "Client" : "Server")
              && fault.has("debuginfo")
              && fault.get("debuginfo").isNull();
      return shaped ? null : "error_message is not {faultcode, faultstring, debuginfo}";
    }
    if (isBurst(route)) {
      boolean shaped =
          body.isArray()
              && body.size() == 1
              && body.get(0).size() == 3
              && body.get(0).has("error_point")
              && body.get(0).path("error_type").isTextual();
      return shaped ? null : "body is not [{error_type, error_message, error_point}]";
    }
    JsonNode error = body.path("error");
    if (!body.isObject() || body.size() != 1 || !error.isObject() || error.size() != 2) {
      return "body is not {\"error\": {\"code\", \"message\"}}";
    }
    return error.path("code").isInt() && error.path("code").intValue() == status
        ? null
        : "error.code is not the status";
  }

  /** The message of any family's error body. */
  static String messageOf(JsonNode body) {
    if (body.has("error_message")) {
      JsonNode fault = body.get("error_message");
      return fault.isTextual()
          ? fault.textValue()
          : fault.has("title")
              ? fault.path("title").asText()
              : fault.path("faultstring").textValue();
    }
    if (body.isArray() && body.size() > 0) {
      return body.get(0).path("error_message").textValue();
    }
    return body.path("error").path("message").textValue();
  }

  /** Follows the store: unchanged after a refusal, a new baseline after a success. */
  private final class StoreWatch {
    private Fingerprint fingerprint = fixture.fingerprint();
    private Set<StoredSample> content = fixture.content();
    private int refusedWrites;

    void after(String kind, String description, Route route, int status) {
      if (isSuccess(status)) {
        fingerprint = fixture.fingerprint();
        if (route.writes()) {
          content = fixture.content();
        }
        return;
      }
      Fingerprint now = fixture.fingerprint();
      if (!now.equals(fingerprint)) {
        fail(
            kind + " -> " + status + " but changed the store",
            description + "\n  " + fingerprint + " -> " + now);
        fingerprint = now;
        content = fixture.content();
      } else if (route.writes() && ++refusedWrites % FULL_COMPARISON_EVERY == 0) {
        compareContent(kind, description);
      }
    }

    void compareContent(String kind, String description) {
      Set<StoredSample> now = fixture.content();
      if (!now.equals(content)) {
        fail(kind + " changed the stored samples", description);
        content = now;
      }
    }
  }

  private void report(String campaign, int requests, long startedNanos) {
    long millis = (System.nanoTime() - startedNanos) / 1_000_000;
    System.out.println(
        "BadInputFuzzTest "
            + campaign
            + ": "
            + requests
            + " requests in "
            + millis
            + " ms, statuses "
            + statuses);
    assertThat(failures)
        .as(
            "seed %d (rerun with -Dmeterkit.fuzz.seed=%d): %d kinds of failure, first example of each:%n%s",
            SEED,
            SEED,
            failures.size(),
            failures.entrySet().stream()
                .map(entry -> "* " + entry.getKey() + "\n  " + entry.getValue())
                .collect(Collectors.joining("\n")))
        .isEmpty();
  }

  private void fail(String kind, String example) {
    failures.putIfAbsent(abbreviate(kind), abbreviate(example));
  }

  private static String message(ApiResponse response) {
    try {
      String message = messageOf(STRICT.readTree(response.body()));
      return message == null ? "" : message;
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  private static boolean isRefusal(int status) {
    return status >= 400 && status < 500;
  }

  private static String abbreviate(String text) {
    return text.length() > 1200
        ? text.substring(0, 1200) + "... (" + text.length() + " chars)"
        : text;
  }
}
