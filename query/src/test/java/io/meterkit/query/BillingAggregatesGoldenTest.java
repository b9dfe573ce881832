package io.meterkit.query;

import static io.meterkit.query.Fixtures.bytes;
import static io.meterkit.query.Fixtures.cpu;
import static io.meterkit.query.Fixtures.row;
import static io.meterkit.query.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterType;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.query.Fixtures.EachChunkLayout;
import io.meterkit.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Increase, integral, twa and percentiles with hand-computed expected rows (the arithmetic is in
 * the comments), once per store layout.
 */
class BillingAggregatesGoldenTest {
  private static final Aggregation INCREASE = Aggregation.of(AggregateFunction.INCREASE);
  private static final Aggregation INTEGRAL = Aggregation.of(AggregateFunction.INTEGRAL);
  private static final Aggregation TWA = Aggregation.of(AggregateFunction.TWA);
  private static final Aggregation COUNT = Aggregation.of(AggregateFunction.COUNT);

  private static StatisticsQuery.Builder between(String meter, String fromIso, String toIso) {
    return StatisticsQuery.builder(meter)
        .start(TimeBound.inclusive(t(fromIso)))
        .end(TimeBound.exclusive(t(toIso)));
  }

  private static ManualClock clockAt(String iso) {
    return ManualClock.at(Instant.ofEpochMilli(t(iso)));
  }

  @Nested
  class Increase {
    @EachChunkLayout
    void aResetStraddlingABucketEdgeCountsTheNewValueFromZeroSplitByOverlap(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              bytes(100, "2026-01-01T00:00:00"),
              bytes(160, "2026-01-01T00:30:00"),
              bytes(30, "2026-01-01T01:30:00"), // a reset: the counter restarted from 0
              bytes(90, "2026-01-01T02:00:00"));
      StatisticsQuery.Builder query =
          between(Fixtures.BYTES, "2026-01-01T00:00:00", "2026-01-01T02:00:00")
              .aggregations(INCREASE, COUNT);

      // 00:00-00:30: +60, all in hour 0. 00:30-01:30: the reset contributes 30 over 60 minutes,
      // 15 in each hour. 01:30-02:00: +60, in hour 1 (02:00 is the sample after the range).
      // Hour 0: 60 + 15 = 75; hour 1: 15 + 60 = 75; the range: 150.
      assertThat(engine.statistics(query.periodSeconds(3600).build()))
          .extracting(Statistics::periodStartMillis, Statistics::count, Statistics::increase)
          .containsExactly(
              tuple(t("2026-01-01T00:00:00"), 2L, 75.0), tuple(t("2026-01-01T01:00:00"), 1L, 75.0));
      assertThat(engine.statistics(query.periodSeconds(0).build()))
          .extracting(Statistics::count, Statistics::increase)
          .containsExactly(tuple(3L, 150.0));
    }

    @EachChunkLayout
    void theSamplesAroundTheRangeApportionWhatHappenedInsideIt(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows, bytes(100, "2026-01-01T09:30:00"), bytes(160, "2026-01-01T11:30:00"));

      // +60 over two hours, of which [10:00, 11:00) is half: 30. No sample lies inside the range,
      // yet the row exists.
      assertThat(
              engine.statistics(
                  between(Fixtures.BYTES, "2026-01-01T10:00:00", "2026-01-01T11:00:00")
                      .periodSeconds(3600)
                      .aggregations(INCREASE)
                      .build()))
          .containsExactly(
              row()
                  .unit("B")
                  .noSamples()
                  .increase(30)
                  .period(3600, "2026-01-01T10:00:00", "2026-01-01T11:00:00")
                  .build());
    }

    @EachChunkLayout
    void nothingIsExtrapolatedBeyondTheFirstAndLastSample(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows, bytes(100, "2026-01-01T10:30:00"), bytes(110, "2026-01-01T11:00:00"));

      // Only the interval between the two samples counts: 10, not 10 scaled to two hours.
      assertThat(
              engine.statistics(
                  between(Fixtures.BYTES, "2026-01-01T10:00:00", "2026-01-01T12:00:00")
                      .periodSeconds(3600)
                      .aggregations(INCREASE)
                      .build()))
          .extracting(Statistics::periodStartMillis, Statistics::increase)
          .containsExactly(
              tuple(t("2026-01-01T10:00:00"), 10.0), tuple(t("2026-01-01T11:00:00"), 0.0));
    }

    @EachChunkLayout
    void integerCountersGiveIntegerBucketsThatAddUpExactly(int chunkRows) {
      List<Sample> samples = new ArrayList<>();
      // +20 every 20 minutes from 00:50: 0, 20, 40, 60, 80 at 00:50, 01:10, 01:30, 01:50, 02:10.
      for (int i = 0; i < 5; i++) {
        samples.add(
            bytes(20 * i, "2026-01-01T00:50:00")
                .timestampMillis(t("2026-01-01T00:50:00") + i * 1_200_000L)
                .build());
      }
      QueryEngine engine = Fixtures.engine(chunkRows, samples);
      StatisticsQuery.Builder query =
          between(Fixtures.BYTES, "2026-01-01T00:00:00", "2026-01-01T03:00:00")
              .aggregations(INCREASE);

      // Hour 0 gets 10 of 00:50-01:10; hour 1 the other 10, then 20, 20 and 10 of 01:50-02:10;
      // hour 2 the last 10: 10 + 60 + 10 = 80 = 80 - 0.
      assertThat(engine.statistics(query.periodSeconds(3600).build()))
          .extracting(Statistics::increase)
          .containsExactly(10.0, 60.0, 10.0);
      assertThat(engine.statistics(query.periodSeconds(0).build()))
          .extracting(Statistics::increase)
          .containsExactly(80.0);
    }

    @EachChunkLayout
    void ofSamplesAtEqualTimestampsTheLatestArrivalCounts(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              bytes(100, "2026-01-01T00:00:00"),
              bytes(200, "2026-01-01T00:10:00"),
              bytes(150, "2026-01-01T00:10:00"), // corrects the 200 above
              bytes(170, "2026-01-01T00:20:00"));

      // 100 -> 150 -> 170: 70. (Taking both rows at 00:10 would read 200 -> 150 as a reset and
      // bill 100 + 150 + 20 = 270.)
      assertThat(
              engine.statistics(
                  between(Fixtures.BYTES, "2026-01-01T00:00:00", "2026-01-01T01:00:00")
                      .aggregations(INCREASE, COUNT)
                      .build()))
          .extracting(Statistics::count, Statistics::increase)
          .containsExactly(tuple(4L, 70.0));
    }

    @EachChunkLayout
    void groupsSumTheIncreaseOfTheirSeries(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              bytes(0, "2026-01-01T00:00:00"),
              bytes(10, "2026-01-01T00:30:00"),
              bytes(1000, "2026-01-01T00:00:00").resourceId("r2"),
              bytes(1005, "2026-01-01T00:40:00").resourceId("r2"),
              bytes(7, "2026-01-01T00:10:00").resourceId("r3").projectId("p2"),
              bytes(9, "2026-01-01T00:50:00").resourceId("r3").projectId("p2"));

      // p1: r1 +10, r2 +5 = 15; p2: r3 +2.
      assertThat(
              engine.statistics(
                  between(Fixtures.BYTES, "2026-01-01T00:00:00", "2026-01-01T01:00:00")
                      .groupBy(GroupBy.of(Dimension.PROJECT_ID))
                      .aggregations(INCREASE)
                      .build()))
          .extracting(s -> s.groupBy().get("project_id"), Statistics::increase)
          .containsExactly(tuple("p1", 15.0), tuple("p2", 2.0));
    }

    @Test
    void aMeterThatIsNoCounterIsRefusedNamingItsType() {
      QueryEngine engine = Fixtures.engine(256, cpu(1, "2026-01-01T00:00:00"));

      assertThatExceptionOfType(InvalidQueryException.class)
          .isThrownBy(
              () ->
                  engine.statistics(
                      StatisticsQuery.builder(Fixtures.CPU).aggregations(INCREASE).build()))
          .withMessage(
              "aggregate.func increase needs a cumulative meter, but cpu_util is a gauge meter")
          .satisfies(
              e -> {
                assertThat(e.violation().field()).isEqualTo(QueryField.AGGREGATE_FUNCTION);
                assertThat(e.violation().rule()).isEqualTo(Rule.UNSUPPORTED);
                assertThat(e.violation().value()).isEqualTo("gauge");
                assertThat(e.violation().expected())
                    .containsExactly("cumulative", "increase", "cpu_util");
              });
    }
  }

  @Nested
  class Integral {
    @EachChunkLayout
    void aLevelHoldsAcrossAGapUntilTheNextSample(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              clockAt("2026-01-02T00:00:00"),
              List.of(
                  cpu(2, "2026-01-01T00:00:00").build(),
                  cpu(4, "2026-01-01T00:10:00").build(),
                  // a gap of 1 h 50 min, then the resource is deleted: a 0 sample ends its level
                  cpu(0, "2026-01-01T02:00:00").build()));
      StatisticsQuery.Builder query =
          between(Fixtures.CPU, "2026-01-01T00:00:00", "2026-01-01T03:00:00")
              .aggregations(COUNT, INTEGRAL, TWA);

      // Hour 0: 2 * 600 s + 4 * 3000 s = 13,200; hour 1: 4 * 3600 = 14,400; hour 2: 0.
      // twa: 13,200 / 3600 = 3.666..., 14,400 / 3600 = 4, 0 / 3600 = 0.
      List<Statistics> hourly = engine.statistics(query.periodSeconds(3600).build());
      assertThat(hourly)
          .extracting(Statistics::count, Statistics::integral)
          .containsExactly(tuple(2L, 13_200.0), tuple(0L, 14_400.0), tuple(1L, 0.0));
      assertThat(hourly.get(0).twa()).isCloseTo(13_200.0 / 3600, within(1e-12));
      assertThat(hourly.get(1).twa()).isEqualTo(4.0);
      assertThat(hourly.get(2).twa()).isEqualTo(0.0);
      // The range: 27,600 unit-seconds over 10,800 s with a level.
      Statistics total = engine.statistics(query.periodSeconds(0).build()).get(0);
      assertThat(total.integral()).isEqualTo(27_600.0);
      assertThat(total.twa()).isCloseTo(27_600.0 / 10_800, within(1e-12));
    }

    @EachChunkLayout
    void theLastLevelHoldsUntilNowAtTheLatest(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              clockAt("2026-01-01T01:30:00"),
              List.of(cpu(10, "2026-01-01T00:00:00").build()));

      // Now is 01:30: hour 0 gets 10 * 3600; hour 1 gets 10 * 1800 and has a level for 1800 s
      // (twa 10); hour 2 lies after now and has no row.
      assertThat(
              engine.statistics(
                  between(Fixtures.CPU, "2026-01-01T00:00:00", "2026-01-01T03:00:00")
                      .periodSeconds(3600)
                      .aggregations(INTEGRAL, TWA)
                      .build()))
          .extracting(Statistics::periodStartMillis, Statistics::integral, Statistics::twa)
          .containsExactly(
              tuple(t("2026-01-01T00:00:00"), 36_000.0, 10.0),
              tuple(t("2026-01-01T01:00:00"), 18_000.0, 10.0));
    }

    @EachChunkLayout
    void theSampleBeforeTheRangeSuppliesTheLevelAtItsStart(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              clockAt("2026-01-02T00:00:00"),
              List.of(
                  cpu(5, "2025-12-31T23:00:00").build(), cpu(1, "2026-01-01T00:30:00").build()));

      // 5 * 1800 + 1 * 1800 = 10,800 over the hour; the sample at 23:00 is outside the range.
      assertThat(
              engine.statistics(
                  between(Fixtures.CPU, "2026-01-01T00:00:00", "2026-01-01T01:00:00")
                      .aggregations(COUNT, INTEGRAL, TWA)
                      .build()))
          .extracting(Statistics::count, Statistics::integral, Statistics::twa)
          .containsExactly(tuple(1L, 10_800.0, 3.0));
    }

    @EachChunkLayout
    void twaDividesByTheTimeTheGroupHadALevelNotBySeriesTime(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              clockAt("2026-01-02T00:00:00"),
              List.of(
                  cpu(2, "2026-01-01T00:00:00").build(),
                  cpu(4, "2026-01-01T00:30:00").resourceId("r2").build(),
                  cpu(8, "2026-01-01T00:30:00").resourceId("r3").projectId("p2").build()));

      // p1: r1 2 * 3600 + r2 4 * 1800 = 14,400, a level all hour: twa 4 (2, then 2 + 4 = 6).
      // p2: 8 * 1800 = 14,400, a level for 1800 s only: twa 8.
      assertThat(
              engine.statistics(
                  between(Fixtures.CPU, "2026-01-01T00:00:00", "2026-01-01T01:00:00")
                      .groupBy(GroupBy.of(Dimension.PROJECT_ID))
                      .aggregations(INTEGRAL, TWA)
                      .build()))
          .extracting(s -> s.groupBy().get("project_id"), Statistics::integral, Statistics::twa)
          .containsExactly(tuple("p1", 14_400.0, 4.0), tuple("p2", 14_400.0, 8.0));
    }

    @Test
    void aMeterThatIsNoGaugeIsRefusedNamingItsType() {
      QueryEngine engine = Fixtures.engine(256, bytes(1, "2026-01-01T00:00:00"));

      assertThatExceptionOfType(InvalidQueryException.class)
          .isThrownBy(
              () ->
                  engine.statistics(
                      StatisticsQuery.builder(Fixtures.BYTES).aggregations(TWA).build()))
          .withMessage(
              "aggregate.func twa needs a gauge meter, but network.incoming.bytes is a cumulative"
                  + " meter");
    }
  }

  @Nested
  class Percentiles {
    private List<Sample> volumes(double... values) {
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        samples.add(
            cpu(values[i], "2026-01-01T00:00:00")
                .timestampMillis(t("2026-01-01T00:00:00") + i * 1000L)
                .build());
      }
      return samples;
    }

    @EachChunkLayout
    void nearestRanksWithTies(int chunkRows) {
      QueryEngine engine = Fixtures.engine(chunkRows, volumes(13, 2, 100, 5, 2, 1, 8, 3, 2, 5));
      StatisticsQuery query =
          StatisticsQuery.builder(Fixtures.CPU)
              .aggregations(
                  Aggregation.percentile(Percentile.of("50")),
                  Aggregation.percentile(Percentile.of("95")),
                  Aggregation.percentile(Percentile.of("99.9")),
                  Aggregation.percentile(Percentile.of("100")),
                  Aggregation.percentile(Percentile.of("30")),
                  Aggregation.percentile(Percentile.of("10")))
              .build();

      // Sorted: 1, 2, 2, 2, 3, 5, 5, 8, 13, 100 (n = 10). Ranks ceil(P * 10 / 100): P50 -> 5: 3;
      // P95 -> 10: 100; P99.9 -> 10: 100; P100 -> 10: 100; P30 -> 3: 2 (a tie); P10 -> 1: 1.
      assertThat(engine.statistics(query).get(0).percentiles())
          .containsExactly(
              java.util.Map.entry(Percentile.of("50"), 3.0),
              java.util.Map.entry(Percentile.of("95"), 100.0),
              java.util.Map.entry(Percentile.of("99.9"), 100.0),
              java.util.Map.entry(Percentile.of("100"), 100.0),
              java.util.Map.entry(Percentile.of("30"), 2.0),
              java.util.Map.entry(Percentile.of("10"), 1.0));
    }

    @EachChunkLayout
    void ninetyNinePointNineOfTwoThousandTiedValues(int chunkRows) {
      double[] values = new double[2000];
      for (int i = 0; i < values.length; i++) {
        values[i] = 1000 - i / 2; // 1000, 1000, 999, 999, ..., 1, 1: every value twice
      }
      QueryEngine engine = Fixtures.engine(chunkRows, volumes(values));
      StatisticsResult result =
          engine.statistics(
              StatisticsQuery.builder(Fixtures.CPU)
                  .aggregations(
                      Aggregation.percentile(Percentile.of("50")),
                      Aggregation.percentile(Percentile.of("95")),
                      Aggregation.percentile(Percentile.of("99.9")),
                      Aggregation.percentile(Percentile.of("100")))
                  .build());

      // Value v sits at ranks 2v - 1 and 2v. P50 -> rank 1000: 500; P95 -> 1900: 950;
      // P99.9 -> ceil(1998) = 1998: 999; P100 -> 2000: 1000.
      assertThat(result.percentile(0, Percentile.of("50"))).isEqualTo(500);
      assertThat(result.percentile(0, Percentile.of("95"))).isEqualTo(950);
      assertThat(result.percentile(0, Percentile.of("99.9"))).isEqualTo(999);
      assertThat(result.percentile(0, Percentile.of("100"))).isEqualTo(1000);
    }

    @EachChunkLayout
    void eachBucketRanksItsOwnSamples(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "2026-01-01T00:10:00"),
              cpu(9, "2026-01-01T00:20:00"),
              cpu(5, "2026-01-01T00:30:00"),
              cpu(7, "2026-01-01T01:10:00"));

      // Hour 0: 1, 5, 9: P50 -> rank 2: 5. Hour 1: 7.
      assertThat(
              engine.statistics(
                  StatisticsQuery.builder(Fixtures.CPU)
                      .start(TimeBound.inclusive(t("2026-01-01T00:00:00")))
                      .periodSeconds(3600)
                      .aggregations(Aggregation.percentile(Percentile.of("50")))
                      .build()))
          .extracting(s -> s.percentiles().get(Percentile.of("50")))
          .containsExactly(5.0, 7.0);
    }

    @EachChunkLayout
    void aRowWithoutSamplesHasNoPercentile(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              clockAt("2026-01-02T00:00:00"),
              List.of(cpu(3, "2026-01-01T00:30:00").build()));

      // Hour 1 exists for the integral only.
      List<Statistics> rows =
          engine.statistics(
              between(Fixtures.CPU, "2026-01-01T00:00:00", "2026-01-01T02:00:00")
                  .periodSeconds(3600)
                  .aggregations(Aggregation.percentile(Percentile.of("50")), INTEGRAL)
                  .build());
      assertThat(rows)
          .extracting(s -> s.percentiles().get(Percentile.of("50")))
          .containsExactly(3.0, null);
    }
  }

  @Nested
  class AsOf {
    @EachChunkLayout
    void onlySamplesRecordedAtOrBeforeTheInstantCount(int chunkRows) {
      ManualClock clock = clockAt("2026-01-05T00:00:00");
      List<Sample> invoiced =
          List.of(
              bytes(0, "2026-01-01T00:00:00").build(), bytes(100, "2026-01-01T12:00:00").build());
      QueryEngine engine = Fixtures.engine(chunkRows, clock, invoiced);
      clock.advance(Duration.ofDays(1)); // a late sample arrives a day after the invoice
      engine.store().record(bytes(250, "2026-01-01T18:00:00").build());
      StatisticsQuery.Builder query =
          between(Fixtures.BYTES, "2026-01-01T00:00:00", "2026-01-02T00:00:00")
              .aggregations(COUNT, INCREASE, Aggregation.of(AggregateFunction.MAX));

      // As of the invoice (recorded at 2026-01-05T00:00:00, 500 ms later still the same second):
      // 2 samples, +100. Today: 3 samples, +250.
      for (String asOf :
          List.of("2026-01-05T00:00:00Z", "2026-01-05T00:00:00.500Z", "2026-01-05T23:59:59Z")) {
        assertThat(engine.statistics(query.asOf(Instant.parse(asOf)).build()))
            .as(asOf)
            .extracting(Statistics::count, Statistics::increase, Statistics::max)
            .containsExactly(tuple(2L, 100.0, 100.0));
      }
      assertThat(engine.statistics(query.asOf(Instant.parse("2026-01-04T23:59:59Z")).build()))
          .isEmpty();
      assertThat(engine.statistics(query.asOf(null).build()))
          .extracting(Statistics::count, Statistics::increase, Statistics::max)
          .containsExactly(tuple(3L, 250.0, 250.0));
      assertThat(engine.statistics(query.asOf(Instant.parse("2026-01-06T00:00:00Z")).build()))
          .extracting(Statistics::count)
          .containsExactly(3L);
    }

    @EachChunkLayout
    void sampleListingsAsOfAnInstantHideLaterArrivals(int chunkRows) {
      ManualClock clock = clockAt("2026-01-05T00:00:00");
      QueryEngine engine =
          Fixtures.engine(
              chunkRows, clock, List.of(cpu(1, "2026-01-01T00:00:00").messageId("early").build()));
      clock.advance(Duration.ofSeconds(1));
      engine.store().record(cpu(2, "2026-01-01T01:00:00").messageId("late").build());

      assertThat(
              engine.samples(
                  SampleQuery.builder().asOf(Instant.parse("2026-01-05T00:00:00.999Z")).build()))
          .extracting(s -> s.sample().messageId())
          .containsExactly("early");
      assertThat(engine.samples(SampleQuery.builder().build()))
          .extracting(s -> s.sample().messageId())
          .containsExactly("late", "early");
    }
  }

  @Test
  void onlyCumulativeAndGaugeMetersHaveTheirBillingAggregates() {
    assertThat(AggregateFunction.INCREASE.requiredMeterType()).contains(MeterType.CUMULATIVE);
    assertThat(AggregateFunction.INTEGRAL.requiredMeterType()).contains(MeterType.GAUGE);
    assertThat(AggregateFunction.TWA.requiredMeterType()).contains(MeterType.GAUGE);
    assertThat(AggregateFunction.PERCENTILE.requiredMeterType()).isEmpty();
  }
}
