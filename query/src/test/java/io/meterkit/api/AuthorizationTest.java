package io.meterkit.api;

import static io.meterkit.api.ApiTestSupport.ADMIN;
import static io.meterkit.api.ApiTestSupport.MEMBER_P1;
import static io.meterkit.api.ApiTestSupport.assertFault;
import static io.meterkit.api.ApiTestSupport.assertOk;
import static io.meterkit.api.ApiTestSupport.get;
import static io.meterkit.api.ApiTestSupport.json;
import static io.meterkit.api.ApiTestSupport.parse;
import static io.meterkit.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admins see everything; members only their project (the access rule of the v1/v2 families). */
class AuthorizationTest {
  private final MeterApi api = MeterApi.builder(ApiTestSupport.knownStore()).build();

  private List<String> values(ApiRequest request, String wrapper, String field) {
    ApiResponse response = api.handle(request);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    JsonNode body = wrapper == null ? json(response) : json(response).path(wrapper);
    List<String> values = new ArrayList<>();
    body.forEach(item -> values.add(field == null ? item.asText() : item.path(field).asText()));
    return values;
  }

  @Test
  void anAdminSeesEveryProject() {
    assertThat(values(get("/v1/projects", ADMIN), "projects", null)).containsExactly("p-1", "p-2");
    assertThat(values(get("/v2/meters", ADMIN), null, "resource_id"))
        .containsExactly("vm-1", "vm-1", "vm-2", "vm-3", "vm-3");
  }

  @Test
  void aMemberAskingForAnotherProjectsPathGets404() {
    assertFault(
        api.handle(get("/v1/projects/p-2/resources", MEMBER_P1)), 404, "project 'p-2' not found");
    assertFault(
        api.handle(get("/v1/projects/p-2/meters/cpu_util/volume/max", MEMBER_P1)),
        404,
        "project 'p-2' not found");
    assertThat(values(get("/v1/projects/p-1/resources", MEMBER_P1), "resources", "resource_id"))
        .containsExactly("vm-1", "vm-2");
  }

  @Test
  void otherV1PathsAreSilentlyFilteredToTheMembersProject() {
    assertThat(values(get("/v1/projects", MEMBER_P1), "projects", null)).containsExactly("p-1");
    assertThat(values(get("/v1/resources", MEMBER_P1), "resources", "resource_id"))
        .containsExactly("vm-1", "vm-2");
    assertOk(
        api.handle(get("/v1/resources/vm-3/meters/cpu_util/volume/max", MEMBER_P1)),
        parse("{\"volume\": null}"));
    assertThat(values(get("/v1/users/u-3/meters/cpu_util", MEMBER_P1), "events", null)).isEmpty();
    // As Ceilometer v1: a member's user listing is its own user id.
    assertThat(values(get("/v1/sources/other/users", MEMBER_P1), "users", null))
        .containsExactly("u-1");
  }

  @Test
  void v2IsSilentlyFilteredToTheMembersProjectWithoutLeakingThroughQueryTerms() {
    assertThat(values(get("/v2/meters", MEMBER_P1), null, "resource_id"))
        .containsExactly("vm-1", "vm-1", "vm-2");
    assertFault(
        api.handle(get("/v2/meters?q.field=project_id&q.value=p-2", MEMBER_P1)),
        401,
        "Not Authorized to access project p-2");
    assertFault(
        api.handle(
            get(
                "/v2/samples?q.field=project&q.value=p-1&q.field=project_id&q.value=p-2",
                MEMBER_P1)),
        401,
        "Not Authorized to access project p-2");
    assertThat(
            values(get("/v2/meters?q.field=project&q.value=p-1", MEMBER_P1), null, "resource_id"))
        .containsExactly("vm-1", "vm-1", "vm-2");
    JsonNode stats = json(api.handle(get("/v2/meters/cpu_util/statistics", MEMBER_P1)));
    assertThat(stats.get(0).path("count").asLong()).isEqualTo(5);
    assertThat(values(get("/v2/samples?q.field=resource_id&q.value=vm-3", MEMBER_P1), null, "id"))
        .isEmpty();
    assertFault(api.handle(get("/v2/samples/cpu-3a", MEMBER_P1)), 404, "Sample cpu-3a Not Found");
  }

  @Test
  void aMemberWithoutAProjectSeesNothing() {
    Principal nobody = new Principal("u-9", null, List.of("Member"));
    assertThat(values(get("/v1/resources", nobody), "resources", null)).isEmpty();
    assertThat(values(get("/v2/meters", nobody), null, null)).isEmpty();
  }

  @Test
  void aMemberPostsOnlyForItsOwnProjectAndSamplesWithoutOneGetIt() {
    String other =
        "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-9\", \"project_id\": \"p-2\"}]";
    assertFault(
        api.handle(post("/v2/meters/cpu_util", other, MEMBER_P1)),
        400,
        "Invalid input for field/attribute project_id. Value: 'p-2'. can not post samples to other"
            + " projects");
    String none = other.replace(", \"project_id\": \"p-2\"", "");
    ApiResponse created = api.handle(post("/v2/meters/cpu_util", none, MEMBER_P1));
    assertThat(created.status()).isEqualTo(201);
    assertThat(json(created).get(0).path("project_id").asText()).isEqualTo("p-1");
    assertThat(api.handle(post("/v2/meters/cpu_util", other, ADMIN)).status()).isEqualTo(201);
  }

  @Test
  void aMemberRetryingAnotherProjectsMessageIdGets409AndNotThatSample() {
    String retry =
        "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-9\", \"message_id\": \"fresh-1\"},"
            + " {\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-9\", \"message_id\": \"cpu-3a\"}]";
    ApiResponse refused = api.handle(post("/v2/meters/cpu_util", retry, MEMBER_P1));
    assertFault(
        refused, 409, "samples[1].message_id 'cpu-3a' is already in use; choose another id");
    assertThat(refused.bodyText()).doesNotContain("vm-3").doesNotContain("p-2");
    assertThat(api.handle(get("/v2/samples/fresh-1", ADMIN)).status())
        .as("nothing of the refused batch is stored")
        .isEqualTo(404);
    String ownRetry = retry.replace("cpu-3a", "cpu-1a");
    ApiResponse retried = api.handle(post("/v2/meters/cpu_util", ownRetry, MEMBER_P1));
    assertThat(retried.status()).as(retried.bodyText()).isEqualTo(201);
    assertThat(json(retried).get(1).path("resource_id").asText())
        .as("a retry of the member's own sample answers the stored one")
        .isEqualTo("vm-1");
    ApiResponse adminRetry =
        api.handle(post("/v2/meters/cpu_util", retry.replace("fresh-1", "fresh-2"), ADMIN));
    assertThat(json(adminRetry).get(1).path("resource_id").asText()).isEqualTo("vm-3");
  }

  @Test
  void everyRouteNeedsAPrincipal() {
    for (String path : List.of("/v1/resources", "/v2/meters", "/v2/samples/cpu-1a")) {
      assertThat(api.handle(ApiRequest.builder("GET", path).build()).status())
          .as(path)
          .isEqualTo(401);
    }
  }
}
