package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.ADMIN;
import static io.meterkit.api.ApiTestSupport.assertFault;
import static io.meterkit.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ApiTestSupport;
import io.meterkit.api.MeterApi;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Accept: text/csv} on the v2 statistics and sample listings, against hand-written CSV. */
class CeilometerV2CsvTest {
  private static final String CSV_TYPE = "text/csv; charset=utf-8; header=present";

  private final MeterApi known =
      MeterApi.builder(ApiTestSupport.knownStore())
          .clock(ApiTestSupport.clockAt("2014-10-22T03:00:00Z"))
          .build();

  private static ApiResponse get(MeterApi api, String pathAndQuery, String accept) {
    return api.handle(
        ApiRequest.builder("GET", pathAndQuery).header("Accept", accept).principal(ADMIN).build());
  }

  private static void assertCsv(ApiResponse response, String expected) {
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", CSV_TYPE);
    assertThat(response.bodyText()).isEqualTo(expected);
  }

  @Test
  void statisticsByProjectWithAggregatesHaveGroupbyAndAggregateColumns() {
    assertCsv(
        get(
            known,
            "/v2/meters/cpu_util/statistics?groupby=project_id&aggregate.func=cardinality"
                + "&aggregate.param=resource_id&aggregate.func=avg&aggregate.func=max",
            "text/csv"),
        "aggregate.cardinality/resource_id,aggregate.avg,aggregate.max,avg,duration,duration_end,"
            + "duration_start,groupby.project_id,max,period,period_end,period_start,unit\r\n"
            + "2,30.0,50.0,30.0,6600.0,2014-10-22T02:00:00,2014-10-22T00:10:00,p-1,50.0,0,"
            + "2014-10-22T02:00:00,2014-10-22T00:10:00,%\r\n"
            + "1,5.0,5.0,5.0,0.0,2014-10-22T00:15:00,2014-10-22T00:15:00,p-2,5.0,0,"
            + "2014-10-22T00:15:00,2014-10-22T00:15:00,%\r\n");
  }

  @Test
  void statisticsWithoutGroupByKeepAnEmptyGroupbyColumn() {
    assertCsv(
        get(
            known,
            "/v2/meters/network.incoming.bytes/statistics?q.field=project_id&q.value=p-1",
            "text/csv"),
        "avg,count,duration,duration_end,duration_start,groupby,max,min,period,period_end,"
            + "period_start,sum,unit\r\n"
            + "200.0,2,1800.0,2014-10-22T00:40:00,2014-10-22T00:10:00,,300.0,100.0,0,"
            + "2014-10-22T00:40:00,2014-10-22T00:10:00,400.0,B\r\n");
  }

  /** Two samples whose ids and metadata need quoting: a comma, quotes, a line break. */
  private static MeterApi awkward() {
    MeterStore store = ApiTestSupport.emptyStore();
    store.recordAll(
        List.of(
            Sample.builder("cpu_util", MeterType.GAUGE, "%")
                .volume(12.5)
                .timestamp(Instant.parse("2014-10-22T00:10:00Z"))
                .resourceId("vm,\"1\"")
                .projectId("p-1")
                .userId("u-1")
                .source("openstack")
                .metadata(Map.of("flavor", "m1.small", "note", "two\r\nlines"))
                .messageId("s-1")
                .build(),
            Sample.builder("cpu_util", MeterType.GAUGE, "%")
                .volume(7)
                .timestamp(Instant.parse("2014-10-22T00:20:00Z"))
                .resourceId("vm-2")
                .projectId("p-1")
                .source("openstack")
                .metadata(Map.of("flavor", "m1, large"))
                .messageId("s-2")
                .build()));
    return MeterApi.builder(store).clock(ApiTestSupport.clockAt("2014-10-22T03:00:00Z")).build();
  }

  @Test
  void sampleListingsQuoteCommasQuotesAndLineBreaks() {
    assertCsv(
        get(awkward(), "/v2/samples", "text/csv"),
        "id,meter,type,unit,volume,user_id,project_id,resource_id,source,timestamp,recorded_at,"
            + "metadata.flavor,metadata.note\r\n"
            + "s-2,cpu_util,gauge,%,7.0,,p-1,vm-2,openstack,2014-10-22T00:20:00,"
            + "2014-10-23T00:00:00,\"m1, large\",\r\n"
            + "s-1,cpu_util,gauge,%,12.5,u-1,p-1,\"vm,\"\"1\"\"\",openstack,2014-10-22T00:10:00,"
            + "2014-10-23T00:00:00,m1.small,\"two\r\nlines\"\r\n");
  }

  @Test
  void theMeterListingIsInTheCounterForm() {
    assertCsv(
        get(awkward(), "/v2/meters/cpu_util?q.field=resource_id&q.value=vm-2", "text/csv"),
        "counter_name,counter_type,counter_unit,counter_volume,resource_id,project_id,user_id,"
            + "source,timestamp,recorded_at,resource_metadata.flavor,message_id\r\n"
            + "cpu_util,gauge,%,7.0,vm-2,p-1,,openstack,2014-10-22T00:20:00,2014-10-23T00:00:00,"
            + "\"m1, large\",s-2\r\n");
  }

  @Test
  void anEmptyAnswerIsAnEmptyCsv() {
    assertCsv(get(known, "/v2/meters/nothing/statistics", "text/csv"), "");
  }

  @Test
  void jsonStaysTheDefaultAndWinsATie() {
    for (String accept : List.of("*/*", "application/json", "text/csv;q=0.5, application/json")) {
      ApiResponse response = get(known, "/v2/samples?limit=1", accept);
      assertThat(response.headers().get("Content-Type")).as(accept).startsWith("application/json");
      assertThat(json(response)).hasSize(1);
    }
    ApiResponse none =
        known.handle(ApiRequest.builder("GET", "/v2/samples?limit=1").principal(ADMIN).build());
    assertThat(none.headers().get("Content-Type")).startsWith("application/json");
    assertCsv(
        get(
            known,
            "/v2/samples?limit=1&q.field=resource_id&q.value=vm-3",
            "application/json;q=0.5, text/csv"),
        // Its metadata is empty: an object with no keys gives no column.
        "id,meter,type,unit,volume,user_id,project_id,resource_id,source,timestamp,recorded_at\r\n"
            + "net-3a,network.incoming.bytes,delta,B,1000.0,u-3,p-2,vm-3,other,"
            + "2014-10-22T00:20:00,2014-10-23T00:00:00\r\n");
  }

  @Test
  void otherTypesAndOtherRoutesKeepCeilometers406() {
    assertThat(get(known, "/v2/samples", "text/plain").status()).isEqualTo(406);
    assertThat(get(known, "/v2/samples", "application/xml").status()).isEqualTo(406);
    assertThat(get(known, "/v2/meters", "text/csv").status()).isEqualTo(406);
    assertThat(get(known, "/v2/resources", "text/csv").status()).isEqualTo(406);
  }

  @Test
  void errorsOfACsvRequestStayCeilometerJson() {
    ApiResponse response = get(known, "/v2/samples?limit=0", "text/csv");
    assertFault(response, 400, "Limit must be positive");
    assertThat(response.headers().get("Content-Type")).startsWith("application/json");
  }

  @Test
  void everyRecordParsesStrictly() {
    String csv = get(awkward(), "/v2/samples", "text/csv").bodyText();
    List<List<String>> records = Rfc4180Reader.read(csv);
    assertThat(records).hasSize(3);
    assertThat(records.get(2)).contains("vm,\"1\"", "two\r\nlines");
  }
}
