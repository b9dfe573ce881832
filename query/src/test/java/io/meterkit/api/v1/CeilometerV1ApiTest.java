package io.meterkit.api.v1;

import static io.meterkit.api.ApiTestSupport.assertFault;
import static io.meterkit.api.ApiTestSupport.assertOk;
import static io.meterkit.api.ApiTestSupport.get;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every v1 route on the known data set of {@link ApiTestSupport#knownStore()}. */
class CeilometerV1ApiTest {
  private static final String DAY = "2014-10-22T";
  private final MeterApi api = MeterApi.builder(ApiTestSupport.knownStore()).build();

  private ApiResponse get(String pathAndQuery) {
    return api.handle(ApiTestSupport.get(pathAndQuery));
  }

  private List<String> field(String pathAndQuery, String wrapper, String field) {
    ApiResponse response = get(pathAndQuery);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    List<String> values = new ArrayList<>();
    for (JsonNode item : json(response).path(wrapper)) {
      values.add(field == null ? item.asText() : item.path(field).asText());
    }
    return values;
  }

  @Test
  void resourcesListsEveryResourceInTheCeilometerV1Shape() {
    assertOk(get("/v1/resources"), golden("v1-resources.json"));
  }

  @Test
  void resourcesAreBoundedByTheirLastSampleTimeStartInclusiveEndExclusive() {
    assertThat(
            field("/v1/resources?start_timestamp=" + DAY + "01:10:00", "resources", "resource_id"))
        .containsExactly("vm-1", "vm-2");
    assertThat(field("/v1/resources?end_timestamp=" + DAY + "02:00:00", "resources", "resource_id"))
        .containsExactly("vm-1", "vm-3");
  }

  @Test
  void resourcesAcceptMetadataFilters() {
    assertThat(field("/v1/resources?metadata.flavor=m1.large", "resources", "resource_id"))
        .containsExactly("vm-2");
    assertThat(
            field(
                "/v1/resources?metadata.flavor=m1.small&metadata.disk_gb=20",
                "resources",
                "resource_id"))
        .containsExactly("vm-1");
  }

  @Test
  void projectsAndUsersListTheKnownNames() {
    assertOk(get("/v1/projects"), parse("{\"projects\": [\"p-1\", \"p-2\"]}"));
    assertOk(get("/v1/users"), parse("{\"users\": [\"u-1\", \"u-2\", \"u-3\"]}"));
  }

  @Test
  void resourcesOfAProjectASourceAndAUser() {
    assertThat(field("/v1/projects/p-1/resources", "resources", "resource_id"))
        .containsExactly("vm-1", "vm-2");
    assertThat(field("/v1/sources/other/resources", "resources", "resource_id"))
        .containsExactly("vm-3");
    assertThat(
            field(
                "/v1/users/u-1/resources?start_timestamp=" + DAY + "01:00:00",
                "resources",
                "resource_id"))
        .containsExactly("vm-1");
  }

  @Test
  void projectsAndUsersOfASource() {
    assertOk(get("/v1/sources/openstack/projects"), parse("{\"projects\": [\"p-1\"]}"));
    assertOk(get("/v1/sources/other/users"), parse("{\"users\": [\"u-3\"]}"));
    assertOk(get("/v1/sources/nobody/users"), parse("{\"users\": []}"));
  }

  @Test
  void metersListOneEntryPerResourceAndMeter() {
    assertOk(get("/v1/meters"), golden("v1-meters.json"));
    assertThat(field("/v1/resources/vm-3/meters", "meters", "name"))
        .containsExactly("cpu_util", "network.incoming.bytes");
    assertThat(field("/v1/users/u-2/meters", "meters", "resource_id")).containsExactly("vm-2");
    assertThat(field("/v1/projects/p-2/meters", "meters", "name"))
        .containsExactly("cpu_util", "network.incoming.bytes");
    assertThat(field("/v1/sources/openstack/meters", "meters", "resource_id"))
        .containsExactly("vm-1", "vm-1", "vm-2");
    assertThat(field("/v1/meters?metadata.flavor=m1.large", "meters", "resource_id"))
        .containsExactly("vm-2");
  }

  @Test
  void eventsOfAResourceAreItsRawSamplesNewestFirst() {
    assertOk(get("/v1/resources/vm-1/meters/cpu_util"), golden("v1-events-vm-1-cpu_util.json"));
  }

  @Test
  void eventsOfAProjectASourceAndAUserWithTheirWindowAndMetadata() {
    assertThat(field("/v1/projects/p-2/meters/cpu_util", "events", "message_id"))
        .containsExactly("cpu-3a");
    assertThat(field("/v1/sources/openstack/meters/network.incoming.bytes", "events", "message_id"))
        .containsExactly("net-1b", "net-1a");
    assertThat(
            field(
                "/v1/users/u-2/meters/cpu_util?start_timestamp=" + DAY + "02:00:00",
                "events",
                "message_id"))
        .containsExactly("cpu-2b");
    assertThat(
            field(
                "/v1/users/u-1/meters/cpu_util?start_timestamp="
                    + DAY
                    + "00:10:00&end_timestamp="
                    + DAY
                    + "01:10:00",
                "events",
                "message_id"))
        .containsExactly("cpu-1b", "cpu-1a");
    assertThat(field("/v1/resources/vm-1/meters/cpu_util?metadata.flavor=m1.large", "events", null))
        .isEmpty();
  }

  @Test
  void volumeMaxAndSumOfAResource() {
    assertOk(get("/v1/resources/vm-1/meters/cpu_util/volume/max"), parse("{\"volume\": 30.0}"));
    assertOk(get("/v1/resources/vm-1/meters/cpu_util/volume/sum"), parse("{\"volume\": 60.0}"));
    String window = "?start_timestamp=" + DAY + "00:15:00&end_timestamp=" + DAY + "01:10:00";
    assertOk(
        get("/v1/resources/vm-1/meters/cpu_util/volume/max" + window), parse("{\"volume\": 20}"));
    assertOk(
        get("/v1/resources/vm-1/meters/cpu_util/volume/sum" + window + "&search_offset=5"),
        parse("{\"volume\": 60}"));
  }

  @Test
  void volumeMaxAndSumOfAProject() {
    assertOk(get("/v1/projects/p-1/meters/cpu_util/volume/max"), parse("{\"volume\": 50}"));
    assertOk(get("/v1/projects/p-1/meters/cpu_util/volume/sum"), parse("{\"volume\": 150}"));
    assertOk(
        get(
            "/v1/projects/p-1/meters/cpu_util/volume/sum?end_timestamp="
                + DAY
                + "00:30:00&search_offset=0"),
        parse("{\"volume\": 30}"));
  }

  @Test
  void volumeIsNullWhenNothingMatched() {
    assertOk(
        get("/v1/resources/vm-1/meters/disk.read.bytes/volume/max"), parse("{\"volume\": null}"));
    assertOk(
        get("/v1/projects/p-1/meters/cpu_util/volume/sum?start_timestamp=2015-01-01"),
        parse("{\"volume\": null}"));
  }

  @Test
  void durationIsTheFirstAndLastSampleClampedToTheRequestedWindow() {
    assertOk(
        get("/v1/resources/vm-1/meters/cpu_util/duration"),
        parse(
            "{\"start_timestamp\": \"2014-10-22T00:10:00.000000\", \"end_timestamp\":"
                + " \"2014-10-22T01:10:00.000000\", \"duration\": 3600.0}"));
    String window = "?start_timestamp=" + DAY + "00:15:00&end_timestamp=" + DAY + "01:00:00";
    assertOk(
        get("/v1/resources/vm-1/meters/cpu_util/duration" + window),
        parse(
            "{\"start_timestamp\": \"2014-10-22T00:20:00.000000\", \"end_timestamp\":"
                + " \"2014-10-22T00:20:00.000000\", \"duration\": 0.0}"));
    // The offset widens the search to [00:05, 01:10): 00:10 and 00:20; 00:10 clamps to 00:15.
    assertOk(
        get("/v1/resources/vm-1/meters/cpu_util/duration" + window + "&search_offset=10"),
        parse(
            "{\"start_timestamp\": \"2014-10-22T00:15:00.000000\", \"end_timestamp\":"
                + " \"2014-10-22T00:20:00.000000\", \"duration\": 300.0}"));
  }

  @Test
  void durationIsAllNullWhenClampingLeavesNothing() {
    // [00:25, 01:00) widened by 6 minutes finds only 00:20, which lies before the window.
    String query =
        "?start_timestamp=" + DAY + "00:25:00&end_timestamp=" + DAY + "01:00:00&search_offset=6";
    JsonNode nulls =
        parse("{\"start_timestamp\": null, \"end_timestamp\": null, \"duration\": null}");
    assertOk(get("/v1/resources/vm-1/meters/cpu_util/duration" + query), nulls);
    assertOk(get("/v1/resources/vm-9/meters/cpu_util/duration"), nulls);
  }

  @ParameterizedTest(name = "{0}{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/resources|?start_timestamp=yesterday|Invalid input for field/attribute"
            + " start_timestamp. Value: 'yesterday'. invalid timestamp format",
        "/v1/resources/vm-1/meters/cpu_util/volume/sum|?end_timestamp=2014-13-01|Invalid input for"
            + " field/attribute end_timestamp. Value: '2014-13-01'. invalid timestamp format",
        "/v1/projects/p-1/meters/cpu_util/volume/sum|?search_offset=abc|Invalid input for"
            + " field/attribute search_offset. Value: 'abc'. unable to convert to int. Error: invalid"
            + " literal for int() with base 10: 'abc'",
        "/v1/projects/p-1/meters/cpu_util|?start_timestamp=x|Invalid input for field/attribute"
            + " start_timestamp. Value: 'x'. invalid timestamp format",
        "/v1/projects/p-1/resources|?start_timestamp=|Invalid input for field/attribute"
            + " start_timestamp. Value: ''. invalid timestamp format",
        "/v1/users/u-1/resources|?start_timestamp=2014-10-22T25:00:00|Invalid input for"
            + " field/attribute start_timestamp. Value: '2014-10-22T25:00:00'. invalid timestamp"
            + " format",
      })
  void aBadParameterIsA400FaultInTheV2Envelope(String path, String query, String faultstring) {
    assertFault(get(path + query), 400, faultstring);
  }

  @ParameterizedTest(name = "{0}{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/projects|?limit=5",
        "/v1/resources/vm-1/meters/cpu_util|?foo=1",
        "/v1/users/u-1/meters/cpu_util|?search_offset=5",
        "/v1/meters|?q.field=resource_id",
        "/v1/resources/vm-1/meters/cpu_util/duration|?search_offset=1&search_offset=x",
        "/v1/projects/p-1/meters/cpu_util/volume/max|?start_timestamp=2014-10-23&end_timestamp=2014-10-22",
      })
  void unknownAndRepeatedParametersAreIgnoredAsFlaskDid(String path, String query) {
    ApiResponse response = get(path + query);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json");
  }

  @Test
  void aTrailingSlashOrAnUnknownPathIsA404AndAnotherMethodA405() {
    assertFault(get("/v1/meters/"), 404, "The resource could not be found.");
    assertFault(get("/v1/nothing"), 404, "The resource could not be found.");
    assertFault(
        api.handle(ApiTestSupport.post("/v1/meters", "[]", ApiTestSupport.ADMIN)),
        405,
        "The method POST is not allowed for this resource.");
  }

  @Test
  void aMemberSeesItsOwnUserAndProject() {
    assertOk(
        api.handle(ApiTestSupport.get("/v1/users", ApiTestSupport.MEMBER_P1)),
        parse("{\"users\": [\"u-1\"]}"));
    assertOk(
        api.handle(ApiTestSupport.get("/v1/projects", ApiTestSupport.MEMBER_P1)),
        parse("{\"projects\": [\"p-1\"]}"));
    assertOk(
        api.handle(ApiTestSupport.get("/v1/sources/other/projects", ApiTestSupport.MEMBER_P1)),
        parse("{\"projects\": []}"));
    assertOk(get("/v1/sources/openstack"), parse("{}"));
  }

  @Test
  void theV1FamilyHasTwentyTwoRoutes() {
    // The 17 routes of Ceilometer's v1 API plus meterkit's 5 meter listings.
    List<String> paths =
        List.of(
            "/v1/resources",
            "/v1/projects",
            "/v1/users",
            "/v1/resources/r/meters/m/volume/max",
            "/v1/resources/r/meters/m/volume/sum",
            "/v1/projects/p-1/meters/m/volume/max",
            "/v1/projects/p-1/meters/m/volume/sum",
            "/v1/resources/r/meters/m/duration",
            "/v1/resources/r/meters/m",
            "/v1/projects/p-1/meters/m",
            "/v1/sources/s/meters/m",
            "/v1/users/u/meters/m",
            "/v1/projects/p-1/resources",
            "/v1/sources/s/resources",
            "/v1/sources/s/projects",
            "/v1/sources/s/users",
            "/v1/users/u/resources",
            "/v1/meters",
            "/v1/resources/r/meters",
            "/v1/users/u/meters",
            "/v1/projects/p-1/meters",
            "/v1/sources/s/meters");
    for (String path : paths) {
      assertThat(get(path).status()).as(path).isEqualTo(200);
    }
    assertThat(api.handle(ApiTestSupport.get("/v1/sources/s/projects/x")).status()).isEqualTo(404);
  }
}
