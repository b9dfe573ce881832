package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.assertError;
import static io.meterkit.api.ApiTestSupport.assertOk;
import static io.meterkit.api.ApiTestSupport.golden;
import static io.meterkit.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ApiTestSupport;
import io.meterkit.api.MeterApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/meters}, {@code GET /v2/meters/{meter}}, {@code /v2/samples[/{id}]}. */
class CeilometerV2MetersAndSamplesTest {
  private final MeterApi api = MeterApi.builder(ApiTestSupport.knownStore()).build();

  private ApiResponse get(String pathAndQuery) {
    return api.handle(ApiTestSupport.get(pathAndQuery));
  }

  private List<String> field(String pathAndQuery, String field) {
    ApiResponse response = get(pathAndQuery);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    List<String> values = new ArrayList<>();
    for (JsonNode item : json(response)) {
      values.add(item.path(field).asText());
    }
    return values;
  }

  @Test
  void metersListsEveryResourceAndMeterOrderedByResourceThenName() {
    assertThat(field("/v2/meters", "resource_id"))
        .containsExactly("vm-1", "vm-1", "vm-2", "vm-3", "vm-3");
    JsonNode first = json(get("/v2/meters")).get(0);
    assertThat(first.path("meter_id").asText()).isEqualTo("dm0tMStjcHVfdXRpbA==");
    assertThat(first.path("name").asText()).isEqualTo("cpu_util");
    assertThat(first.path("type").asText()).isEqualTo("gauge");
    assertThat(first.path("unit").asText()).isEqualTo("%");
    assertThat(first.path("project_id").asText()).isEqualTo("p-1");
    assertThat(first.path("user_id").asText()).isEqualTo("u-1");
    assertThat(first.path("source").asText()).isEqualTo("openstack");
  }

  @Test
  void metersAreFilteredPagedAndMadeUnique() {
    assertThat(field("/v2/meters?q.field=project_id&q.op=eq&q.value=p-2", "name"))
        .containsExactly("cpu_util", "network.incoming.bytes");
    assertThat(
            field(
                "/v2/meters?q.field=source&q.value=openstack&q.field=user_id&q.value=u-2",
                "resource_id"))
        .containsExactly("vm-2");
    assertThat(field("/v2/meters?limit=2&offset=1", "name"))
        .containsExactly("network.incoming.bytes", "cpu_util");
    assertThat(field("/v2/meters?unique=True", "name"))
        .containsExactly("cpu_util", "network.incoming.bytes");
    assertThat(field("/v2/meters?offset=5", "name")).isEmpty();
    // Two different values for one field can never both hold: empty, not OR.
    assertThat(
            field(
                "/v2/meters?q.field=resource_id&q.value=vm-1&q.field=resource_id&q.value=vm-2",
                "name"))
        .isEmpty();
  }

  @Test
  void metersRejectBadParameters() {
    assertError(get("/v2/meters?limit=0"), 400, "limit must be an integer in 1..1440, got: '0'");
    assertError(
        get("/v2/meters?offset=-1"), 400, "offset must be an integer in 0..2147483647, got: '-1'");
    assertError(
        get("/v2/meters?q.field=timestamp&q.op=ge&q.value=2014-10-22T00:00:00"),
        400,
        "q.field 'timestamp' with q.op 'ge' is not supported here; supported q.field values:"
            + " resource_id, project_id, user_id, source");
    assertError(
        get("/v2/meters?q.field=user_id&q.op=ne&q.value=u-1"),
        400,
        "q.op 'ne' is not supported for q.field 'user_id'; it supports: eq");
  }

  @Test
  void rawSamplesOfAMeterAreNewestFirstInTheCounterForm() {
    assertThat(field("/v2/meters/cpu_util?limit=2", "message_id"))
        .containsExactly("cpu-2b", "cpu-1c");
    assertThat(
            field(
                "/v2/meters/cpu_util?q.field=resource_id&q.value=vm-1"
                    + "&q.field=timestamp&q.op=gt&q.value=2014-10-22T00:10:00",
                "message_id"))
        .containsExactly("cpu-1c", "cpu-1b");
    assertThat(field("/v2/meters/cpu_util?q.field=metadata.flavor&q.value=m1.large", "message_id"))
        .containsExactly("cpu-2b", "cpu-2a");
    JsonNode sample = json(get("/v2/meters/cpu_util?q.field=resource_id&q.value=vm-3")).get(0);
    assertThat(sample.path("counter_name").asText()).isEqualTo("cpu_util");
    assertThat(sample.path("counter_volume").asDouble()).isEqualTo(5.0);
    assertThat(sample.path("timestamp").asText()).isEqualTo("2014-10-22T00:15:00");
    assertThat(sample.path("resource_metadata").path("flavor").asText()).isEqualTo("m1.small");
  }

  @Test
  void rawSamplesOfAMeterRejectALimitOutOfRange() {
    assertError(
        get("/v2/meters/cpu_util?limit=1441"),
        400,
        "limit must be an integer in 1..1440, got: '1441'");
  }

  @Test
  void samplesListEveryMeterInTheSampleForm() {
    assertThat(field("/v2/samples?limit=3", "id")).containsExactly("cpu-2b", "cpu-1c", "net-1b");
    assertThat(field("/v2/samples?q.field=meter&q.value=network.incoming.bytes", "id"))
        .containsExactly("net-1b", "net-3a", "net-1a");
    assertThat(
            field(
                "/v2/samples?q.field=timestamp&q.op=ge&q.value=2014-10-22T00:15:00"
                    + "&q.field=timestamp&q.op=le&q.value=2014-10-22T00:20:00",
                "id"))
        .containsExactly("cpu-1b", "net-3a", "cpu-3a");
  }

  @Test
  void samplesRejectAnUnsupportedOp() {
    assertError(
        get("/v2/samples?q.field=meter&q.op=ge&q.value=cpu_util"),
        400,
        "q.op 'ge' is not supported for q.field 'meter'; it supports: eq");
  }

  @Test
  void oneSampleByItsId() {
    assertOk(get("/v2/samples/cpu-1a"), golden("v2-sample-cpu-1a.json"));
  }

  @Test
  void anUnknownSampleIdIsA404NamingIt() {
    assertError(get("/v2/samples/nope"), 404, "sample 'nope' not found");
  }

  @Test
  void oneSampleTakesNoParameters() {
    assertError(
        get("/v2/samples/cpu-1a?limit=1"),
        400,
        "unknown parameter 'limit'; this route accepts no parameters");
  }
}
