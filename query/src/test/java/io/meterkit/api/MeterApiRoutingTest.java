package io.meterkit.api;

import static io.meterkit.api.ApiTestSupport.ADMIN;
import static io.meterkit.api.ApiTestSupport.assertError;
import static io.meterkit.api.ApiTestSupport.assertFault;
import static io.meterkit.api.ApiTestSupport.assertJson;
import static io.meterkit.api.ApiTestSupport.get;
import static io.meterkit.api.ApiTestSupport.json;
import static io.meterkit.api.ApiTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meterkit.api.internal.Json;
import io.meterkit.core.ConflictException;
import io.meterkit.core.ForbiddenException;
import io.meterkit.store.MeterStore;
import org.junit.jupiter.api.Test;

class MeterApiRoutingTest {
  private final MeterStore store = ApiTestSupport.knownStore();

  private MeterApi apiWith(ApiFamily family) {
    return MeterApi.builder(store).family(family).build();
  }

  @Test
  void anUnknownPathIsA404NamingThePath() {
    ApiResponse response = MeterApi.builder(store).build().handle(get("/v3/meters"));
    assertError(response, 404, "no route matches path '/v3/meters'");
  }

  @Test
  void aKnownPathWithAnotherMethodIsA405WithAllow() {
    ApiResponse response =
        MeterApi.builder(store)
            .build()
            .handle(ApiRequest.builder("DELETE", "/v2/meters/cpu_util").principal(ADMIN).build());
    assertThat(response.status()).isEqualTo(405);
    assertJson(
        json(response),
        parse(
            "{\"error_message\": \"405 Method Not Allowed\\n\\nThe method DELETE is not allowed for"
                + " this resource. \\n\\n \"}"));
    assertThat(response.headers()).containsEntry("Allow", "GET, POST");
  }

  @Test
  void aRequestWithoutPrincipalIsA401() {
    ApiResponse response =
        MeterApi.builder(store).build().handle(ApiRequest.builder("GET", "/v2/meters").build());
    assertFault(
        response,
        401,
        "authentication required: the request names no caller (headers X-User-Id, X-Project-Id,"
            + " X-Roles)");
  }

  @Test
  void pathParametersArePercentDecodedSegmentBySegment() {
    MeterApi api =
        apiWith(
            routes ->
                routes.get(
                    "/echo/{value}/x",
                    call -> Json.ok(Json.object().put("value", call.path("value")))));
    assertThat(json(api.handle(get("/echo/a%2Fb+c%20d/x"))).path("value").asText())
        .isEqualTo("a/b+c d");
  }

  @Test
  void aTrailingSlashIsIgnored() {
    MeterApi api = apiWith(routes -> routes.get("/burstusage/", call -> Json.ok(Json.object())));
    assertThat(api.handle(get("/burstusage")).status()).isEqualTo(200);
    assertThat(api.handle(get("/burstusage/")).status()).isEqualTo(200);
  }

  @Test
  void theMostLiteralTemplateWins() {
    MeterApi api =
        apiWith(
            routes ->
                routes
                    .get("/things/{id}", call -> Json.ok(Json.object().put("route", "param")))
                    .get(
                        "/things/special", call -> Json.ok(Json.object().put("route", "literal"))));
    assertThat(json(api.handle(get("/things/special"))).path("route").asText())
        .isEqualTo("literal");
    assertThat(json(api.handle(get("/things/other"))).path("route").asText()).isEqualTo("param");
  }

  @Test
  void aMalformedPathEncodingIsA400() {
    assertFault(
        MeterApi.builder(store).build().handle(get("/v2/meters/%zz")),
        400,
        "Invalid input for field/attribute path. Value: '%zz'. must be valid percent-encoding,"
            + " got: '%zz'");
  }

  @Test
  void refusalsMapToTheirStatusesInOnePlace() {
    MeterApi api =
        apiWith(
            routes ->
                routes
                    .get(
                        "/forbidden",
                        call -> {
                          throw new ForbiddenException("no, got: 'x'");
                        })
                    .get(
                        "/conflict",
                        call -> {
                          throw new ConflictException("exists, got: 'x'");
                        }));
    assertError(api.handle(get("/forbidden")), 403, "no, got: 'x'");
    assertError(api.handle(get("/conflict")), 409, "exists, got: 'x'");
  }

  @Test
  void anUnexpectedExceptionIsA500WithAGenericMessageAndNoStackTrace() {
    MeterApi api =
        apiWith(
            routes ->
                routes.get(
                    "/boom",
                    call -> {
                      throw new IllegalStateException("secret detail");
                    }));
    ApiResponse response = api.handle(get("/boom"));
    assertError(response, 500, "internal server error; the server log has the details");
    assertThat(response.bodyText())
        .doesNotContain("secret detail")
        .doesNotContain("at io.meterkit");
  }

  @Test
  void registeringARouteTwiceFails() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> apiWith(routes -> routes.get("/v2/meters", call -> null)))
        .withMessage("route GET /v2/meters is already registered");
  }

  @Test
  void aMalformedTemplateFails() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> apiWith(routes -> routes.get("/x/{a", call -> null)))
        .withMessage("template segments must be literals or {name}, got: '/x/{a'");
  }

  @Test
  void laterFamiliesPlugInWithTheirOwnRoles() {
    // The shape of the usage-events family: /user and /usage/... requiring roles.
    ApiFamily usage =
        routes ->
            routes
                .post(
                    "/user",
                    call -> {
                      call.principal().requireRole(Role.ADMIN);
                      return Json.response(201, Json.readBody(call.request()));
                    })
                .delete("/user/{name}", call -> ApiResponse.noContent());
    MeterApi api = apiWith(usage);
    Principal tenant = new Principal("t", "acme", java.util.List.of("tenant"));
    assertError(
        api.handle(
            ApiRequest.builder("POST", "/user")
                .body("{\"name\":\"acme\"}")
                .principal(tenant)
                .build()),
        403,
        "this request requires role admin or higher, got roles: [tenant]");
    assertThat(
            api.handle(
                    ApiRequest.builder("POST", "/user")
                        .body("{\"name\":\"acme\"}")
                        .principal(ADMIN)
                        .build())
                .status())
        .isEqualTo(201);
    ApiResponse deleted =
        api.handle(ApiRequest.builder("DELETE", "/user/acme").principal(ADMIN).build());
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
  }
}
