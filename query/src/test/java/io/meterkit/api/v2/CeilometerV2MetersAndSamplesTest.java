package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.assertFault;
import static io.meterkit.api.ApiTestSupport.assertJson;
import static io.meterkit.api.ApiTestSupport.assertOk;
import static io.meterkit.api.ApiTestSupport.golden;
import static io.meterkit.api.ApiTestSupport.json;
import static io.meterkit.api.ApiTestSupport.parse;
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
    // Of two terms on one field the last wins, as in Ceilometer; aliases name the same field.
    assertThat(
            field(
                "/v2/meters?q.field=resource_id&q.value=vm-1&q.field=resource&q.value=vm-2",
                "resource_id"))
        .containsExactly("vm-2");
    assertThat(field("/v2/meters?q.field=project&q.value=p-2&q.field=user&q.value=u-3", "name"))
        .containsExactly("cpu_util", "network.incoming.bytes");
    // unique: one entry per meter name, without owner, its meter_id naming resource None.
    JsonNode unique = json(get("/v2/meters?unique=True")).get(0);
    assertJson(
        unique,
        parse(
            "{\"meter_id\": \"Tm9uZStjcHVfdXRpbA==\", \"name\": \"cpu_util\", \"project_id\": null,"
                + " \"resource_id\": null, \"source\": null, \"type\": \"gauge\", \"unit\": \"%\","
                + " \"user_id\": null}"));
  }

  @Test
  void metersRejectBadParameters() {
    assertFault(get("/v2/meters?limit=0"), 400, "Limit must be positive");
    assertFault(get("/v2/meters?limit=1441"), 400, "Limit must be at most 1440");
    assertFault(
        get("/v2/meters?limit=1&limit=1"),
        400,
        "Invalid input for field/attribute limit. Value: '['1', '1']'. unable to convert to int."
            + " Error: int() argument must be a string, a bytes-like object or a number, not"
            + " 'list'");
    assertFault(
        get("/v2/meters?offset=-1"),
        400,
        "Invalid input for field/attribute offset. Value: '-1'. must be >= 0, got: -1");
    assertFault(
        get("/v2/meters?q.field=timestamp&q.op=ge&q.value=2014-10-22T00:00:00"),
        400,
        "Unknown argument: \"timestamp\": not valid for this resource");
    assertFault(
        get("/v2/meters?q.field=search_offset&q.value=1"),
        400,
        "Unknown argument: \"search_offset\": not valid for this resource");
    assertFault(
        get("/v2/meters?q.field=user_id&q.op=ne&q.value=u-1"),
        400,
        "Invalid input for field/attribute op. Value: 'ne'. unimplemented operator for user_id");
    assertFault(
        get("/v2/meters?q.field=abc&q.value=abc"),
        400,
        "Unknown argument: \"abc\": unrecognized field in query: [<Query 'abc' eq 'abc' Unset>],"
            + " valid keys: ['project', 'resource', 'source', 'unique', 'user']");
  }

  @Test
  void rawSamplesOfAMeterAreNewestFirstInTheCounterForm() {
    assertThat(field("/v2/meters/cpu_util?limit=2", "message_id"))
        .containsExactly("cpu-2b", "cpu-1c");
    assertThat(
            field(
                "/v2/meters/cpu_util?q.field=resource_id&q.op=eq&q.value=vm-1"
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
    assertFault(get("/v2/meters/cpu_util?limit=10001"), 400, "Limit must be at most 10000");
    assertThat(field("/v2/meters/cpu_util?limit=%2B2", "message_id")).hasSize(2);
    assertThat(field("/v2/meters/cpu_util?limit=%202", "message_id")).hasSize(2);
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
  void theNthOpBelongsToTheNthFieldWhereverItStands() {
    // Ceilometer pairs by position within each sub-key: here gt belongs to resource_id.
    assertFault(
        get(
            "/v2/meters/cpu_util?q.field=resource_id&q.value=vm-1"
                + "&q.field=timestamp&q.op=gt&q.value=2014-10-22T00:10:00"),
        400,
        "Invalid input for field/attribute op. Value: 'eq'. unimplemented operator for timestamp");
  }

  @Test
  void samplesRejectAnUnsupportedOp() {
    assertFault(
        get("/v2/samples?q.field=meter&q.op=ge&q.value=cpu_util"),
        400,
        "Invalid input for field/attribute op. Value: 'ge'. unimplemented operator for meter");
  }

  @Test
  void oneSampleByItsId() {
    assertOk(get("/v2/samples/cpu-1a"), golden("v2-sample-cpu-1a.json"));
  }

  @Test
  void anUnknownSampleIdIsA404NamingIt() {
    assertFault(get("/v2/samples/nope"), 404, "Sample nope Not Found");
    assertFault(
        api.handle(ApiTestSupport.get("/v2/samples/cpu-3a", ApiTestSupport.MEMBER_P1)),
        404,
        "Sample cpu-3a Not Found");
  }

  @Test
  void oneSampleTakesNoParameters() {
    assertFault(get("/v2/samples/cpu-1a?limit=1"), 400, "Unknown argument: \"limit\"");
  }
}
