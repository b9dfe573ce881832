package io.meterkit.api;

import static io.meterkit.api.ApiTestSupport.assertFault;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.store.MeterStore;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authentication, challenges and request limits as {@link MeterApi} applies them. */
class MeterApiSecurityTest {
  private static final String TOKENS =
      "{\"tokens\": [{\"sha256\": \""
          + TokenAuthenticator.sha256Hex("t-alice")
          + "\", \"user\": \"alice\", \"project\": \"p-1\", \"roles\": [\"member\"]}]}";
  private static final String USERS =
      "{\"users\": [{\"name\": \"alice\", \"password\": \""
          + BasicAuthenticator.hashPassword("pw", 1000)
          + "\", \"project\": \"p-1\"}]}";

  private final MeterStore store = ApiTestSupport.knownStore();
  private final MeterApi api =
      MeterApi.builder(store)
          .authenticator(
              Authenticator.chain(
                  TokenAuthenticator.parse(TOKENS),
                  BasicAuthenticator.parse(USERS),
                  TrustedHeaders.fromLoopback()))
          .build();

  private static ApiRequest.Builder from(String address, String pathAndQuery) throws Exception {
    return ApiRequest.builder("GET", pathAndQuery).remoteAddress(InetAddress.getByName(address));
  }

  @Test
  void eachAuthenticatorOfTheChainNamesItsCaller() throws Exception {
    ApiResponse token =
        api.handle(from("10.0.0.9", "/v1/projects").header("X-Auth-Token", "t-alice").build());
    assertThat(token.status()).as(token.bodyText()).isEqualTo(200);
    assertThat(token.bodyText()).isEqualTo("{\"projects\":[\"p-1\"]}");
    assertThat(token.caller()).contains(new Principal("alice", "p-1", List.of("member")));
    ApiResponse basic =
        api.handle(
            from("10.0.0.9", "/v1/projects").header("Authorization", "Basic YWxpY2U6cHc=").build());
    assertThat(basic.bodyText()).isEqualTo("{\"projects\":[\"p-1\"]}");
    assertThat(basic.caller()).contains(new Principal("alice", "p-1", List.of()));
    ApiResponse proxied =
        api.handle(from("127.0.0.1", "/v1/projects").header("X-Roles", "admin").build());
    assertThat(proxied.bodyText()).isEqualTo("{\"projects\":[\"p-1\",\"p-2\"]}");
  }

  @Test
  void identityHeadersFromAStrangerAreIgnoredAndAnswered401WithTheChallenges() throws Exception {
    ApiResponse response =
        api.handle(from("10.0.0.9", "/v1/projects").header("X-Roles", "admin").build());
    assertFault(response, 401, "authentication required: the request names no caller");
    assertThat(response.headers())
        .containsEntry(
            "WWW-Authenticate",
            "Bearer realm=\"meterkit\", Basic realm=\"meterkit\", charset=\"UTF-8\"");
    assertThat(response.caller()).isEmpty();
  }

  @Test
  void everyWrongCredentialGetsTheSameAnswer() throws Exception {
    List<ApiRequest> wrong =
        List.of(
            from("10.0.0.9", "/v1/projects").header("X-Auth-Token", "t-bob").build(),
            from("10.0.0.9", "/v1/projects").header("Authorization", "Bearer t-alice2").build(),
            from("10.0.0.9", "/v1/projects").header("Authorization", "Basic YWxpY2U6cHx=").build(),
            from("10.0.0.9", "/v1/projects").header("Authorization", "Basic Ym9iOnB3").build(),
            from("10.0.0.9", "/v1/projects").header("Authorization", "Basic !!").build(),
            // A wrong token is not rescued by trusted headers further down the chain.
            from("127.0.0.1", "/v1/projects")
                .header("X-Auth-Token", "t-bob")
                .header("X-Roles", "admin")
                .build());
    ApiResponse first = api.handle(wrong.get(0));
    assertFault(first, 401, "authentication failed");
    for (ApiRequest request : wrong) {
      ApiResponse answer = api.handle(request);
      assertThat(answer.status()).as(request.headers().toString()).isEqualTo(first.status());
      assertThat(answer.bodyText()).as(request.headers().toString()).isEqualTo(first.bodyText());
      assertThat(answer.headers().get("WWW-Authenticate"))
          .isEqualTo(first.headers().get("WWW-Authenticate"));
      assertThat(answer.headers().get(MeterApi.REQUEST_ID_HEADER))
          .as("every answer has its own request id")
          .isNotEqualTo(first.headers().get(MeterApi.REQUEST_ID_HEADER))
          .startsWith("req-");
    }
  }

  @Test
  void aPrincipalSetByTheHostSkipsTheAuthenticator() throws Exception {
    ApiResponse response =
        api.handle(
            from("10.0.0.9", "/v1/projects")
                .header("X-Auth-Token", "wrong")
                .principal(ApiTestSupport.MEMBER_P1)
                .build());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.caller()).contains(ApiTestSupport.MEMBER_P1);
  }

  @Test
  void withoutAnAuthenticatorTheAnswerNamesTheIdentityHeadersAsBefore() {
    ApiResponse response =
        MeterApi.builder(store).build().handle(ApiRequest.builder("GET", "/v2/meters").build());
    assertFault(
        response,
        401,
        "authentication required: the request names no caller (headers X-User-Id, X-Project-Id,"
            + " X-Roles)");
    assertThat(response.headers()).doesNotContainKey("WWW-Authenticate");
  }

  @Test
  void tooManyQueryTermsAre400() {
    MeterApi limited = MeterApi.builder(store).maxQueryTerms(3).build();
    String three = "/v2/meters?q.field=resource_id&q.op=eq&q.value=vm-1&limit=5&unique=False";
    assertThat(limited.handle(ApiTestSupport.get(three)).status()).isEqualTo(200);
    assertFault(
        limited.handle(ApiTestSupport.get(three + "&q.field=user_id&q.value=u-1")),
        400,
        "a request may have at most 3 query terms, got 4");
    StringBuilder many = new StringBuilder("/v2/meters?limit=1");
    for (int i = 0; i < MeterApi.DEFAULT_MAX_QUERY_TERMS; i++) {
      many.append("&q.field=resource_id&q.op=eq&q.value=vm-").append(i);
    }
    assertFault(
        api.handle(ApiTestSupport.get(many.toString())),
        400,
        "a request may have at most 100 query terms, got 101");
    assertThat(
            RequestLimits.queryTerms(
                QueryParameters.of("q.field", "a", "q.op", "eq", "q.value", "x", "q.value", "y")))
        .isEqualTo(2);
  }

  @Test
  void aBatchOfTooManySamplesIs413AndStoresNothing() {
    MeterApi limited = MeterApi.builder(store).maxBatchSamples(2).build();
    long before = store.snapshot().sampleCount();
    String sample =
        "{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-9\", \"project_id\": \"p-1\"}";
    ApiResponse refused =
        limited.handle(
            ApiTestSupport.post(
                "/v2/meters/cpu_util",
                "[" + sample + "," + sample + "," + sample + "]",
                ApiTestSupport.ADMIN));
    assertFault(refused, 413, "a batch may hold at most 2 samples, got 3");
    assertThat(store.snapshot().sampleCount()).isEqualTo(before);
    ApiResponse accepted =
        limited.handle(
            ApiTestSupport.post(
                "/v2/meters/cpu_util", "[" + sample + "," + sample + "]", ApiTestSupport.ADMIN));
    assertThat(accepted.status()).as(accepted.bodyText()).isEqualTo(201);
    assertThat(store.snapshot().sampleCount()).isEqualTo(before + 2);
  }

  @Test
  void batchItemsAreCountedWithoutParsingThem() {
    assertThat(RequestLimits.topLevelItems("[1, [2, [3]], {\"a\": [4, 5]}, \"x\"]".getBytes()))
        .isEqualTo(4);
    assertThat(RequestLimits.topLevelItems("{\"a\": [1, 2, 3]}".getBytes())).isZero();
    assertThat(RequestLimits.topLevelItems(" \n[]".getBytes())).isZero();
    assertThat(RequestLimits.topLevelItems("[ {} ]".getBytes())).isEqualTo(1);
    assertThat(
            RequestLimits.topLevelItems(
                "[\"a,b\", \"c]\\\"d,[\", {\"k\": \"[,]\", \"l\": [1, 2]}, true]".getBytes()))
        .as("commas and brackets inside strings, escaped quotes, nesting")
        .isEqualTo(4);
    assertThat(RequestLimits.topLevelItems("[1, 2, oops".getBytes())).isEqualTo(3);
    assertThat(RequestLimits.topLevelItems(new byte[0])).isZero();
    assertThat(RequestLimits.topLevelItems("\"[1,2]\"".getBytes())).isZero();
  }

  @Test
  void theHostsOwnRefusalsGetTheErrorBody() {
    ApiRequest request = ApiRequest.builder("POST", "/v2/meters/cpu_util").build();
    assertFault(
        api.refuse(request, new LimitExceededException(413, "the body may hold at most 10 bytes")),
        413,
        "the body may hold at most 10 bytes");
    assertThat(api.refuse(request, new UnauthorizedException("authentication failed")).headers())
        .containsKey("WWW-Authenticate");
    assertThat(Map.of(400, 1, 413, 1, 414, 1, 431, 1, 503, 1))
        .allSatisfy(
            (status, ignored) ->
                assertThat(api.refuse(request, new LimitExceededException(status, "x")).status())
                    .isEqualTo(status));
  }
}
