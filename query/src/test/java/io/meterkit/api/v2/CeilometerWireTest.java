package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.ADMIN;
import static io.meterkit.api.ApiTestSupport.MEMBER_P1;
import static io.meterkit.api.ApiTestSupport.assertFault;
import static io.meterkit.api.ApiTestSupport.assertJson;
import static io.meterkit.api.ApiTestSupport.assertOk;
import static io.meterkit.api.ApiTestSupport.golden;
import static io.meterkit.api.ApiTestSupport.json;
import static io.meterkit.api.ApiTestSupport.parse;
import static io.meterkit.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ApiTestSupport;
import io.meterkit.api.Cors;
import io.meterkit.api.MeterApi;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cross-cutting wire of the Ceilometer families: request ids, CORS, content negotiation, the
 * framework's error forms, the version document, capabilities, resources and the complex query.
 */
class CeilometerWireTest {
  private final MeterApi api =
      MeterApi.builder(ApiTestSupport.knownStore())
          .cors(Cors.allowing(List.of("http://dashboard.example")))
          .build();

  private ApiResponse get(String pathAndQuery) {
    return api.handle(ApiTestSupport.get(pathAndQuery));
  }

  private ApiResponse get(String pathAndQuery, String header, String value) {
    return api.handle(
        ApiRequest.builder("GET", pathAndQuery).header(header, value).principal(ADMIN).build());
  }

  @Test
  void everyResponseHasItsOwnRequestId() {
    String first = get("/v2/meters").headers().get(MeterApi.REQUEST_ID_HEADER);
    String second = get("/v2/nothing").headers().get(MeterApi.REQUEST_ID_HEADER);
    assertThat(first)
        .matches("req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(second).startsWith("req-").isNotEqualTo(first);
  }

  @Test
  void theVersionDocumentAnswersEveryMethodOnTheRootAndIndex() {
    assertOk(get("/"), golden("v2-versions.json"));
    assertOk(get("/index"), golden("v2-versions.json"));
    assertOk(api.handle(post("/", "", ADMIN)), golden("v2-versions.json"));
    assertThat(get("/").headers()).containsEntry("Content-Type", "application/json");
    ApiResponse https =
        api.handle(
            ApiRequest.builder("GET", "/")
                .scheme("https")
                .header("Host", "telemetry.example:8777")
                .principal(ADMIN)
                .build());
    assertThat(json(https).at("/versions/values/0/links/0/href").asText())
        .isEqualTo("https://telemetry.example:8777/v2");
  }

  @Test
  void frameworkRefusalsTakeTheFormAcceptAsksFor() {
    for (String path : List.of("/v2", "/v2/", "/v2/events", "/v2/query/other", "/v2/samples/x/y")) {
      ApiResponse response = get(path, "Accept", "application/json");
      assertThat(response.status()).as(path).isEqualTo(404);
      assertJson(json(response), golden("v2-error-404-json.json"));
      assertThat(response.headers()).containsEntry("Content-Type", "application/json");
    }
    assertJson(json(get("/v2")), golden("v2-error-404-plain.json"));
    assertThat(json(get("/v2", "Accept", "*/*")).path("error_message").asText())
        .startsWith("<html>\n <head>\n  <title>404 Not Found</title>");
    ApiResponse gone = get("/v2/alarms/some-id/history", "Accept", "application/json");
    assertThat(gone.status()).isEqualTo(410);
    assertJson(json(gone), golden("v2-error-410-json.json"));
    ApiResponse notAcceptable = get("/v2/meters", "Accept", "text/plain");
    assertThat(notAcceptable.status()).isEqualTo(406);
    assertJson(json(notAcceptable), golden("v2-error-406-plain.json"));
    assertJson(json(get("/v2/meters?limit=0")), golden("v2-error-fault-limit.json"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "text/html",
        "application/xml",
        "text/plain, application/binary; q=0.8",
        "application/vnd.openstack.telemetry-v2+json",
        "application/json;q=0"
      })
  void anAcceptWithoutJsonIs406(String accept) {
    assertThat(get("/v2/meters", "Accept", accept).status()).isEqualTo(406);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*/*",
        "application/json",
        "application/json; charset=utf-8",
        "text/html,*/*",
        "application/*",
        "application/xml;q=0.8, application/json"
      })
  void anAcceptAdmittingJsonGetsJsonWithoutCharset(String accept) {
    ApiResponse response = get("/v2/meters", "Accept", accept);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json");
  }

  @Test
  void routingComesBeforeNegotiationAndMethodBeforeEverything() {
    assertThat(get("/v2/nothing", "Accept", "text/plain").status()).isEqualTo(404);
    ApiResponse notAllowed = get("/v2/meters/cpu_util/x?limit=abc", "Accept", "text/plain");
    assertThat(notAllowed.status()).isEqualTo(405);
    assertThat(notAllowed.headers()).containsEntry("Allow", "GET, POST");
    ApiResponse put =
        api.handle(ApiRequest.builder("PUT", "/v2/query/samples").principal(ADMIN).build());
    assertThat(put.headers()).containsEntry("Allow", "POST");
    ApiResponse head =
        api.handle(ApiRequest.builder("HEAD", "/v2/meters").principal(ADMIN).build());
    assertThat(head.status()).isEqualTo(405);
    assertThat(get("/v2/meters/instance/").status()).isEqualTo(200);
    assertThat(get("/v2/meters/meter.jpg").headers())
        .containsEntry("Content-Type", "application/json");
  }

  @Test
  void corsPreflightIsAnEmpty200AndAllowedOriginsGetTheirHeaders() {
    ApiRequest preflight =
        ApiRequest.builder("OPTIONS", "/v2/meters")
            .header("Origin", "http://dashboard.example")
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "X-Auth-Token, Content-Type")
            .build();
    ApiResponse answer = api.handle(preflight);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEmpty();
    assertThat(answer.headers())
        .containsEntry("Vary", "Origin")
        .containsEntry("Access-Control-Allow-Origin", "http://dashboard.example")
        .containsEntry("Access-Control-Allow-Credentials", "true")
        .containsEntry("Access-Control-Max-Age", "3600")
        .containsEntry("Access-Control-Allow-Methods", "GET")
        .containsEntry("Access-Control-Allow-Headers", "X-Auth-Token,Content-Type")
        .doesNotContainKeys("Content-Type", MeterApi.REQUEST_ID_HEADER);
    ApiResponse projectHeader =
        api.handle(
            ApiRequest.builder("OPTIONS", "/anything")
                .header("Origin", "http://dashboard.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "X-Project-Id")
                .build());
    assertThat(projectHeader.status()).isEqualTo(200);
    assertThat(projectHeader.headers()).isEmpty();
    ApiResponse actual = get("/v2/nothing", "Origin", "http://dashboard.example");
    assertThat(actual.headers())
        .containsEntry("Access-Control-Allow-Origin", "http://dashboard.example")
        .containsEntry("Access-Control-Expose-Headers", Cors.EXPOSE_HEADERS)
        .containsEntry("Vary", "Origin");
    assertThat(get("/v2/meters", "Origin", "http://evil.example").headers())
        .doesNotContainKey("Access-Control-Allow-Origin");
    MeterApi any =
        MeterApi.builder(ApiTestSupport.knownStore()).cors(Cors.allowing(List.of("*"))).build();
    assertThat(
            any.handle(
                    ApiRequest.builder("GET", "/v2/meters")
                        .header("Origin", "http://x")
                        .principal(ADMIN)
                        .build())
                .headers())
        .containsEntry("Access-Control-Allow-Origin", "*");
  }

  @Test
  void capabilitiesListEveryFeature() {
    assertOk(get("/v2/capabilities"), golden("v2-capabilities.json"));
    assertFault(get("/v2/capabilities?x=1"), 400, "Unknown argument: \"x\"");
  }

  @Test
  void resourcesHaveLinksAndTheIdIsDecodedTwice() {
    assertJson(json(get("/v2/resources")).get(0), golden("v2-resource-vm-1.json"));
    assertOk(get("/v2/resources/vm-1"), golden("v2-resource-vm-1.json"));
    assertThat(json(get("/v2/resources?meter_links=0")).get(0).path("links")).hasSize(1);
    assertThat(
            json(get("/v2/resources?q.field=project&q.value=p-2"))
                .get(0)
                .path("resource_id")
                .asText())
        .isEqualTo("vm-3");
    assertThat(
            json(get("/v2/resources?q.field=timestamp&q.op=ge&q.value=2014-10-22T01:00:00"))
                .findValuesAsText("resource_id"))
        .containsExactly("vm-1", "vm-2");
    assertThat(
            json(get("/v2/resources?q.field=timestamp&q.op=ge&q.value=2014-10-22T01:00:00"))
                .get(0)
                .path("first_sample_timestamp")
                .asText())
        .isEqualTo("2014-10-22T01:10:00");
    assertFault(get("/v2/resources/vm-9"), 404, "Resource vm-9 Not Found");
    assertFault(get("/v2/resources/a%252Fb"), 404, "Resource a/b Not Found");
    assertFault(
        api.handle(ApiTestSupport.get("/v2/resources/vm-3", MEMBER_P1)),
        404,
        "Resource vm-3 Not Found");
    assertFault(get("/v2/resources/vm-1?meter_links=0"), 400, "Unknown argument: \"meter_links\"");
    assertFault(
        get("/v2/resources?q.field=meter&q.value=x"),
        400,
        "Unknown argument: \"meter\": unrecognized field in query: [<Query 'meter' eq 'x' Unset>],"
            + " valid keys: ['project', 'resource', 'search_offset', 'source', 'timestamp',"
            + " 'user']");
  }

  private ApiResponse query(String body, io.meterkit.api.Principal caller) {
    return api.handle(post("/v2/query/samples", body, caller));
  }

  @Test
  void theComplexQueryFiltersOrdersAndLimits() {
    String filter =
        "{\\\"and\\\": [{\\\"=\\\": {\\\"resource\\\": \\\"vm-1\\\"}}, {\\\"not\\\": {\\\"=\\\":"
            + " {\\\"volume\\\": 10}}}, {\\\"<\\\": {\\\"timestamp\\\": \\\"2014-10-22T00:30:00\\\"}}]}";
    assertOk(
        query(
            "{\"filter\": \"" + filter + "\", \"orderby\": \"[{\\\"timestamp\\\": \\\"aSc\\\"}]\"}",
            ADMIN),
        golden("v2-query-samples-vm-1-asc.json"));
    assertThat(json(query("{}", ADMIN))).hasSize(9);
    assertThat(json(query("{\"limit\": 2}", ADMIN)).findValuesAsText("id"))
        .containsExactly("cpu-2b", "cpu-1c");
    assertThat(
            json(query(
                    "{\"filter\": \"{\\\"in\\\": {\\\"meter\\\": [\\\"network.incoming.bytes\\\"]}}\","
                        + " \"orderby\": \"[{\\\"volume\\\": \\\"DeSc\\\"}]\"}",
                    ADMIN))
                .findValuesAsText("id"))
        .containsExactly("net-3a", "net-1b", "net-1a");
    assertThat(
            json(
                query(
                    "{\"filter\": \"{\\\"=\\\": {\\\"metadata.flavor\\\": \\\"m1.large\\\"}}\"}",
                    ADMIN)))
        .hasSize(2);
    assertThat(json(query("{}", MEMBER_P1))).hasSize(7);
  }

  @Test
  void theComplexQueryRefusesInCeilometersWords() {
    assertFault(query("", ADMIN), 400, "Missing argument: \"body\"");
    assertFault(query("{\"limit\": 0}", ADMIN), 400, "Limit must be positive");
    assertFault(query("{\"foo\": 1}", ADMIN), 400, "Unknown attribute for argument body: foo");
    assertFault(
        query("{\"filter\": {}}", ADMIN),
        400,
        "Invalid input for field/attribute filter. Value: '{}'. Wrong type. Expected '<class"
            + " 'str'>', got '<class 'dict'>'");
    assertThat(
            ApiTestSupport.faultstring(
                query("{\"filter\": \"{\\\"=\\\": {\\\"x\\\": 1}}\"}", ADMIN)))
        .startsWith(
            "Filter expression not valid: {'=': {'x': 1}} is not valid under any of the given schemas");
    assertThat(
            ApiTestSupport.faultstring(
                query("{\"orderby\": \"[{\\\"timestamp\\\": \\\"\\\"}]\"}", ADMIN)))
        .contains("'' does not match '(?i)^asc$|^desc$'");
    assertThat(ApiTestSupport.faultstring(query("{\"orderby\": \"[] x\"}", ADMIN)))
        .startsWith("Order-by expression not valid: Extra data");
    assertFault(
        query("{\"filter\": \"{\\\"=\\\": {\\\"timestamp\\\": \\\"noon\\\"}}\"}", ADMIN),
        400,
        "Failed to parse the timestamp value noon");
    assertFault(
        query("{\"filter\": \"{\\\"=\\\": {\\\"project_id\\\": \\\"p-2\\\"}}\"}", MEMBER_P1),
        401,
        "Not Authorized to access project p-2");
    // Quirk Q9: an in list on project_id is refused to a member even when it names its own.
    assertFault(
        query("{\"filter\": \"{\\\"in\\\": {\\\"project\\\": [\\\"p-1\\\"]}}\"}", MEMBER_P1),
        401,
        "Not Authorized to access project ['p-1']");
    assertThat(
            json(query("{\"filter\": \"{\\\"=\\\": {\\\"project\\\": \\\"p-1\\\"}}\"}", MEMBER_P1)))
        .hasSize(7);
  }

  @Test
  void aBareQIsNotAnArgument() {
    assertFault(get("/v2/samples?q=1"), 400, "Unknown argument: \"q\"");
    assertThat(parse("[]")).isEmpty();
  }
}
