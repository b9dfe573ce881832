package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example server over real HTTP, loaded with a {@code --data} file in Ceilometer's own fixture
 * style (empty units, nested metadata, an accented meter name, several sources): every v1 listing,
 * and the Ceilometer wire (negotiation, request ids, CORS, errors) as a client sees it.
 */
@Timeout(60)
class CeilometerFixtureEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCENTED = "météo.température";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> LOG = new CopyOnWriteArrayList<>();

  @TempDir static Path dir;
  private static Main.Started started;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Path data = dir.resolve("fixture.jsonl");
    try (InputStream in =
        CeilometerFixtureEndToEndTest.class.getResourceAsStream(
            "/fixtures/ceilometer-style.jsonl")) {
      Files.write(data, in.readAllBytes());
    }
    PrintStream out = new PrintStream(new LineSink(LOG::add), true, StandardCharsets.UTF_8);
    started =
        Main.start(
            new String[] {
              "--port",
              "0",
              "--data",
              data.toString(),
              "--window-policy",
              "none",
              "--cors-origin",
              "http://dash.example",
              "--cors-origin",
              "http://other.example"
            },
            out,
            out);
    assertThat(started.status()).as(String.join("\n", LOG)).isZero();
    base = "http://127.0.0.1:" + started.server().port();
  }

  @AfterAll
  static void stop() {
    started.close(System.err);
  }

  private static HttpResponse<String> send(
      String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("X-Roles", "admin")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send("GET", path, null);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    return JSON.readTree(response.body());
  }

  private static JsonNode golden(String name) throws Exception {
    try (InputStream in =
        CeilometerFixtureEndToEndTest.class.getResourceAsStream("/golden/" + name)) {
      return JSON.readTree(in);
    }
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(field == null ? item.asText() : item.path(field).asText()));
    return values;
  }

  private static String accented() {
    return URLEncoder.encode(ACCENTED, StandardCharsets.UTF_8);
  }

  @Test
  void everyV1ListingOfTheFixture() throws Exception {
    assertThat(get("/v1/meters")).isEqualTo(golden("v1-fixture-meters.json"));
    assertThat(get("/v1/resources")).isEqualTo(golden("v1-fixture-resources.json"));
    assertThat(texts(get("/v1/projects").path("projects"), null))
        .containsExactly("project-id", "project-id2");
    assertThat(texts(get("/v1/users").path("users"), null)).containsExactly("user-id", "user-id2");
    assertThat(texts(get("/v1/sources/test_source/projects").path("projects"), null))
        .containsExactly("project-id");
    assertThat(texts(get("/v1/sources/test_source2/users").path("users"), null))
        .containsExactly("user-id2");
    assertThat(texts(get("/v1/resources/resource-id/meters").path("meters"), "name"))
        .containsExactly("instance", ACCENTED);
    assertThat(texts(get("/v1/users/user-id/meters").path("meters"), "resource_id"))
        .containsExactly("resource-id", "resource-id", "resource-id2");
    assertThat(texts(get("/v1/projects/project-id2/meters").path("meters"), "unit"))
        .containsExactly("");
    assertThat(texts(get("/v1/sources/test_source/meters").path("meters"), "name"))
        .containsExactly("instance", ACCENTED, "instance");
    assertThat(texts(get("/v1/projects/project-id/resources").path("resources"), "resource_id"))
        .containsExactly("resource-id", "resource-id2");
    assertThat(texts(get("/v1/sources/test_source2/resources").path("resources"), "resource_id"))
        .containsExactly("resource-id3");
    assertThat(texts(get("/v1/users/user-id/resources").path("resources"), "resource_id"))
        .containsExactly("resource-id", "resource-id2");
    JsonNode events = get("/v1/resources/resource-id/meters/instance");
    assertThat(events.at("/events/0/recorded_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    ((ObjectNode) events.at("/events/0")).put("recorded_at", "RECORDED");
    assertThat(events).isEqualTo(golden("v1-fixture-events-resource-id-instance.json"));
    assertThat(texts(get("/v1/projects/project-id/meters/instance").path("events"), "message_id"))
        .containsExactly("msg-2", "msg-1");
    assertThat(texts(get("/v1/sources/test_source2/meters/instance").path("events"), "message_id"))
        .containsExactly("msg-3");
    assertThat(
            texts(
                get("/v1/users/user-id/meters/instance?metadata.tag=self.sample2").path("events"),
                "message_id"))
        .containsExactly("msg-2");
    assertThat(
            get("/v1/resources/resource-id/meters/" + accented() + "/volume/sum")
                .path("volume")
                .asDouble())
        .isEqualTo(2.5);
    assertThat(get("/v1/projects/project-id/meters/instance/volume/max").path("volume").asDouble())
        .isEqualTo(1.0);
    assertThat(get("/v1/resources/resource-id/meters/instance/duration"))
        .isEqualTo(
            JSON.readTree(
                "{\"start_timestamp\": \"2012-07-02T10:40:00.000000\","
                    + " \"end_timestamp\": \"2012-07-02T10:40:00.000000\", \"duration\": 0.0}"));
    assertThat(
            texts(
                get("/v1/meters?metadata.properties.prop_2.sub_prop_1=sub_prop_value")
                    .path("meters"),
                "resource_id"))
        .containsExactly("resource-id");
  }

  @Test
  void v2ListsTheFixtureInCeilometersShapes() throws Exception {
    JsonNode sample = get("/v2/samples?q.field=message_id&q.value=msg-2").get(0);
    assertThat(sample.path("unit").asText()).isEmpty();
    assertThat(sample.path("metadata"))
        .isEqualTo(
            JSON.readTree(
                "{\"display_name\": \"test-server\", \"tag\": \"self.sample2\","
                    + " \"size\": \"0\", \"util\": \"0.47\", \"is_public\": \"False\"}"));
    assertThat(texts(get("/v2/meters/instance?q.field=metadata.util&q.value=0.47"), "message_id"))
        .containsExactly("msg-2");
    assertThat(
            texts(
                get("/v2/meters/instance?q.field=metadata.is_public&q.value=False&q.type=boolean"),
                "message_id"))
        .containsExactly("msg-2");
    assertThat(
            texts(
                get(
                    "/v2/samples?q.field=metadata.properties.prop_2.sub_prop_1&q.value=sub_prop_value"),
                "id"))
        .containsExactly("msg-1");
    assertThat(
            texts(
                get(
                    "/v2/samples?q.field=timestamp&q.op=ge&q.value=2012-07-02%2010:42:00&q.field=timestamp&q.op=lt&q.value=2012-07-03"),
                "id"))
        .containsExactly("msg-4", "msg-3");
    assertThat(get("/v2/meters/" + accented() + "/statistics").get(0).path("unit").asText())
        .isEqualTo("°C");
  }

  @Test
  void theWireOfTheCeilometerFamiliesOverHttp() throws Exception {
    HttpResponse<String> version = send("GET", "/", null);
    assertThat(JSON.readTree(version.body()).at("/versions/values/0/links/0/href").asText())
        .isEqualTo(base + "/v2");
    assertThat(version.headers().firstValue("x-openstack-request-id").orElseThrow())
        .matches("req-[0-9a-f-]{36}");
    HttpResponse<String> plain = send("GET", "/v2/meters", null, "Accept", "text/plain");
    assertThat(plain.statusCode()).isEqualTo(406);
    assertThat(plain.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(JSON.readTree(plain.body()).path("error_message").asText())
        .isEqualTo(
            "406 Not Acceptable\n\nThe resource could not be generated that was acceptable"
                + " to your browser (content of type text/plain. \n\n ");
    HttpResponse<String> text =
        send("POST", "/v2/meters/instance", "[]", "Content-Type", "text/plain");
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(text.body()).at("/error_message/faultstring").asText())
        .isEqualTo("Unknown mimetype: text/plain");
    HttpResponse<String> preflight =
        send(
            "OPTIONS",
            "/v2/meters",
            null,
            "Origin",
            "http://dash.example",
            "Access-Control-Request-Method",
            "POST");
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://dash.example");
    assertThat(preflight.headers().firstValue("x-openstack-request-id")).isEmpty();
    assertThat(
            send("GET", "/v2/meters", null, "Origin", "http://other.example")
                .headers()
                .firstValue("Access-Control-Expose-Headers"))
        .contains("X-Auth-Token,X-Subject-Token,X-Service-Token,X-Openstack-Request-Id");
    HttpResponse<String> gone = send("DELETE", "/v2/alarms/a1", null, "Accept", "application/json");
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(JSON.readTree(gone.body()).at("/error_message/title").asText()).isEqualTo("Gone");
    HttpResponse<String> posted =
        send(
            "POST",
            "/v2/meters/apples?direct=True",
            "[{\"counter_name\": \"apples\", \"counter_type\": \"gauge\", \"counter_unit\": \"\","
                + " \"counter_volume\": 1, \"resource_id\": \"r-1\", \"project_id\": \"p-9\"}]",
            "Content-Type",
            "application/json");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    assertThat(JSON.readTree(posted.body()).at("/0/source").asText()).isEqualTo("p-9:openstack");
  }

  @Test
  void usageEventsNeverShowUpAsCeilometerMetersAndBurstErrorsAreCloudSigmas() throws Exception {
    String[] tenant = {
      "Content-Type", "application/json", "X-Project-Id", "acme", "X-User-Id", "amp"
    };
    assertThat(send("POST", "/user", "{\"name\": \"acme\"}", tenant).statusCode()).isEqualTo(201);
    HttpResponse<String> event =
        send(
            "POST",
            "/usage/location",
            "{\"user\": \"u\", \"ampId\": \"a\", \"applicationId\": \"app\", \"entityId\": \"e\","
                + " \"entityType\": \"vm\", \"locationId\": \"eu-west-1a\", \"state\": \"RUNNING\","
                + " \"timestamp\": \"2012-07-02T10:00:00Z\", \"metadata\": {}}",
            tenant);
    assertThat(event.statusCode()).as(event.body()).isEqualTo(201);
    assertThat(get("/v2/meters").toString()).doesNotContain("usage").doesNotContain("eu-west-1a");
    assertThat(get("/v1/resources").toString()).doesNotContain("eu-west-1a");
    assertThat(get("/v2/samples?limit=1000").toString()).doesNotContain("eu-west-1a");
    HttpResponse<String> usage = send("GET", "/usage/location?tenantId=acme", null);
    assertThat(usage.body()).contains("eu-west-1a");
    HttpResponse<String> burst =
        send("GET", "/burstusage/?date=yesterday", null, "X-User-Id", "alice");
    assertThat(burst.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(burst.body()))
        .isEqualTo(
            JSON.readTree(
                "[{\"error_type\": \"validation\", \"error_message\": \"date must be a"
                    + " date like 2014-10-21, got: 'yesterday'\", \"error_point\": \"date\"}]"));
  }
}
