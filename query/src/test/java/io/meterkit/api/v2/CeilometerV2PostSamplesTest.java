package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.ADMIN;
import static io.meterkit.api.ApiTestSupport.MEMBER_P1;
import static io.meterkit.api.ApiTestSupport.assertFault;
import static io.meterkit.api.ApiTestSupport.assertJson;
import static io.meterkit.api.ApiTestSupport.faultstring;
import static io.meterkit.api.ApiTestSupport.golden;
import static io.meterkit.api.ApiTestSupport.json;
import static io.meterkit.api.ApiTestSupport.parse;
import static io.meterkit.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ApiTestSupport;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.store.MeterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v2/meters/{meter}} as Ceilometer's own post scenarios use it. */
class CeilometerV2PostSamplesTest {
  private final MeterStore store = ApiTestSupport.emptyStore();
  private final MeterApi api =
      MeterApi.builder(store).clock(ApiTestSupport.clockAt("2014-10-22T12:00:00.250Z")).build();

  private static final String APPLES =
      "{\"counter_name\": \"apples\", \"counter_type\": \"gauge\", \"counter_unit\": \"instance\","
          + " \"counter_volume\": 1, \"resource_id\": \"bd9431c1-8d69-4ad3-803a-8d4a6b89fd36\","
          + " \"project_id\": \"35b17138-b364-4e6a-a131-8f3099c5be68\","
          + " \"user_id\": \"efd87807-12d2-4b38-9c70-5f5c2ac427ff\"";

  private ApiResponse postApples(String more, Principal caller) {
    return api.handle(post("/v2/meters/apples/", "[" + APPLES + more + "}]", caller));
  }

  @Test
  void aSampleIsStoredAndEchoedWithTheSourceRewrittenAndMetadataAsSent() {
    ApiResponse response =
        postApples(
            ", \"timestamp\": \"2012-08-27T00:00:00+02:00\", \"message_id\": \"m-apples-1\","
                + " \"resource_metadata\": {\"nest.name1\": \"value1\", \"name2\": \"value2\","
                + " \"nest.name2\": \"value3\"}",
            ADMIN);

    assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json");
    assertJson(json(response), golden("v2-post-echo-apples.json"));
    assertThat(json(response).get(0).has("recorded_at")).isFalse();
    // Stored: the offset applied, metadata flattened as Ceilometer prints it.
    assertJson(
        json(api.handle(ApiTestSupport.get("/v2/meters/apples"))),
        golden("v2-meter-apples-stored.json"));
  }

  @Test
  void defaultsComeFromTheCallerAndTheClockAndANullProjectPrintsNone() {
    String bare =
        "[{\"counter_name\": \"apples\", \"counter_type\": \"gauge\", \"counter_unit\": \"\","
            + " \"counter_volume\": \"1\", \"resource_id\": \"r\", \"source\": \"mine\"}]";
    JsonNode member = json(api.handle(post("/v2/meters/apples", bare, MEMBER_P1))).get(0);
    assertThat(member.path("project_id").asText()).isEqualTo("p-1");
    assertThat(member.path("user_id").asText()).isEqualTo("u-1");
    assertThat(member.path("source").asText()).isEqualTo("p-1:mine");
    assertThat(member.path("counter_unit").asText()).isEmpty();
    assertThat(member.path("counter_volume").isDouble()).isTrue();
    assertThat(member.path("timestamp").asText()).isEqualTo("2014-10-22T12:00:00.250000");
    Principal anonymous = Principal.anonymousAdmin();
    JsonNode admin =
        json(api.handle(
                post("/v2/meters/apples", bare.replace(", \"source\": \"mine\"", ""), anonymous)))
            .get(0);
    assertThat(admin.path("project_id").isNull()).isTrue();
    assertThat(admin.path("source").asText()).isEqualTo("None:openstack");
  }

  @ParameterizedTest
  @CsvSource({
    "2012-08-27T00:00:00, 2012-08-27T00:00:00",
    "2012-08-27T00:00:00Z, 2012-08-27T00:00:00+00:00",
    "2012-08-27 10:20:30.5, 2012-08-27T10:20:30.500000",
    "2012-08-27, 2012-08-27T00:00:00",
    "2012-08-27T00:00:00.123456-0530, 2012-08-27T00:00:00.123456-05:30"
  })
  void aClientTimestampIsEchoedInPythonsIsoformat(String sent, String echoed) {
    JsonNode echo =
        json(postApples(
                ", \"timestamp\": \"" + sent + "\", \"recorded_at\": \"" + sent + "\"", ADMIN))
            .get(0);
    assertThat(echo.path("timestamp").asText()).isEqualTo(echoed);
    assertThat(echo.path("recorded_at").asText()).isEqualTo(echoed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?direct=True", "?direct=false", "?direct=foo"})
  void directIsAcceptedWithAnyValue(String query) {
    ApiResponse response =
        api.handle(post("/v2/meters/apples" + query, "[" + APPLES + "}]", ADMIN));
    assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
  }

  @Test
  void postingToTheStatisticsPathPostsToTheMeter() {
    ApiResponse response =
        api.handle(post("/v2/meters/apples/statistics", "[" + APPLES + "}]", ADMIN));
    assertThat(response.status()).isEqualTo(201);
  }

  @Test
  void aRetriedMessageIdIsStoredOnceAndAnsweredWithTheStoredSample() {
    postApples(", \"message_id\": \"m-1\"", ADMIN);
    ApiResponse retry =
        api.handle(
            post(
                "/v2/meters/apples",
                "["
                    + APPLES.replace("\"counter_volume\": 1", "\"counter_volume\": 99")
                    + ", \"message_id\": \"m-1\"}]",
                ADMIN));
    assertThat(retry.status()).isEqualTo(201);
    assertThat(json(retry).get(0).path("counter_volume").asDouble()).isEqualTo(1.0);
    assertThat(store.snapshot().sampleCount()).isEqualTo(1);
  }

  @Test
  void aBadSampleRejectsTheWholePostDirectOrNot() {
    String body =
        "["
            + APPLES
            + "}, "
            + APPLES.replace("\"counter_name\": \"apples\"", "\"counter_name\": \"pears\"")
            + "}]";
    assertFault(
        api.handle(post("/v2/meters/apples?direct=True", body, ADMIN)),
        400,
        "Invalid input for field/attribute counter_name. Value: 'pears'. should be apples");
    assertThat(store.snapshot().sampleCount()).isZero();
  }

  @Test
  void aMemberCannotPostForAnotherProject() {
    assertFault(
        postApples("", MEMBER_P1),
        400,
        "Invalid input for field/attribute project_id. Value:"
            + " '35b17138-b364-4e6a-a131-8f3099c5be68'. can not post samples to other projects");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"counter_name", "counter_type", "counter_unit", "counter_volume", "resource_id"})
  void aMissingMandatoryFieldIsNamed(String field) {
    String body = "[" + APPLES + "}]";
    String without = body.replaceAll("\"" + field + "\": (\"[^\"]*\"|[0-9]+),? ?", "");
    assertFault(
        api.handle(post("/v2/meters/apples", without, ADMIN)),
        400,
        "Invalid input for field/attribute " + field + ". Value: 'None'. Mandatory field missing.");
  }

  @Test
  void ceilometersOtherRefusals() {
    assertFault(
        api.handle(
            post("/v2/meters/apples", "[" + APPLES.replace("\"gauge\"", "\"foo\"") + "}]", ADMIN)),
        400,
        "Invalid input for field/attribute counter_type. Value: 'foo'. The counter type must be:"
            + " gauge, delta, cumulative");
    assertFault(
        postApples(", \"wrong\": 1", ADMIN), 400, "Unknown attribute for argument samples: wrong");
    assertFault(
        postApples(", \"wrong\": 1, \"bad\": 2", ADMIN),
        400,
        "Unknown attributes for argument samples: wrong, bad");
    assertFault(
        api.handle(
            post("/v2/meters/apples", "[" + APPLES.replace("\"instance\"", "5") + "}]", ADMIN)),
        400,
        "Invalid input for field/attribute counter_unit. Value: '5'. Wrong type. Expected '<class"
            + " 'str'>', got '<class 'int'>'");
    String prefix =
        "Invalid input for field/attribute samples. Value: '[{'counter_name': 'apples',"
            + " 'counter_type': 'gauge', 'counter_unit': 'instance', 'counter_volume': ";
    assertThat(
            faultstring(
                api.handle(
                    post(
                        "/v2/meters/apples",
                        "["
                            + APPLES.replace("\"counter_volume\": 1", "\"counter_volume\": \"abc\"")
                            + "}]",
                        ADMIN))))
        .startsWith(prefix + "'abc', 'resource_id'")
        .endsWith("}]'. could not convert string to float: 'abc'");
    assertThat(faultstring(postApples(", \"timestamp\": \"never\"", ADMIN)))
        .startsWith(prefix + "1, 'resource_id'")
        .endsWith(", 'timestamp': 'never'}]'. Unknown string format");
    assertThat(faultstring(postApples(", \"resource_metadata\": [1, true, null]", ADMIN)))
        .endsWith(
            "'resource_metadata': [1, True, None]}]'. Value not a valid dict: [1, True, None]");
    assertThat(store.snapshot().sampleCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "null", "[]", "  "})
  void withoutSamplesThePostIsRefused(String body) {
    assertFault(
        api.handle(post("/v2/meters/apples", body, ADMIN)),
        400,
        "Samples should be included in request body");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"counter_name\": \"apples\"",
        "[{\"counter_volume\": NaN}]",
        "[] []",
        "[1e2147483648]"
      })
  void aBodyThatIsNotJsonIsRefused(String body) {
    assertFault(
        api.handle(post("/v2/meters/apples", body, ADMIN)),
        400,
        "Request is not in valid JSON format");
  }

  @Test
  void aBodyOfAnotherMediaTypeIs415() {
    ApiRequest request =
        ApiRequest.builder("POST", "/v2/meters/apples")
            .header("Content-Type", "text/plain; charset=utf-8")
            .body("[" + APPLES + "}]")
            .principal(ADMIN)
            .build();
    assertFault(api.handle(request), 415, "Unknown mimetype: text/plain");
    ApiRequest untyped =
        ApiRequest.builder("POST", "/v2/meters/apples").body("[]").principal(ADMIN).build();
    assertFault(api.handle(untyped), 415, "Unknown mimetype: ");
  }

  @Test
  void nestedMetadataOfAnyJsonTypeIsAcceptedAndFlattened() {
    postApples(
        ", \"resource_metadata\": {\"properties\": {\"prop.3\": {\"$sub_prop.2\": \"y\"},"
            + " \"size\": 0, \"util\": 0.47, \"public\": false, \"tags\": [\"returned\"]}}",
        ADMIN);
    assertJson(
        json(api.handle(ApiTestSupport.get("/v2/samples"))).get(0).path("metadata"),
        parse(
            "{\"properties.prop:3:$sub_prop:2\": \"y\", \"properties.size\": \"0\","
                + " \"properties.util\": \"0.47\", \"properties.public\": \"False\","
                + " \"properties.tags\": \"['returned']\"}"));
  }

  @Test
  void aMeterKeepsOneUnitAndOneType() {
    postApples("", ADMIN);
    assertFault(
        api.handle(
            post(
                "/v2/meters/apples", "[" + APPLES.replace("\"instance\"", "\"kg\"") + "}]", ADMIN)),
        400,
        "Invalid input for field/attribute counter_unit. Value: 'kg'. The unit of meter apples is"
            + " 'instance'");
    assertFault(
        api.handle(
            post(
                "/v2/meters/apples", "[" + APPLES.replace("\"gauge\"", "\"delta\"") + "}]", ADMIN)),
        400,
        "Invalid input for field/attribute counter_type. Value: 'delta'. The type of meter apples"
            + " is gauge");
    assertThat(store.snapshot().sampleCount()).isEqualTo(1);
  }

  @Test
  void postOnlyAcceptsDirect() {
    assertFault(
        api.handle(post("/v2/meters/apples?foo=1", "[" + APPLES + "}]", ADMIN)),
        400,
        "Unknown argument: \"foo\"");
    assertThat(List.of(store.snapshot().sampleCount())).containsExactly(0L);
  }
}
