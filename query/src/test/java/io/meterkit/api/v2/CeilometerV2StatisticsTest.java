package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.assertError;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v2/meters/{meter}/statistics} on the known data set. */
class CeilometerV2StatisticsTest {
  private static final String STATS = "/v2/meters/cpu_util/statistics";
  private static final String DAY = "2014-10-22T";

  /** "Now" is 03:00 on the data's day, so K5 default windows cover the data. */
  private final MeterApi api =
      MeterApi.builder(ApiTestSupport.knownStore())
          .clock(ApiTestSupport.clockAt("2014-10-22T03:00:00Z"))
          .build();

  private ApiResponse get(String pathAndQuery) {
    return api.handle(ApiTestSupport.get(pathAndQuery));
  }

  private static String ts(String op, String time) {
    return "q.field=timestamp&q.op=" + op + "&q.value=" + DAY + time;
  }

  @Test
  void withoutParametersOneRowCoversEverySample() {
    assertOk(get(STATS), golden("v2-statistics-cpu_util.json"));
  }

  @Test
  void anUnknownMeterHasNoRows() {
    assertOk(get("/v2/meters/nothing/statistics"), parse("[]"));
  }

  @Test
  void hourlyPeriodsAreAnchoredAtTheStartBoundAndEmptyOnesOmitted() {
    assertOk(
        get(STATS + "?period=3600&" + ts("ge", "00:00:00") + "&" + ts("lt", "04:00:00")),
        golden("v2-statistics-hourly.json"));
  }

  @Test
  void groupByLabelsAreExactlyAsRequestedAndRowsOrderedByPeriodStart() {
    JsonNode rows =
        json(
            get(STATS + "?groupby=project_id&groupby=resource_metadata.flavor&groupby=project_id"));
    assertThat(rows).hasSize(3);
    assertJson(
        rows.get(0).path("groupby"),
        parse("{\"project_id\": \"p-1\", \"resource_metadata.flavor\": \"m1.small\"}"));
    assertThat(rows.get(0).path("count").asLong()).isEqualTo(3);
    assertJson(
        rows.get(1).path("groupby"),
        parse("{\"project_id\": \"p-2\", \"resource_metadata.flavor\": \"m1.small\"}"));
    assertJson(
        rows.get(2).path("groupby"),
        parse("{\"project_id\": \"p-1\", \"resource_metadata.flavor\": \"m1.large\"}"));
    assertThat(rows.get(2).path("period_start").asText()).isEqualTo("2014-10-22T00:30:00");
    assertThat(rows.get(2).path("sum").asDouble()).isEqualTo(90.0);
  }

  @Test
  void selectedAggregatesAloneAppearAndAllGoIntoTheAggregateMap() {
    JsonNode row =
        json(get(
                STATS
                    + "?aggregate.func=max&aggregate.func=min&aggregate.func=stddev"
                    + "&aggregate.func=cardinality&aggregate.param=resource_id&aggregate.func=max"))
            .get(0);
    assertJson(
        row,
        parse(
            "{\"aggregate\": {\"max\": 50.0, \"min\": 5.0, \"stddev\": 15.920810978785667,"
                + " \"cardinality/resource_id\": 3},"
                + " \"duration\": 6600.0, \"duration_end\": \"2014-10-22T02:00:00\","
                + " \"duration_start\": \"2014-10-22T00:10:00\", \"groupby\": null,"
                + " \"max\": 50.0, \"min\": 5.0, \"period\": 0,"
                + " \"period_end\": \"2014-10-22T02:00:00\","
                + " \"period_start\": \"2014-10-22T00:10:00\", \"unit\": \"%\"}"));
  }

  @Test
  void aggregateParamsPairInOrderWithTheFunctionsThatTakeOne() {
    JsonNode aggregate =
        json(get(
                STATS
                    + "?aggregate.func=cardinality&aggregate.func=count&aggregate.func=cardinality"
                    + "&aggregate.param=project_id&aggregate.param=user_id"))
            .get(0)
            .path("aggregate");
    assertJson(
        aggregate,
        parse("{\"cardinality/project_id\": 2, \"count\": 6, \"cardinality/user_id\": 3}"));
  }

  @Test
  void metadataTermsHonourOrInferTheirType() {
    assertThat(
            json(get(STATS + "?q.field=metadata.disk_gb&q.value=20.0"))
                .get(0)
                .path("count")
                .asLong())
        .isEqualTo(3);
    assertOk(get(STATS + "?q.field=metadata.disk_gb&q.value=20.0&q.type=string"), parse("[]"));
    assertThat(
            json(get(STATS + "?q.field=resource_metadata.flavor&q.op=eq&q.value=m1.large&q.type="))
                .get(0)
                .path("count")
                .asLong())
        .isEqualTo(2);
  }

  @Test
  void searchOffsetWidensTheSearchAndDurationsAreClampedBack() {
    JsonNode row =
        json(get(
                STATS
                    + "?"
                    + ts("ge", "00:15:00")
                    + "&"
                    + ts("lt", "00:20:00")
                    + "&q.field=search_offset&q.value=5"))
            .get(0);
    assertThat(row.path("count").asLong()).isEqualTo(3);
    assertThat(row.path("duration_start").asText()).isEqualTo("2014-10-22T00:15:00");
    assertThat(row.path("duration_end").asText()).isEqualTo("2014-10-22T00:20:00");
    assertThat(row.path("duration").asDouble()).isEqualTo(300.0);
  }

  @Test
  void k5FillsTheMissingEndFromTheStart() {
    // period 60: window 86400 s; [2014-10-21T00:30, 2014-10-22T00:30) holds 00:10, 00:15, 00:20.
    JsonNode rows = json(get(STATS + "?period=60&" + ts("lt", "00:30:00")));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).path("period_start").asText()).isEqualTo("2014-10-22T00:10:00");
    assertThat(rows.get(2).path("period_end").asText()).isEqualTo("2014-10-22T00:21:00");
  }

  @Test
  void k5DefaultsToTheWindowBeforeNow() {
    // period 3600: window min(3600 x 1440, 1209600) = 14 days before 03:00, anchored on the hour.
    JsonNode rows = json(get(STATS + "?period=3600"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).path("period_start").asText()).isEqualTo("2014-10-22T00:00:00");
    assertThat(rows.get(0).path("count").asLong()).isEqualTo(4);
  }

  @Test
  void k5RejectsARangeLongerThanTheWindow() {
    assertError(
        get(
            STATS
                + "?period=60&"
                + ts("ge", "00:00:00")
                + "&q.field=timestamp&q.op=lt&q.value=2014-10-23T00:00:01"),
        400,
        "the timestamp range from 2014-10-22T00:00:00 to 2014-10-23T00:00:01 spans 86401.0 seconds,"
            + " more than the 86400 seconds allowed for period 60 (period x 1440, at most 1209600)");
  }

  @Test
  void k5WindowsAtTheEndsOfTimeNeitherWrapAroundNorFail() {
    String first = "-292275055-05-16T16:47:04.192Z"; // Long.MIN_VALUE ms
    String last = "%2B292278994-08-17T07:12:55.807Z"; // Long.MAX_VALUE ms
    // Was a 500: end - start overflowed, passed the window check, and broke the bucket grid.
    assertError(
        get(
            STATS
                + "?period=60&q.field=timestamp&q.op=ge&q.value="
                + first
                + "&q.field=timestamp&q.op=le&q.value="
                + last),
        400,
        "the timestamp range from -292275055-05-16T16:47:04.192 to 292278994-08-17T07:12:55.807"
            + " spans 1.8446744073709552E16 seconds, more than the 86400 seconds allowed for period"
            + " 60 (period x 1440, at most 1209600)");
    // Were 400s saying the start bound was after an end bound nobody gave.
    assertOk(get(STATS + "?period=60&q.field=timestamp&q.op=gt&q.value=" + last), parse("[]"));
    assertOk(get(STATS + "?period=60&q.field=timestamp&q.op=lt&q.value=" + first), parse("[]"));
  }

  @Test
  void withoutTheK5PolicyAnyRangeIsAccepted() {
    MeterApi none =
        MeterApi.builder(ApiTestSupport.knownStore()).windowPolicy(WindowPolicy.NONE).build();
    JsonNode rows =
        json(
            none.handle(
                ApiTestSupport.get(
                    STATS
                        + "?period=60&"
                        + ts("ge", "00:00:00")
                        + "&q.field=timestamp&q.op=lt&q.value=2014-10-30T00:00:00")));
    assertThat(rows).hasSize(6);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "period=90|period must be a multiple of 60, got 90",
        "period=30|period must be an integer in 60..1209600, got: '30'",
        "period=hourly|period must be a number of seconds, minute, hour, day, week, month, quarter,"
            + " year, P<n>D, P<n>W, P<n>M, P<n>Y, PT<n>H or PT<n>M, got: 'hourly'",
        "period=-60|period must be an integer in 60..1209600, got: '-60'",
        "period=day&timezone=Mars/Olympus|timezone must be an IANA time zone id like"
            + " Europe/Berlin, got: 'Mars/Olympus'",
        "timezone=%2B01:00|timezone must be an IANA time zone id like Europe/Berlin, got: '+01:00'",
        "as_of=yesterday|as_of must be an ISO-8601 timestamp like 2014-10-22T00:00:00, got:"
            + " 'yesterday'",
        "aggregate.func=percentile|aggregate.func percentile needs an aggregate.param (a number in"
            + " (0, 100]), got none",
        "aggregate.func=percentile&aggregate.param=0|aggregate.param of percentile must be a"
            + " decimal number in (0, 100], like 95 or 99.9, got: '0'",
        "aggregate.func=percentile&aggregate.param=100.5|aggregate.param of percentile must be a"
            + " decimal number in (0, 100], like 95 or 99.9, got: '100.5'",
        "aggregate.func=percentile&aggregate.param=p95|aggregate.param of percentile must be a"
            + " decimal number in (0, 100], like 95 or 99.9, got: 'p95'",
        "aggregate.func=increase|aggregate.func increase needs a cumulative meter, but cpu_util is a"
            + " gauge meter",
        "groupby=flavor|groupby must be one of resource_id, project_id, user_id, source,"
            + " resource_metadata.KEY, got: 'flavor'",
        "aggregate.func=median|aggregate.func must be one of count, sum, avg, min, max, stddev,"
            + " cardinality, increase, integral, twa, percentile, got: 'median'",
        "aggregate.func=cardinality&aggregate.param=source|aggregate.param of cardinality must be one"
            + " of resource_id, project_id, user_id, got: 'source'",
        "aggregate.func=cardinality|aggregate.func cardinality needs an aggregate.param (resource_id,"
            + " project_id or user_id), got none",
        "aggregate.func=max&aggregate.param=user_id|aggregate.param 'user_id' pairs with no"
            + " aggregate.func that takes a parameter (only cardinality and percentile do)",
        "q.field=flavor&q.value=x|q.field 'flavor' with q.op 'eq' is not supported here; supported"
            + " q.field values: resource_id, project_id, user_id, source, timestamp, search_offset,"
            + " metadata.KEY, resource_metadata.KEY",
        "q.field=timestamp&q.op=eq&q.value=2014-10-22|q.op 'eq' is not supported for q.field"
            + " 'timestamp'; it supports: gt, ge, lt, le",
        "q.field=timestamp&q.op=gt&q.value=noon|q.value of timestamp must be an ISO-8601 timestamp"
            + " like 2014-10-22T00:00:00, got: 'noon'",
        "q.field=search_offset&q.value=5|q.field search_offset needs a q.field timestamp term to"
            + " widen, got none",
        "q.field=timestamp&q.op=ge&q.value=2014-10-22T00:00:00&q.field=timestamp&q.op=lt"
            + "&q.value=1969-12-31|q.value of timestamp: the start (ge 2014-10-22T00:00:00) must not"
            + " be after the end (lt 1969-12-31T00:00:00)",
        "q.field=timestamp&q.op=gt&q.value=2014-10-22T00:00:00&q.field=timestamp&q.op=lt"
            + "&q.value=2014-10-22T00:00:00&period=60|q.value of timestamp: the start (gt"
            + " 2014-10-22T00:00:00) must not be after the end (lt 2014-10-22T00:00:00)",
        "q.field=metadata.x&q.value=1&q.type=decimal|q.type must be one of string, integer, float,"
            + " boolean, got: 'decimal'",
        "q.field=metadata.x&q.value=abc&q.type=integer|value of metadata.x must be integer, got:"
            + " 'abc'",
        "limit=5|unknown parameter 'limit'; this route accepts aggregate.func, aggregate.param,"
            + " as_of, groupby, period, q.field, q.op, q.type, q.value, timezone",
      })
  void badParametersAre400sNamingTheParameterAndValue(String query, String message) {
    assertError(get(STATS + "?" + query), 400, message);
  }
}
