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
                    + "?aggregate.func=cardinality&aggregate.param=resource_id&aggregate.func=max"
                    + "&aggregate.func=min&aggregate.func=stddev&aggregate.func=max"))
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
  void theNthAggregateParamBelongsToTheNthAggregateFunc() {
    // count takes no parameter: the second aggregate.param (ignored) is its own.
    JsonNode aggregate =
        json(get(
                STATS
                    + "?aggregate.func=cardinality&aggregate.func=count&aggregate.func=cardinality"
                    + "&aggregate.param=project_id&aggregate.param=x&aggregate.param=user_id"))
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
    assertFault(
        get(
            STATS
                + "?period=60&"
                + ts("ge", "00:00:00")
                + "&q.field=timestamp&q.op=lt&q.value=2014-10-23T00:00:01"),
        400,
        "Invalid input for field/attribute timestamp. Value: '86401.0 seconds'. the range may span"
            + " at most period x 1440 = 86400 seconds for period 60 (1209600 at most)");
  }

  @Test
  void k5WindowsAtTheEndsOfTimeNeitherWrapAroundNorFail() {
    String first = "-292275055-05-16T16:47:04.192Z"; // Long.MIN_VALUE ms
    String last = "%2B292278994-08-17T07:12:55.807Z"; // Long.MAX_VALUE ms
    // Was a 500: end - start overflowed, passed the window check, and broke the bucket grid.
    assertFault(
        get(
            STATS
                + "?period=60&q.field=timestamp&q.op=ge&q.value="
                + first
                + "&q.field=timestamp&q.op=le&q.value="
                + last),
        400,
        "Invalid input for field/attribute timestamp. Value: '1.8446744073709552E16 seconds'. the"
            + " range may span at most period x 1440 = 86400 seconds for period 60 (1209600 at"
            + " most)");
    // A period from the last instant reaches past the year 9999, as Ceilometer's dates did.
    assertFault(
        get(STATS + "?period=60&q.field=timestamp&q.op=gt&q.value=" + last),
        400,
        "Invalid period 60: date value out of range");
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

  @Test
  void aStartAfterTheEndSelectsNothing() {
    assertOk(
        get(STATS + "?" + ts("ge", "02:00:00") + "&q.field=timestamp&q.op=lt&q.value=1970-01-02"),
        parse("[]"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "period=-1|Period must be positive.",
        "period=90|Invalid period 90: must be a multiple of 60 seconds",
        "period=30|Invalid period 30: must be within 60..1209600 seconds",
        "period=10000000000000|Invalid period 10000000000000: must be within 60..1209600 seconds",
        "period=hourly|Invalid input for field/attribute period. Value: 'hourly'. unable to convert"
            + " to int. Error: invalid literal for int() with base 10: 'hourly'",
        "period=-1&groupby=flavor|Period must be positive.",
        "groupby=flavor|Unknown argument: \"{'flavor'}\": Invalid groupby fields",
        "groupby=wtf&groupby=resource_id&groupby=x|Unknown argument: \"{'wtf', 'x'}\": Invalid"
            + " groupby fields",
        "aggregate.func=median|Invalid aggregation function: median",
        "aggregate.func=cardinality&aggregate.param=injection_attack|Bad aggregate:"
            + " cardinality.injection_attack",
        "aggregate.func=cardinality|Bad aggregate: cardinality.None",
        "aggregate.func=max&aggregate.param=a&aggregate.param=b|Invalid input for field/attribute"
            + " aggregate.param. Value: '['a', 'b']'. list index out of range",
        "groupby=wtf&aggregate.func=median|Unknown argument: \"{'wtf'}\": Invalid groupby fields",
        "q.field=flavor&q.value=x|Unknown argument: \"flavor\": unrecognized field in query:"
            + " [<Query 'flavor' eq 'x' Unset>], valid keys: ['message_id', 'meter', 'project',"
            + " 'resource', 'search_offset', 'source', 'timestamp', 'user']",
        "q.field=timestamp&q.op=eq&q.value=2014-10-22|Invalid input for field/attribute op. Value:"
            + " 'eq'. unimplemented operator for timestamp",
        "q.field=resource_id&q.op=gt&q.value=x|Invalid input for field/attribute op. Value: 'gt'."
            + " unimplemented operator for resource_id",
        "q.field=timestamp&q.op=gt&q.value=noon|Invalid input for field/attribute timestamp. Value:"
            + " 'noon'. invalid timestamp format",
        "q.field=search_offset&q.value=5|Invalid input for field/attribute field. Value:"
            + " 'search_offset'. search_offset cannot be used without timestamp",
        "q.field=metadata.x&q.value=1&q.type=decimal|The data type decimal is not supported. The"
            + " supported data type list is: ['integer', 'float', 'string', 'boolean', 'datetime']",
        "q.field=metadata.x&q.value=abc&q.type=integer|Unable to convert the value abc to the"
            + " expected data type integer.",
        "q.field=metadata.x&q.value=45.765&q.type=integer|Unable to convert the value 45.765 to the"
            + " expected data type integer.",
        "q.field=metadata.x&q.value=abacaba&q.type=boolean|Unable to convert the value abacaba to"
            + " the expected data type boolean.",
        "q.field=metadata.x&q.value=0.7.5&q.type=float|Unable to convert the value 0.7.5 to the"
            + " expected data type float.",
        "period=P0D|Invalid input for field/attribute period. Value: 'P0D'. must be a calendar"
            + " period of 1..1000000 units, got: 'P0D'",
        "period=minute&q.field=timestamp&q.op=ge&q.value=2014-10-20T00:00:00&q.field=timestamp"
            + "&q.op=lt&q.value=2014-10-27T00:00:00|Invalid period: it cuts the range into 10080"
            + " buckets, more than the 10000 allowed; use a longer period or a shorter range",
        "period=day&timezone=Mars/Olympus|Invalid input for field/attribute timezone. Value:"
            + " 'Mars/Olympus'. must be an IANA time zone id like Europe/Berlin, got: 'Mars/Olympus'",
        "timezone=%2B01:00|Invalid input for field/attribute timezone. Value: '+01:00'. must be an"
            + " IANA time zone id like Europe/Berlin, got: '+01:00'",
        "as_of=yesterday|Invalid input for field/attribute as_of. Value: 'yesterday'. invalid"
            + " timestamp format",
        "aggregate.func=percentile|Bad aggregate: percentile.None (aggregate.param of percentile"
            + " must be a decimal number in (0, 100], like 95 or 99.9)",
        "aggregate.func=percentile&aggregate.param=0|Bad aggregate: percentile.0 (aggregate.param"
            + " of percentile must be a decimal number in (0, 100], like 95 or 99.9)",
        "aggregate.func=percentile&aggregate.param=100.5|Bad aggregate: percentile.100.5"
            + " (aggregate.param of percentile must be a decimal number in (0, 100], like 95 or"
            + " 99.9)",
        "aggregate.func=percentile&aggregate.param=p95|Bad aggregate: percentile.p95"
            + " (aggregate.param of percentile must be a decimal number in (0, 100], like 95 or"
            + " 99.9)",
        "aggregate.func=increase|Invalid input for field/attribute aggregate.func. Value:"
            + " 'increase'. increase needs a cumulative meter, but cpu_util is a gauge meter",
        "limit=5|Unknown argument: \"limit\"",
      })
  void badParametersAre400sInCeilometersWords(String query, String faultstring) {
    assertFault(get(STATS + "?" + query), 400, faultstring);
  }
}
