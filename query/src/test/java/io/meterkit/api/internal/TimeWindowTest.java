package io.meterkit.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.api.QueryParameters;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.query.TimeBound;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one window parser: bounds, one-millisecond conversions, saturation and order. */
class TimeWindowTest {
  private static final long T = Instant.parse("2014-10-22T00:00:00Z").toEpochMilli();
  private static final TimeWindow.Words WORDS =
      (start, end) -> start.parameter() + " after " + end.parameter();

  private static TimeWindow.Bound bound(String parameter, long millis, boolean inclusive) {
    return new TimeWindow.Bound(parameter, Long.toString(millis), new TimeBound(millis, inclusive));
  }

  @Test
  void anExclusiveStartAndAnInclusiveEndMoveByOneMillisecond() {
    assertThat(TimeWindow.UNBOUNDED.from(bound("gt", T, false)).range())
        .isEqualTo(TimeRange.of(T + 1, Long.MAX_VALUE));
    assertThat(TimeWindow.UNBOUNDED.from(bound("ge", T, true)).range())
        .isEqualTo(TimeRange.of(T, Long.MAX_VALUE));
    assertThat(TimeWindow.UNBOUNDED.until(bound("le", T, true)).range())
        .isEqualTo(TimeRange.of(Long.MIN_VALUE, T + 1));
    assertThat(TimeWindow.UNBOUNDED.until(bound("lt", T, false)).range())
        .isEqualTo(TimeRange.of(Long.MIN_VALUE, T));
    assertThat(TimeWindow.UNBOUNDED.range()).isEqualTo(TimeRange.ALL);
  }

  @Test
  void conversionsSaturateAtTheLimitsOfALong() {
    TimeWindow last =
        TimeWindow.UNBOUNDED
            .from(bound("gt", Long.MAX_VALUE, false))
            .until(bound("le", Long.MAX_VALUE, true));
    assertThat(last.range()).isEqualTo(TimeRange.of(Long.MAX_VALUE, Long.MAX_VALUE));
    assertThat(last.isInverted()).isFalse();
    // Saturated, gt MAX_VALUE is not tighter than ge MAX_VALUE (it would wrap to MIN_VALUE).
    assertThat(
            TimeWindow.UNBOUNDED
                .from(bound("ge", Long.MAX_VALUE, true))
                .from(bound("gt", Long.MAX_VALUE, false))
                .start()
                .get()
                .parameter())
        .isEqualTo("ge");
  }

  @Test
  void theTighterOfTwoBoundsWins() {
    TimeWindow window =
        TimeWindow.UNBOUNDED
            .from(bound("a", T, true))
            .from(bound("b", T, false))
            .from(bound("c", T - 5, true))
            .until(bound("d", T + 10, true))
            .until(bound("e", T + 11, false))
            .until(bound("f", T + 20, false));
    assertThat(window.start().get().parameter()).isEqualTo("b");
    assertThat(window.end().get().parameter()).as("a tie keeps the first").isEqualTo("d");
    assertThat(window.range()).isEqualTo(TimeRange.of(T + 1, T + 11));
  }

  @Test
  void aWindowStartingAfterItsEndIsRefusedWithItsFactsAndAnEqualOneIsEmpty() {
    TimeWindow empty = TimeWindow.UNBOUNDED.from(bound("ge", T, true)).until(bound("lt", T, false));
    assertThat(empty.ordered(WORDS).range()).isEqualTo(TimeRange.of(T, T));

    TimeWindow inverted =
        TimeWindow.UNBOUNDED.from(bound("gt", T, false)).until(bound("lt", T, false));
    assertThat(inverted.isInverted()).isTrue();
    assertThat(inverted.range()).isEqualTo(TimeRange.of(T + 1, T + 1));
    InvalidQueryException refusal =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            InvalidQueryException.class, () -> inverted.ordered(WORDS));
    assertThat(refusal).hasMessage("gt after lt");
    assertThat(refusal.violation().field()).isEqualTo(new RequestField("gt"));
    assertThat(refusal.violation().rule()).isEqualTo(Rule.START_AFTER_END);
    assertThat(refusal.violation().value()).isEqualTo(Long.toString(T));
    assertThat(refusal.violation().expected()).isEqualTo(List.of("lt", Long.toString(T)));
  }

  @Test
  void timestampParametersAreParsedOnceAndNamedInRefusals() {
    QueryParameters query = QueryParameters.of("startTime", "2014-10-22T01:00:00+01:00");
    assertThat(TimeWindow.timestamp(query, "startTime", true).get().bound())
        .isEqualTo(TimeBound.inclusive(T));
    assertThat(TimeWindow.timestamp(query, "endTime", false)).isEmpty();
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(
            () -> TimeWindow.timestamp(QueryParameters.of("endTime", "noon"), "endTime", false))
        .withMessage("endTime must be an ISO-8601 timestamp like 2014-10-22T00:00:00, got: 'noon'");
  }

  @Test
  void theCeilometerFamiliesSelectNothingForAStartAfterTheEnd() {
    // As Ceilometer: no error, an empty answer.
    assertThat(
            body(
                io.meterkit.api.ApiRequest.builder(
                    "GET", "/v1/resources?start_timestamp=2014-10-23&end_timestamp=2014-10-22")))
        .isEqualTo("{\"resources\":[]}");
    assertThat(
            body(
                io.meterkit.api.ApiRequest.builder(
                    "GET",
                    "/v2/meters/cpu/statistics?q.field=timestamp&q.op=gt&q.value=2014-10-22"
                        + "&q.field=timestamp&q.op=le&q.value=2014-10-21")))
        .isEqualTo("[]");
  }

  private static String body(io.meterkit.api.ApiRequest.Builder request) {
    io.meterkit.api.ApiResponse response =
        io.meterkit.api.MeterApi.builder(io.meterkit.store.MeterStore.inMemory())
            .build()
            .handle(request.principal(io.meterkit.api.Principal.anonymousAdmin()).build());
    assertThat(response.status()).isEqualTo(200);
    return response.bodyText();
  }
}
