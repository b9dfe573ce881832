package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.MeterApi;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.store.MeterStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example server on a free loopback port, driven by {@link HttpClient}. */
class ExampleServerEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ExampleServer server;

  @BeforeEach
  void start() throws Exception {
    MeterApi api =
        MeterApi.builder(MeterStore.inMemory())
            .authenticator(TrustedHeaders.fromLoopback())
            .build();
    server =
        ExampleServer.start(
            api,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            HttpLimits.defaults().withPool(2, 8),
            log::add);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void postedSamplesComeBackAsStatistics() throws Exception {
    String samples =
        "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 10, \"resource_id\": \"vm-1\", \"user_id\": \"alice\","
            + " \"timestamp\": \"2014-10-22T00:10:00\"},"
            + " {\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 30, \"resource_id\": \"vm-1\", \"user_id\": \"alice\","
            + " \"timestamp\": \"2014-10-22T00:50:00\"},"
            + " {\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 50, \"resource_id\": \"vm-2\", \"user_id\": \"bob\","
            + " \"timestamp\": \"2014-10-22T01:30:00\"}]";
    HttpResponse<String> posted =
        send(
            request("/v2/meters/cpu_util")
                .header("Content-Type", "application/json")
                .header("X-Roles", "admin")
                .header("X-User-Id", "ops")
                .POST(HttpRequest.BodyPublishers.ofString(samples))
                .build());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    assertThat(JSON.readTree(posted.body())).hasSize(3);

    HttpResponse<String> stats =
        send(
            request(
                    "/v2/meters/cpu_util/statistics?groupby=user_id&q.field=timestamp&q.op=ge"
                        + "&q.value=2014-10-22T00:00:00&q.field=timestamp&q.op=lt"
                        + "&q.value=2014-10-22T02:00:00")
                .header("X-Roles", "admin")
                .GET()
                .build());
    assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
    assertThat(stats.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(stats.headers().firstValue("x-openstack-request-id").orElseThrow())
        .startsWith("req-");
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
    assertThat(
            awaitLogLine(
                "127\\.0\\.0\\.1 POST /v2/meters/cpu_util 201 \\d+ms user=ops project=- roles=admin"))
        .isTrue();
  }

  @Test
  void requestsWithoutIdentityHeadersGet401() throws Exception {
    HttpResponse<String> response = send(request("/v2/meters").GET().build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).path("error_message").path("faultcode").asText())
        .isEqualTo("Client");
  }

  @Test
  void aMethodNotAllowedCarriesAllow() throws Exception {
    HttpResponse<String> response =
        send(request("/v2/samples").header("X-Roles", "admin").DELETE().build());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("GET");
  }

  /** The access log line is written after the response is sent: wait for it, 2 s at most. */
  private boolean awaitLogLine(String regex) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (log.stream().anyMatch(line -> line.matches(regex))) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
