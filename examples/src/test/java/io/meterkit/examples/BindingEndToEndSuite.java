package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.Authenticator;
import io.meterkit.api.Cors;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.api.burst.BurstCalculator;
import io.meterkit.api.burst.BurstConfig;
import io.meterkit.api.burst.BurstUsageApi;
import io.meterkit.api.usage.UsageEvents;
import io.meterkit.api.usage.UsageEventsApi;
import io.meterkit.store.MeterStore;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One end-to-end suite for every HTTP binding of {@link MeterApi}: each subclass says how its
 * binding serves an API on a free loopback port, and every family must answer the same over it
 * (status, headers, body), including the binding's own work: the raw path and query, every header,
 * the client's address for the authenticators, and the body limit.
 */
@Timeout(60)
abstract class BindingEndToEndSuite {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_BODY_BYTES = 64 << 10;
  static final String ORIGIN = "http://dash.example";

  /** A binding serving an API until closed. */
  interface Served extends AutoCloseable {
    int port();

    @Override
    void close() throws Exception;
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Served served;

  /** Serves {@code api} on a free loopback port, refusing bodies over {@code maxBodyBytes}. */
  abstract Served serve(MeterApi api, int maxBodyBytes) throws Exception;

  /** The four families over an empty store, callers named by trusted headers from loopback. */
  static MeterApi fourFamilies(Authenticator authenticator) {
    MeterStore store = MeterStore.inMemory();
    Clock clock = Clock.systemUTC();
    UsageEvents usage =
        new UsageEvents(MeterStore.inMemory(), UsageEvents.DEFAULT_ACTIVE_STATES, clock);
    return MeterApi.builder(store)
        .authenticator(authenticator)
        .cors(Cors.allowing(List.of(ORIGIN)))
        .family(new UsageEventsApi(usage))
        .family(
            new BurstUsageApi(
                new BurstCalculator(
                    store, BurstConfig.parse("{\"prices\": {\"cpu\": \"0.0001\"}}"), clock)))
        .build();
  }

  /** Serves the default API, once per test. */
  final String base() throws Exception {
    if (served == null) {
      served = serve(fourFamilies(TrustedHeaders.fromLoopback()), MAX_BODY_BYTES);
    }
    return "http://127.0.0.1:" + served.port();
  }

  @AfterEach
  void stopServing() throws Exception {
    if (served != null) {
      served.close();
    }
  }

  final HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    return sendTo(base(), method, path, body, headers);
  }

  final HttpResponse<String> sendTo(
      String base, String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String samples() {
    return "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
        + " \"counter_volume\": 10, \"resource_id\": \"vm-1\", \"user_id\": \"alice\","
        + " \"timestamp\": \"2014-10-22T00:10:00\"},"
        + " {\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
        + " \"counter_volume\": 30, \"resource_id\": \"vm-1\", \"user_id\": \"alice\","
        + " \"timestamp\": \"2014-10-22T00:50:00\"},"
        + " {\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
        + " \"counter_volume\": 50, \"resource_id\": \"vm-2\", \"user_id\": \"bob\","
        + " \"timestamp\": \"2014-10-22T01:30:00\"}]";
  }

  @Test
  void postedSamplesComeBackAsStatistics() throws Exception {
    HttpResponse<String> posted =
        send(
            "POST",
            "/v2/meters/cpu_util",
            samples(),
            "Content-Type",
            "application/json",
            "X-Roles",
            "admin",
            "X-User-Id",
            "ops");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    assertThat(JSON.readTree(posted.body())).hasSize(3);

    HttpResponse<String> stats =
        send(
            "GET",
            "/v2/meters/cpu_util/statistics?groupby=user_id&q.field=timestamp&q.op=ge"
                + "&q.value=2014-10-22T00:00:00&q.field=timestamp&q.op=lt"
                + "&q.value=2014-10-22T02:00:00",
            null,
            "X-Roles",
            "admin");
    assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
    assertThat(stats.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(stats.headers().firstValue("x-openstack-request-id").orElseThrow())
        .matches("req-[0-9a-f-]{36}");
    JsonNode rows = JSON.readTree(stats.body());
    assertThat(rows).hasSize(2);
    JsonNode alice = rows.get(0);
    assertThat(alice.path("groupby").path("user_id").asText()).isEqualTo("alice");
    assertThat(alice.path("count").asLong()).isEqualTo(2);
    assertThat(alice.path("sum").asDouble()).isEqualTo(40.0);
    assertThat(alice.path("avg").asDouble()).isEqualTo(20.0);
    assertThat(alice.path("duration").asDouble()).isEqualTo(2400.0);
    JsonNode bob = rows.get(1);
    assertThat(bob.path("groupby").path("user_id").asText()).isEqualTo("bob");
    assertThat(bob.path("max").asDouble()).isEqualTo(50.0);
  }

  @Test
  void thePercentEncodedPathAndQueryReachTheApiRaw() throws Exception {
    String posted =
        "[{\"counter_name\": \"météo\", \"counter_type\": \"gauge\", \"counter_unit\": \"°C\","
            + " \"counter_volume\": 2.5, \"resource_id\": \"a/b c\","
            + " \"timestamp\": \"2014-10-22T00:10:00\"}]";
    assertThat(
            send(
                    "POST",
                    "/v2/meters/m%C3%A9t%C3%A9o",
                    posted,
                    "Content-Type",
                    "application/json; charset=utf-8",
                    "X-Roles",
                    "admin",
                    "X-Project-Id",
                    "p-1")
                .statusCode())
        .isEqualTo(201);
    HttpResponse<String> listed =
        send(
            "GET",
            "/v2/meters/m%C3%A9t%C3%A9o?q.field=resource_id&q.value=a%2Fb+c",
            null,
            "X-Roles",
            "admin");
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(JSON.readTree(listed.body()).at("/0/resource_id").asText()).isEqualTo("a/b c");
    HttpResponse<String> resource =
        send("GET", "/v2/resources/a%252Fb%2520c", null, "X-Roles", "admin");
    assertThat(resource.statusCode()).as(resource.body()).isEqualTo(200);
    assertThat(JSON.readTree(resource.body()).path("project_id").asText()).isEqualTo("p-1");
  }

  @Test
  void requestsWithoutIdentityHeadersGet401() throws Exception {
    HttpResponse<String> response = send("GET", "/v2/meters", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).path("error_message").path("faultcode").asText())
        .isEqualTo("Client");
  }

  @Test
  void theAuthenticatorSeesTheClientsAddressNotAForwardedOne() throws Exception {
    Authenticator byAddress =
        request ->
            request
                .remoteAddress()
                .map(InetAddress::getHostAddress)
                .map(address -> new Principal(address, "p-1", List.of("admin")));
    try (Served own = serve(fourFamilies(byAddress), MAX_BODY_BYTES)) {
      HttpResponse<String> posted =
          sendTo(
              "http://127.0.0.1:" + own.port(),
              "POST",
              "/v2/meters/apples",
              "[{\"counter_name\": \"apples\", \"counter_type\": \"gauge\", \"counter_unit\": \"\","
                  + " \"counter_volume\": 1, \"resource_id\": \"r-1\"}]",
              "Content-Type",
              "application/json",
              "X-Forwarded-For",
              "10.9.9.9");
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
      assertThat(JSON.readTree(posted.body()).at("/0/user_id").asText()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void aMethodNotAllowedCarriesAllow() throws Exception {
    HttpResponse<String> response = send("DELETE", "/v2/samples", null, "X-Roles", "admin");
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("GET");
  }

  @Test
  void theCeilometerWireNegotiationCorsAndGoneRoutes() throws Exception {
    HttpResponse<String> version = send("GET", "/", null, "X-Roles", "admin");
    assertThat(JSON.readTree(version.body()).at("/versions/values/0/links/0/href").asText())
        .isEqualTo(base() + "/v2");
    HttpResponse<String> plain =
        send("GET", "/v2/meters", null, "X-Roles", "admin", "Accept", "text/plain");
    assertThat(plain.statusCode()).isEqualTo(406);
    assertThat(plain.headers().firstValue("Content-Type")).contains("application/json");
    HttpResponse<String> text =
        send("POST", "/v2/meters/x", "[]", "X-Roles", "admin", "Content-Type", "text/plain");
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(text.body()).at("/error_message/faultstring").asText())
        .isEqualTo("Unknown mimetype: text/plain");
    HttpResponse<String> preflight =
        send(
            "OPTIONS",
            "/v2/meters",
            null,
            "Origin",
            ORIGIN,
            "Access-Control-Request-Method",
            "POST");
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    assertThat(preflight.headers().firstValue("x-openstack-request-id")).isEmpty();
    assertThat(
            send("GET", "/v2/meters", null, "X-Roles", "admin", "Origin", ORIGIN)
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .contains(ORIGIN);
    HttpResponse<String> gone =
        send("DELETE", "/v2/alarms/a1", null, "X-Roles", "admin", "Accept", "application/json");
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(JSON.readTree(gone.body()).at("/error_message/title").asText()).isEqualTo("Gone");
  }

  @Test
  void usageEventsAndBurstUsageAnswerInTheirOwnDialects() throws Exception {
    String[] admin = {"Content-Type", "application/json", "X-Roles", "admin"};
    assertThat(send("POST", "/user", "{\"name\": \"acme\"}", admin).statusCode()).isEqualTo(201);
    HttpResponse<String> again = send("POST", "/user", "{\"name\": \"acme\"}", admin);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(again.body()).at("/error/code").asInt()).isEqualTo(409);
    HttpResponse<String> burst =
        send("GET", "/burstusage/?date=yesterday", null, "X-Roles", "admin", "X-User-Id", "alice");
    assertThat(burst.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(burst.body()))
        .isEqualTo(
            JSON.readTree(
                "[{\"error_type\": \"validation\", \"error_message\": \"date must be a"
                    + " date like 2014-10-21, got: 'yesterday'\", \"error_point\": \"date\"}]"));
  }

  @Test
  void aDeclaredBodyOverTheLimitIs413WithoutBeingRead() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/v2/meters/x",
            "[" + " ".repeat(MAX_BODY_BYTES) + "]",
            "X-Roles",
            "admin",
            "Content-Type",
            "application/json");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).at("/error_message/faultstring").asText())
        .contains("the body may be at most " + MAX_BODY_BYTES + " bytes");
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    base();
    String chunk = " ".repeat(8 << 10);
    StringBuilder body = new StringBuilder();
    for (int sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length()) {
      body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    body.append("0\r\n\r\n");
    String answer =
        RawHttp.exchange(
            InetAddress.getLoopbackAddress(),
            served.port(),
            "POST /v2/meters/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Roles: admin\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked",
            body.toString().getBytes(StandardCharsets.US_ASCII));
    assertThat(answer).startsWith("HTTP/1.1 413").contains("the body may be at most");
    assertThat(send("GET", "/v2/meters", null, "X-Roles", "admin").statusCode())
        .as("the server still answers")
        .isEqualTo(200);
  }
}
