package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.ADMIN;
import static io.meterkit.api.ApiTestSupport.assertError;
import static io.meterkit.api.ApiTestSupport.assertJson;
import static io.meterkit.api.ApiTestSupport.json;
import static io.meterkit.api.ApiTestSupport.parse;
import static io.meterkit.api.ApiTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ApiTestSupport;
import io.meterkit.api.MeterApi;
import io.meterkit.store.MeterStore;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/meters/{meter}}. */
class CeilometerV2PostSamplesTest {
  private final MeterStore store = ApiTestSupport.emptyStore();
  private final MeterApi api =
      MeterApi.builder(store).clock(ApiTestSupport.clockAt("2014-10-22T12:00:00Z")).build();

  private static final String TWO_SAMPLES =
      "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
          + " \"counter_volume\": 12.5, \"resource_id\": \"vm-1\", \"project_id\": \"p-1\","
          + " \"user_id\": \"u-1\", \"source\": \"openstack\", \"timestamp\": \"2014-10-22T00:00:12Z\","
          + " \"message_id\": \"m-1\", \"resource_metadata\": {\"properties\": {\"prop_1\": 0.75,"
          + " \"on\": false}, \"flavor\": \"m1.small\"}},"
          + " {\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
          + " \"counter_volume\": 7, \"resource_id\": \"vm-2\"}]";

  @Test
  void postedSamplesAreStoredAndEchoedWithTheirIds() {
    ApiResponse response = api.handle(post("/v2/meters/cpu_util", TWO_SAMPLES, ADMIN));
    assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
    JsonNode body = json(response);
    assertThat(body).hasSize(2);
    assertJson(
        body.get(0),
        parse(
            "{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
                + " \"counter_volume\": 12.5, \"message_id\": \"m-1\", \"project_id\": \"p-1\","
                + " \"recorded_at\": \"2014-10-23T00:00:00\", \"resource_id\": \"vm-1\","
                + " \"resource_metadata\": {\"flavor\": \"m1.small\", \"properties.on\": \"false\","
                + " \"properties.prop_1\": \"0.75\"}, \"source\": \"openstack\","
                + " \"timestamp\": \"2014-10-22T00:00:12\", \"user_id\": \"u-1\"}"));
    // The second sample had no timestamp (now) and no message id (assigned by the store).
    JsonNode second = body.get(1);
    assertThat(second.path("timestamp").asText()).isEqualTo("2014-10-22T12:00:00");
    assertThat(second.path("project_id").isNull()).isTrue();
    String assigned = second.path("message_id").asText();
    assertThat(api.handle(ApiTestSupport.get("/v2/samples/" + assigned)).status()).isEqualTo(200);
    assertThat(store.snapshot().sampleCount()).isEqualTo(2);
    // Posted metadata is queryable with typed terms.
    JsonNode stats =
        json(
            api.handle(
                ApiTestSupport.get(
                    "/v2/meters/cpu_util/statistics?q.field=resource_metadata.properties.on"
                        + "&q.value=False")));
    assertThat(stats.get(0).path("count").asLong()).isEqualTo(1);
  }

  @Test
  void aRetryOfAStoredMessageIdIsIgnoredAndAnswersTheStoredSample() {
    api.handle(post("/v2/meters/cpu_util", TWO_SAMPLES, ADMIN));
    String retry =
        "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 99, \"resource_id\": \"vm-1\", \"message_id\": \"m-1\"}]";
    ApiResponse response = api.handle(post("/v2/meters/cpu_util", retry, ADMIN));
    assertThat(response.status()).isEqualTo(201);
    assertThat(json(response).get(0).path("counter_volume").asDouble()).isEqualTo(12.5);
    assertThat(store.snapshot().sampleCount()).isEqualTo(2);
  }

  @Test
  void aBadSampleRejectsTheWholeBatchNamingItsIndexAndField() {
    String body =
        "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-1\"},"
            + " {\"counter_name\": \"memory\", \"counter_type\": \"gauge\", \"counter_unit\": \"MB\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-1\"}]";
    assertError(
        api.handle(post("/v2/meters/cpu_util", body, ADMIN)),
        400,
        "samples[1].counter_name must be the meter of the path 'cpu_util', got: 'memory'");
    assertThat(store.snapshot().sampleCount()).isZero();
  }

  @Test
  void aUnitOrTypeThatDisagreesWithTheMeterIsRejectedNamingTheField() {
    api.handle(post("/v2/meters/cpu_util", TWO_SAMPLES, ADMIN));
    String body =
        "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"B\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-1\"}]";
    assertError(
        api.handle(post("/v2/meters/cpu_util", body, ADMIN)),
        400,
        "samples[0].counter_unit must be '%', the unit of meter 'cpu_util', got: 'B'");
    assertError(
        api.handle(post("/v2/meters/cpu_util", body.replace("gauge", "delta"), ADMIN)),
        400,
        "samples[0].counter_type must be gauge, the type of meter 'cpu_util', got: delta");
    String newMeter =
        "[{\"counter_name\": \"disk\", \"counter_type\": \"gauge\", \"counter_unit\": \"B\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-1\"},"
            + " {\"counter_name\": \"disk\", \"counter_type\": \"gauge\", \"counter_unit\": \"kB\","
            + " \"counter_volume\": 1, \"resource_id\": \"vm-1\"}]";
    assertError(
        api.handle(post("/v2/meters/disk", newMeter, ADMIN)),
        400,
        "samples[1].counter_unit must be 'B', the unit of meter 'disk', got: 'kB'");
    assertThat(store.snapshot().sampleCount()).isEqualTo(2);
  }

  @Test
  void aNumberWhoseExponentDoesNotFitIsA400AndStoresNothing() {
    for (String number : new String[] {"1e2147483648", "1e-2147483649"}) {
      String body =
          "[{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
              + " \"counter_volume\": "
              + number
              + ", \"resource_id\": \"vm-1\"}]";
      assertError(
          api.handle(post("/v2/meters/cpu_util", body, ADMIN)),
          400,
          "body must be valid JSON: number '" + number + "' is out of range");
    }
    assertThat(store.snapshot().sampleCount()).isZero();
  }

  @Test
  void jsonSyntaxErrorsDoNotShowTheParsersConfiguration() {
    assertError(
        api.handle(post("/v2/meters/cpu_util", "[{\"counter_name\": \"cpu_util\"", ADMIN)),
        400,
        "body must be valid JSON: Unexpected end-of-input: expected close marker for Object (start"
            + " marker at line 1, column 2) at line 1, column 29");
    assertError(
        api.handle(post("/v2/meters/cpu_util", "[{\"counter_volume\": NaN}]", ADMIN)),
        400,
        "body must be valid JSON: Non-standard token 'NaN' at line 1, column 24");
    assertError(
        api.handle(post("/v2/meters/cpu_util", "[".repeat(2000), ADMIN)),
        400,
        "body must be valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)");
    assertError(
        api.handle(post("/v2/meters/cpu_util", "[] []", ADMIN)),
        400,
        "body must be valid JSON: Trailing token (of type START_ARRAY) found after value at line 1,"
            + " column 4");
    assertError(
        api.handle(post("/v2/meters/cpu_util", "[1] // comment", ADMIN)),
        400,
        "body must be valid JSON: Unexpected character ('/' (code 47)): maybe a (non-standard)"
            + " comment? at line 1, column 5");
  }

  @Test
  void theBodyMustBeAJsonArray() {
    assertError(
        api.handle(post("/v2/meters/cpu_util", "{\"counter_name\": \"cpu_util\"}", ADMIN)),
        400,
        "body must be a JSON array of samples, got: object");
    assertError(
        api.handle(post("/v2/meters/cpu_util", "", ADMIN)),
        400,
        "body must be JSON, got an empty body");
    assertError(
        api.handle(post("/v2/meters/cpu_util", "[1,", ADMIN)),
        400,
        "body must be valid JSON: Unexpected end-of-input within/between Array entries at line 1,"
            + " column 4");
  }
}
