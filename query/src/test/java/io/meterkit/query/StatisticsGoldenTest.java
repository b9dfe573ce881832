package io.meterkit.query;

import static io.meterkit.query.Fixtures.CPU;
import static io.meterkit.query.Fixtures.cpu;
import static io.meterkit.query.Fixtures.row;
import static io.meterkit.query.Fixtures.t;
import static io.meterkit.query.StatisticsQueryTest.bound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.query.Fixtures.EachChunkLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statistics with hand-computed expected rows (the arithmetic is in the comments). Every engine
 * test runs once per store layout (see {@link EachChunkLayout}), so the same numbers come out of
 * block summaries, decoded blocks, several chunks and the unsealed head.
 */
class StatisticsGoldenTest {
  private static final Aggregation[] ALL =
      new Aggregation[] {
        Aggregation.of(AggregateFunction.COUNT),
        Aggregation.of(AggregateFunction.SUM),
        Aggregation.of(AggregateFunction.AVG),
        Aggregation.of(AggregateFunction.MIN),
        Aggregation.of(AggregateFunction.MAX),
        Aggregation.of(AggregateFunction.STDDEV),
        Aggregation.cardinality(Dimension.RESOURCE_ID),
        Aggregation.cardinality(Dimension.PROJECT_ID),
        Aggregation.cardinality(Dimension.USER_ID)
      };

  private static StatisticsQuery.Builder cpuQuery() {
    return StatisticsQuery.builder(CPU);
  }

  @Nested
  class Aggregates {
    /**
     * Volumes 1..20, one a minute from 00:00 to 00:19; resources r1 (odd) and r2 (even), project
     * p1, users u1, u2, u3 in turn.
     */
    private List<Sample> oneToTwenty() {
      List<Sample> samples = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        samples.add(
            cpu(i, "2014-10-22T00:00:00")
                .timestampMillis(t("2014-10-22T00:00:00") + (i - 1) * 60_000L)
                .resourceId(i % 2 == 1 ? "r1" : "r2")
                .userId("u" + (1 + (i - 1) % 3))
                .build());
      }
      return samples;
    }

    @EachChunkLayout
    void everyAggregateOfOneToTwenty(int chunkRows) {
      List<Statistics> rows =
          Fixtures.engine(chunkRows, oneToTwenty())
              .statistics(cpuQuery().aggregations(ALL).build());

      // count 20; sum 20 * 21 / 2 = 210; avg 210 / 20 = 10.5; min 1; max 20;
      // distinct resources r1, r2 = 2, projects p1 = 1, users u1, u2, u3 = 3;
      // 00:00 to 00:19 = 19 * 60 = 1140 s.
      assertThat(rows).hasSize(1);
      Statistics row = rows.get(0);
      assertThat(withoutStddev(row))
          .isEqualTo(
              row()
                  .values(20, 210, 10.5, 1, 20)
                  .stddev(0)
                  .cardinality(Dimension.RESOURCE_ID, 2)
                  .cardinality(Dimension.PROJECT_ID, 1)
                  .cardinality(Dimension.USER_ID, 3)
                  .duration("2014-10-22T00:00:00", "2014-10-22T00:19:00", 1140.0)
                  .build());
      // Population variance of 1..n is (n^2 - 1) / 12 = 399 / 12 = 33.25.
      assertThat(row.stddev()).isCloseTo(Math.sqrt(33.25), within(1e-12));
    }

    @EachChunkLayout
    void withoutRequestedAggregatesStddevIsNullAndNoCardinalityIsCounted(int chunkRows) {
      List<Statistics> rows =
          Fixtures.engine(chunkRows, oneToTwenty()).statistics(cpuQuery().build());

      assertThat(rows)
          .containsExactly(
              row()
                  .values(20, 210, 10.5, 1, 20)
                  .duration("2014-10-22T00:00:00", "2014-10-22T00:19:00", 1140.0)
                  .build());
      assertThat(rows.get(0).stddev()).isNull();
      assertThat(rows.get(0).cardinalities()).isEmpty();
    }

    @EachChunkLayout
    void fractionsAndNegativeVolumes(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(-1.5, "2014-10-22T00:00:00"),
              cpu(2.25, "2014-10-22T00:00:01"),
              cpu(0.25, "2014-10-22T00:00:02"));

      Statistics row = engine.statistics(cpuQuery().aggregations(ALL).build()).get(0);

      // sum -1.5 + 2.25 + 0.25 = 1 (binary fractions: exact); avg 1 / 3.
      assertThat(withoutStddev(row))
          .isEqualTo(
              row()
                  .values(3, 1.0, 1.0 / 3, -1.5, 2.25)
                  .stddev(0)
                  .cardinality(Dimension.RESOURCE_ID, 1)
                  .cardinality(Dimension.PROJECT_ID, 1)
                  .cardinality(Dimension.USER_ID, 1)
                  .duration("2014-10-22T00:00:00", "2014-10-22T00:00:02", 2.0)
                  .build());
      // sum of squares 9/4 + 81/16 + 1/16 = 59/8; variance 59/24 - (1/3)^2 = 169/72.
      assertThat(row.stddev()).isCloseTo(Math.sqrt(169.0 / 72), within(1e-15));
    }

    @EachChunkLayout
    void oneSampleHasZeroStddevAndZeroDuration(int chunkRows) {
      QueryEngine engine = Fixtures.engine(chunkRows, cpu(42.5, "2014-10-22T08:00:00"));

      assertThat(engine.statistics(cpuQuery().aggregations(ALL).build()))
          .containsExactly(
              row()
                  .values(1, 42.5, 42.5, 42.5, 42.5)
                  .stddev(0.0)
                  .cardinality(Dimension.RESOURCE_ID, 1)
                  .cardinality(Dimension.PROJECT_ID, 1)
                  .cardinality(Dimension.USER_ID, 1)
                  .duration("2014-10-22T08:00:00", "2014-10-22T08:00:00", 0.0)
                  .build());
    }

    @EachChunkLayout
    void theClassicPopulationStddevIsTwo(int chunkRows) {
      List<Sample> samples = new ArrayList<>();
      double[] volumes = {2, 4, 4, 4, 5, 5, 7, 9};
      for (int i = 0; i < volumes.length; i++) {
        samples.add(
            cpu(volumes[i], "2014-10-22T00:00:00")
                .timestampMillis(t("2014-10-22T00:00:00") + i)
                .build());
      }
      Statistics row =
          Fixtures.engine(chunkRows, samples)
              .statistics(cpuQuery().aggregations(Aggregation.of(AggregateFunction.STDDEV)).build())
              .get(0);

      // mean 40 / 8 = 5; squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; 32 / 8 = 4.
      assertThat(row.stddev()).isCloseTo(2.0, within(1e-15));
      assertThat(row.count()).isEqualTo(8);
      assertThat(row.avg()).isEqualTo(5.0);
    }

    @ParameterizedTest(name = "volume {0}, chunkRows {1}")
    @CsvSource({
      "1000000000000001, 8",
      "1000000000000001, 64",
      "1000000000000001, 256",
      "1000000000000001, 65536",
      "1000000000000000.5, 64",
      "1000000000000000.5, 65536",
      "0.1, 64",
      "0.1, 65536"
    })
    void theStddevOfIdenticalVolumesIsExactlyZero(double volume, int chunkRows) {
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        samples.add(
            cpu(volume, "2014-10-22T00:00:00")
                .timestampMillis(t("2014-10-22T00:00:00") + i * 1000L)
                .build());
      }
      Statistics row =
          Fixtures.engine(chunkRows, samples)
              .statistics(cpuQuery().aggregations(ALL).build())
              .get(0);

      assertThat(row.stddev()).isEqualTo(0.0);
      assertThat(row.min()).isEqualTo(volume);
      assertThat(row.max()).isEqualTo(volume);
    }
  }

  @Nested
  class ExactSums {
    /**
     * 4096 samples of 10^15 + 1: the exact sum 4096 * (10^15 + 1) = 2^12 * (10^15 + 1) =
     * 4,096,000,000,000,004,096 is a double (10^15 + 1 < 2^53, times a power of two), yet adding
     * the samples one by one in doubles gives 4.0960000000000005E18: from 2^53 on the running sum
     * loses the +1s. The avg is the sum / 2^12 = 10^15 + 1 exactly.
     */
    @EachChunkLayout
    void integersAroundTenToTheFifteenSumExactly(int chunkRows) {
      List<Sample> samples = new ArrayList<>();
      double naive = 0;
      for (int i = 0; i < 4096; i++) {
        samples.add(
            cpu(1e15 + 1, "2014-10-22T00:00:00")
                .timestampMillis(t("2014-10-22T00:00:00") + i * 1000L)
                .build());
        naive += 1e15 + 1;
      }
      assertThat(naive)
          .as("the naive sum, to show that the test bites")
          .isEqualTo(4.0960000000000005E18);

      Statistics row = Fixtures.engine(chunkRows, samples).statistics(cpuQuery().build()).get(0);

      assertThat(row.sum()).isEqualTo(4_096_000_000_000_004_096.0);
      assertThat(row.avg()).isEqualTo(1e15 + 1);
      assertThat(row.count()).isEqualTo(4096);
    }

    /**
     * 10^16, a thousand 1s, then -10^16 (sent first): the exact sum is 1000. In doubles 10^16 + 1
     * rounds back to 10^16 (the spacing there is 2), so naive summation in time order gives 0.
     */
    @EachChunkLayout
    void smallVolumesBetweenHugeOnesAreNotLost(int chunkRows) {
      List<Sample> samples = new ArrayList<>();
      samples.add(cpu(-1e16, "2014-10-22T00:20:00").build());
      samples.add(cpu(1e16, "2014-10-22T00:00:00").build());
      for (int i = 1; i <= 1000; i++) {
        samples.add(
            cpu(1, "2014-10-22T00:00:00").timestampMillis(t("2014-10-22T00:00:00") + i).build());
      }

      Statistics row = Fixtures.engine(chunkRows, samples).statistics(cpuQuery().build()).get(0);

      // count 1002; sum 1000; avg 1000 / 1002; min -1e16; max 1e16; 00:00:00 to 00:20:00 = 1200 s.
      assertThat(row)
          .isEqualTo(
              row()
                  .values(1002, 1000.0, 1000.0 / 1002, -1e16, 1e16)
                  .duration("2014-10-22T00:00:00", "2014-10-22T00:20:00", 1200.0)
                  .build());
    }
  }

  @Nested
  class Periods {
    /** Volumes 1, 2, 4, 8 at 00:00:30, 00:01:10, 00:02:59 and 00:03:00. */
    private QueryEngine fourSamples(int chunkRows) {
      return Fixtures.engine(
          chunkRows,
          cpu(1, "2014-10-22T00:00:30").resourceId("r2"),
          cpu(2, "2014-10-22T00:01:10"),
          cpu(4, "2014-10-22T00:02:59"),
          cpu(8, "2014-10-22T00:03:00"));
    }

    @EachChunkLayout
    void theGridIsAnchoredAtTheStartBound(int chunkRows) {
      StatisticsQuery query =
          cpuQuery().start(bound("ge", "2014-10-22T00:00:20")).periodSeconds(60).build();

      // Anchor 00:00:20; buckets [00:00:20, 00:01:20) holds 00:00:30 and 00:01:10 (1 + 2 = 3),
      // [00:01:20, 00:02:20) nothing (omitted), [00:02:20, 00:03:20) 00:02:59 and 00:03:00 (12).
      assertThat(fourSamples(chunkRows).statistics(query))
          .containsExactly(
              row()
                  .values(2, 3, 1.5, 1, 2)
                  .duration("2014-10-22T00:00:30", "2014-10-22T00:01:10", 40.0)
                  .period(60, "2014-10-22T00:00:20", "2014-10-22T00:01:20")
                  .build(),
              row()
                  .values(2, 12, 6, 4, 8)
                  .duration("2014-10-22T00:02:59", "2014-10-22T00:03:00", 1.0)
                  .period(60, "2014-10-22T00:02:20", "2014-10-22T00:03:20")
                  .build());
    }

    @EachChunkLayout
    void withoutAStartBoundTheGridIsAnchoredAtTheEarliestMatchingSample(int chunkRows) {
      StatisticsQuery query =
          cpuQuery().end(bound("lt", "2014-10-22T01:00:00")).periodSeconds(60).build();

      // Anchor 00:00:30 (the end bound anchors nothing): [00:00:30, 00:01:30) holds 1 and 2,
      // 00:02:59 is 149 s after the anchor and 00:03:00 150 s: both in [00:02:30, 00:03:30).
      assertThat(fourSamples(chunkRows).statistics(query))
          .containsExactly(
              row()
                  .values(2, 3, 1.5, 1, 2)
                  .duration("2014-10-22T00:00:30", "2014-10-22T00:01:10", 40.0)
                  .period(60, "2014-10-22T00:00:30", "2014-10-22T00:01:30")
                  .build(),
              row()
                  .values(2, 12, 6, 4, 8)
                  .duration("2014-10-22T00:02:59", "2014-10-22T00:03:00", 1.0)
                  .period(60, "2014-10-22T00:02:30", "2014-10-22T00:03:30")
                  .build());
    }

    @EachChunkLayout
    void theEarliestSampleThatAFilterRejectsDoesNotAnchorTheGrid(int chunkRows) {
      StatisticsQuery query =
          cpuQuery()
              .filter(Filter.builder().equal(Dimension.RESOURCE_ID, "r1").build())
              .periodSeconds(60)
              .build();

      // 00:00:30 belongs to r2: the anchor is 00:01:10. 00:02:59 is 109 s and 00:03:00 110 s
      // after it: both in [00:02:10, 00:03:10).
      assertThat(fourSamples(chunkRows).statistics(query))
          .containsExactly(
              row()
                  .values(1, 2, 2, 2, 2)
                  .duration("2014-10-22T00:01:10", "2014-10-22T00:01:10", 0.0)
                  .period(60, "2014-10-22T00:01:10", "2014-10-22T00:02:10")
                  .build(),
              row()
                  .values(2, 12, 6, 4, 8)
                  .duration("2014-10-22T00:02:59", "2014-10-22T00:03:00", 1.0)
                  .period(60, "2014-10-22T00:02:10", "2014-10-22T00:03:10")
                  .build());
    }

    @EachChunkLayout
    void anExclusiveStartAnchorsTheGridAtItsValueAsGiven(int chunkRows) {
      StatisticsQuery query =
          cpuQuery().start(bound("gt", "2014-10-22T00:00:30")).periodSeconds(60).build();

      // gt 00:00:30 excludes the sample at 00:00:30 but anchors at 00:00:30, not 00:00:30.001.
      assertThat(fourSamples(chunkRows).statistics(query))
          .containsExactly(
              row()
                  .values(1, 2, 2, 2, 2)
                  .duration("2014-10-22T00:01:10", "2014-10-22T00:01:10", 0.0)
                  .period(60, "2014-10-22T00:00:30", "2014-10-22T00:01:30")
                  .build(),
              row()
                  .values(2, 12, 6, 4, 8)
                  .duration("2014-10-22T00:02:59", "2014-10-22T00:03:00", 1.0)
                  .period(60, "2014-10-22T00:02:30", "2014-10-22T00:03:30")
                  .build());
    }

    @EachChunkLayout
    void anInclusiveStartAnchorsTheGridAtItsValue(int chunkRows) {
      StatisticsQuery query =
          cpuQuery().start(bound("ge", "2014-10-22T00:00:30")).periodSeconds(60).build();

      assertThat(fourSamples(chunkRows).statistics(query))
          .containsExactly(
              row()
                  .values(2, 3, 1.5, 1, 2)
                  .duration("2014-10-22T00:00:30", "2014-10-22T00:01:10", 40.0)
                  .period(60, "2014-10-22T00:00:30", "2014-10-22T00:01:30")
                  .build(),
              row()
                  .values(2, 12, 6, 4, 8)
                  .duration("2014-10-22T00:02:59", "2014-10-22T00:03:00", 1.0)
                  .period(60, "2014-10-22T00:02:30", "2014-10-22T00:03:30")
                  .build());
    }

    @EachChunkLayout
    void samplesExactlyOnBucketBoundariesStartTheirBucket(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "2014-10-22T00:00:00"),
              cpu(2, "2014-10-22T00:00:59.999"),
              cpu(4, "2014-10-22T00:01:00"),
              cpu(8, "2014-10-22T00:02:00"),
              cpu(16, "2014-10-22T00:02:59.999"));
      StatisticsQuery query =
          cpuQuery().start(bound("ge", "2014-10-22T00:00:00")).periodSeconds(60).build();

      // floorDiv(59_999, 60_000) = 0, floorDiv(60_000, 60_000) = 1, floorDiv(179_999, 60_000) = 2.
      assertThat(engine.statistics(query))
          .containsExactly(
              row()
                  .values(2, 3, 1.5, 1, 2)
                  .duration("2014-10-22T00:00:00", "2014-10-22T00:00:59.999", 59.999)
                  .period(60, "2014-10-22T00:00:00", "2014-10-22T00:01:00")
                  .build(),
              row()
                  .values(1, 4, 4, 4, 4)
                  .duration("2014-10-22T00:01:00", "2014-10-22T00:01:00", 0.0)
                  .period(60, "2014-10-22T00:01:00", "2014-10-22T00:02:00")
                  .build(),
              row()
                  .values(2, 24, 12, 8, 16)
                  .duration("2014-10-22T00:02:00", "2014-10-22T00:02:59.999", 59.999)
                  .period(60, "2014-10-22T00:02:00", "2014-10-22T00:03:00")
                  .build());
    }

    @EachChunkLayout
    void aGridAnchoredBeforeTheEpochPutsTheEpochInTheBucketAroundIt(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "1970-01-01T00:00:00"),
              cpu(2, "1970-01-01T00:00:29.999"),
              cpu(4, "1970-01-01T00:00:30"));
      StatisticsQuery query =
          cpuQuery().start(bound("ge", "1969-12-31T23:58:30")).periodSeconds(60).build();

      // Anchor -90 s: floorDiv(0 + 90_000, 60_000) = 1 -> [-30 s, 30 s);
      // floorDiv(29_999 + 90_000, 60_000) = 1; floorDiv(30_000 + 90_000, 60_000) = 2 -> [30 s, 90
      // s).
      assertThat(engine.statistics(query))
          .containsExactly(
              row()
                  .values(2, 3, 1.5, 1, 2)
                  .duration("1970-01-01T00:00:00", "1970-01-01T00:00:29.999", 29.999)
                  .period(60, "1969-12-31T23:59:30", "1970-01-01T00:00:30")
                  .build(),
              row()
                  .values(1, 4, 4, 4, 4)
                  .duration("1970-01-01T00:00:30", "1970-01-01T00:00:30", 0.0)
                  .period(60, "1970-01-01T00:00:30", "1970-01-01T00:01:30")
                  .build());
    }

    @EachChunkLayout
    void aPeriodLongerThanTheDataMakesOneBucket(int chunkRows) {
      StatisticsQuery query =
          cpuQuery().start(bound("ge", "2014-10-22T00:00:00")).periodSeconds(3600).build();

      assertThat(fourSamples(chunkRows).statistics(query))
          .containsExactly(
              row()
                  .values(4, 15, 3.75, 1, 8)
                  .duration("2014-10-22T00:00:30", "2014-10-22T00:03:00", 150.0)
                  .period(3600, "2014-10-22T00:00:00", "2014-10-22T01:00:00")
                  .build());
    }

    @EachChunkLayout
    void theLastPossibleSampleFallsInABucketOfTheLongestPeriod(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows, cpu(1, "1970-01-01T00:00:00"), cpu(2, "9999-12-31T23:59:59.999"));
      StatisticsQuery query = cpuQuery().periodSeconds(StatisticsQuery.MAX_PERIOD_SECONDS).build();

      // Period 3,162,240,000 s = 3,162,240,000,000 ms, anchored at 0;
      // 253,402,300,799,999 ms / 3,162,240,000,000 ms = 80.13...: bucket 80.
      List<Statistics> rows = engine.statistics(query);
      assertThat(rows).extracting(Statistics::count).containsExactly(1L, 1L);
      assertThat(rows)
          .extracting(Statistics::periodStartMillis)
          .containsExactly(0L, 80 * 3_162_240_000_000L);
      assertThat(rows)
          .extracting(Statistics::periodEndMillis)
          .containsExactly(3_162_240_000_000L, 81 * 3_162_240_000_000L);
    }

    @EachChunkLayout
    void aGridOfMoreCellsThanTheDenseTableHoldsGivesTheSameRows(int chunkRows) {
      List<Sample> samples = new ArrayList<>();
      long start = t("2014-10-22T00:00:00");
      long tenDays = 10 * 86_400_000L;
      for (int i = 0; i < 5; i++) {
        samples.add(
            cpu(i + 1, "2014-10-22T00:00:00")
                .timestampMillis(start + i * 1000L)
                .resourceId("r" + i)
                .build());
        samples.add(
            cpu(10 * (i + 1), "2014-10-22T00:00:00")
                .timestampMillis(start + tenDays + i * 1000L)
                .resourceId("r" + i)
                .build());
      }
      StatisticsQuery query =
          cpuQuery()
              .start(TimeBound.inclusive(start))
              .periodSeconds(1)
              .groupBy(GroupBy.of(Dimension.RESOURCE_ID))
              .build();

      // 864,005 one-second buckets times 5 groups is more than the 2^22 cells of a dense slot
      // table. Resource ri has volume i + 1 at second i and 10 (i + 1) at ten days plus i seconds.
      List<Statistics> rows = Fixtures.engine(chunkRows, samples).statistics(query);

      assertThat(rows)
          .extracting(
              r -> r.periodStartMillis() - start,
              r -> r.groupBy().get("resource_id"),
              Statistics::sum)
          .containsExactly(
              tuple(0L, "r0", 1.0),
              tuple(1000L, "r1", 2.0),
              tuple(2000L, "r2", 3.0),
              tuple(3000L, "r3", 4.0),
              tuple(4000L, "r4", 5.0),
              tuple(tenDays, "r0", 10.0),
              tuple(tenDays + 1000, "r1", 20.0),
              tuple(tenDays + 2000, "r2", 30.0),
              tuple(tenDays + 3000, "r3", 40.0),
              tuple(tenDays + 4000, "r4", 50.0));
      assertThat(rows)
          .allSatisfy(r -> assertThat(r.periodEndMillis() - r.periodStartMillis()).isEqualTo(1000));
    }

    @Test
    void aGridOfMoreThanIntegerMaxValueBucketsIsRefused() {
      QueryEngine engine = Fixtures.engine(64, cpu(1, "2100-01-01T00:00:00"));
      StatisticsQuery query =
          cpuQuery().start(bound("ge", "1970-01-01T00:00:00")).periodSeconds(1).build();

      // 2100-01-01 is 4,102,444,800 s after the epoch: that many one-second buckets.
      assertThatExceptionOfType(InvalidQueryException.class)
          .isThrownBy(() -> engine.statistics(query))
          .withMessage(
              "period of 1 seconds cuts the range into more than 2147483647 buckets;"
                  + " use a longer period or a shorter range");
    }

    @EachChunkLayout
    void onePeriodGridServesEveryGroupAndRowsAreOrderedByPeriodThenGroup(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "2014-10-22T00:00:05").resourceId("r2"),
              cpu(2, "2014-10-22T00:00:40").resourceId("r1"),
              cpu(4, "2014-10-22T00:01:04").resourceId("r1"),
              cpu(8, "2014-10-22T00:01:30").resourceId("r2"),
              cpu(16, "2014-10-22T00:03:10").resourceId("r2"));
      StatisticsQuery query =
          cpuQuery().groupBy(GroupBy.of(Dimension.RESOURCE_ID)).periodSeconds(60).build();

      // One grid anchored at the earliest sample of any group, r2's 00:00:05: r1's samples at
      // 00:00:40 and 00:01:04 share [00:00:05, 00:01:05); 00:01:30 is in [00:01:05, 00:02:05);
      // [00:02:05, 00:03:05) is empty; 00:03:10 is in [00:03:05, 00:04:05).
      assertThat(engine.statistics(query))
          .containsExactly(
              row()
                  .groupBy("resource_id", "r1")
                  .values(2, 6, 3, 2, 4)
                  .duration("2014-10-22T00:00:40", "2014-10-22T00:01:04", 24.0)
                  .period(60, "2014-10-22T00:00:05", "2014-10-22T00:01:05")
                  .build(),
              row()
                  .groupBy("resource_id", "r2")
                  .values(1, 1, 1, 1, 1)
                  .duration("2014-10-22T00:00:05", "2014-10-22T00:00:05", 0.0)
                  .period(60, "2014-10-22T00:00:05", "2014-10-22T00:01:05")
                  .build(),
              row()
                  .groupBy("resource_id", "r2")
                  .values(1, 8, 8, 8, 8)
                  .duration("2014-10-22T00:01:30", "2014-10-22T00:01:30", 0.0)
                  .period(60, "2014-10-22T00:01:05", "2014-10-22T00:02:05")
                  .build(),
              row()
                  .groupBy("resource_id", "r2")
                  .values(1, 16, 16, 16, 16)
                  .duration("2014-10-22T00:03:10", "2014-10-22T00:03:10", 0.0)
                  .period(60, "2014-10-22T00:03:05", "2014-10-22T00:04:05")
                  .build());
    }

    @EachChunkLayout
    void cardinalitiesAreCountedPerGroupAndBucket(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "2014-10-22T00:10:00").resourceId("r1").userId("u1"),
              cpu(1, "2014-10-22T00:20:00").resourceId("r2").userId("u1"),
              cpu(1, "2014-10-22T00:30:00").resourceId("r2").userId("u2"),
              cpu(1, "2014-10-22T00:40:00").resourceId("r3").projectId("p2").userId("u3"),
              cpu(1, "2014-10-22T01:10:00").resourceId("r1").userId("u1"));
      StatisticsQuery query =
          cpuQuery()
              .start(bound("ge", "2014-10-22T00:00:00"))
              .periodSeconds(3600)
              .groupBy(GroupBy.of(Dimension.PROJECT_ID))
              .aggregations(
                  Aggregation.cardinality(Dimension.RESOURCE_ID),
                  Aggregation.cardinality(Dimension.USER_ID))
              .build();

      // Hour 0, p1: resources r1, r2 and users u1, u2; hour 0, p2: r3, u3; hour 1, p1: r1, u1.
      assertThat(engine.statistics(query))
          .extracting(r -> List.of(r.periodStartMillis(), r.groupBy(), r.cardinalities()))
          .containsExactly(
              List.of(
                  t("2014-10-22T00:00:00"),
                  Map.of("project_id", "p1"),
                  Map.of(Dimension.RESOURCE_ID, 2L, Dimension.USER_ID, 2L)),
              List.of(
                  t("2014-10-22T00:00:00"),
                  Map.of("project_id", "p2"),
                  Map.of(Dimension.RESOURCE_ID, 1L, Dimension.USER_ID, 1L)),
              List.of(
                  t("2014-10-22T01:00:00"),
                  Map.of("project_id", "p1"),
                  Map.of(Dimension.RESOURCE_ID, 1L, Dimension.USER_ID, 1L)));
    }

    @EachChunkLayout
    void cardinalityDoesNotCountSamplesWithoutTheDimension(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "2014-10-22T00:10:00").userId("u1"),
              cpu(1, "2014-10-22T00:20:00").userId(null).projectId(null));
      StatisticsQuery query =
          cpuQuery()
              .aggregations(
                  Aggregation.cardinality(Dimension.USER_ID),
                  Aggregation.cardinality(Dimension.PROJECT_ID))
              .build();

      assertThat(engine.statistics(query).get(0).cardinalities())
          .isEqualTo(Map.of(Dimension.USER_ID, 1L, Dimension.PROJECT_ID, 1L));
    }
  }

  @Nested
  class Bounds {
    /** Volumes 1, 2, 4, 8 (every subset has its own sum) at 10:00:00, :01, :02 and :03. */
    private QueryEngine fourSeconds(int chunkRows) {
      return Fixtures.engine(
          chunkRows,
          cpu(1, "2014-10-22T10:00:00"),
          cpu(2, "2014-10-22T10:00:01"),
          cpu(4, "2014-10-22T10:00:02"),
          cpu(8, "2014-10-22T10:00:03"));
    }

    @ParameterizedTest(name = "{0} {1}, {2} {3}: count {4}, sum {5}")
    @CsvSource({
      "ge, 10:00:01,   lt, 10:00:03,   2, 6,  10:00:01, 10:00:02, 1.0",
      "gt, 10:00:01,   le, 10:00:03,   2, 12, 10:00:02, 10:00:03, 1.0",
      "ge, 10:00:01,   le, 10:00:03,   3, 14, 10:00:01, 10:00:03, 2.0",
      "gt, 10:00:01,   lt, 10:00:03,   1, 4,  10:00:02, 10:00:02, 0.0",
      "ge, 10:00:02,   le, 10:00:02,   1, 4,  10:00:02, 10:00:02, 0.0",
      "ge, 09:59:59.999, le, 10:00:00, 1, 1,  10:00:00, 10:00:00, 0.0",
      "gt, 09:59:59.999, lt, 10:00:00.001, 1, 1, 10:00:00, 10:00:00, 0.0",
      "ge, 10:00:00.001, lt, 10:00:01, 0, 0,  ,         ,         ",
      "gt, 10:00:00,   lt, 10:00:01,   0, 0,  ,         ,         ",
      "ge, 10:00:03,   lt, 10:00:03,   0, 0,  ,         ,         ",
      "gt, 10:00:03,   lt, 10:00:03,   0, 0,  ,         ,         ",
      "gt, 10:00:02,   le, 10:00:02,   0, 0,  ,         ,         ",
      ",   ,           le, 10:00:01,   2, 3,  10:00:00, 10:00:01, 1.0",
      ",   ,           lt, 10:00:01,   1, 1,  10:00:00, 10:00:00, 0.0",
      "gt, 10:00:02,   ,   ,           1, 8,  10:00:03, 10:00:03, 0.0",
      "ge, 10:00:02,   ,   ,           2, 12, 10:00:02, 10:00:03, 1.0"
    })
    void exclusiveAndInclusiveEndsAtExactSampleTimes(
        String startOp,
        String start,
        String endOp,
        String end,
        long count,
        double sum,
        String durationStart,
        String durationEnd,
        Double duration) {
      for (int chunkRows : new int[] {8, 64, 65536}) {
        StatisticsQuery.Builder query = cpuQuery();
        if (startOp != null) {
          query.start(bound(startOp, "2014-10-22T" + start));
        }
        if (endOp != null) {
          query.end(bound(endOp, "2014-10-22T" + end));
        }
        List<Statistics> rows = fourSeconds(chunkRows).statistics(query.build());
        if (count == 0) {
          assertThat(rows).as("chunkRows %d", chunkRows).isEmpty();
        } else {
          assertThat(rows)
              .as("chunkRows %d", chunkRows)
              .extracting(
                  Statistics::count,
                  Statistics::sum,
                  Statistics::durationStartMillis,
                  Statistics::durationEndMillis,
                  Statistics::durationSeconds)
              .containsExactly(
                  tuple(
                      count,
                      sum,
                      t("2014-10-22T" + durationStart),
                      t("2014-10-22T" + durationEnd),
                      duration));
        }
      }
    }
  }

  @Nested
  class SearchOffset {
    @EachChunkLayout
    void theOffsetWidensTheSearchAndDurationsAreClampedToTheBoundsAsGiven(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(16, "2014-10-22T09:54:59.999"),
              cpu(1, "2014-10-22T09:55:00"),
              cpu(2, "2014-10-22T10:02:00"),
              cpu(4, "2014-10-22T10:58:00"),
              cpu(8, "2014-10-22T11:03:00"),
              cpu(32, "2014-10-22T11:05:00"));
      StatisticsQuery.Builder query =
          cpuQuery()
              .start(bound("ge", "2014-10-22T10:00:00"))
              .end(bound("lt", "2014-10-22T11:00:00"));

      // Searched [09:55, 11:05): 1 + 2 + 4 + 8 = 15 (09:54:59.999 and 11:05 stay out); the first
      // and last samples, 09:55 and 11:03, clamp to 10:00 and 11:00: 3600 s.
      assertThat(engine.statistics(query.searchOffsetMillis(300_000).build()))
          .containsExactly(
              row()
                  .values(4, 15, 3.75, 1, 8)
                  .duration("2014-10-22T10:00:00", "2014-10-22T11:00:00", 3600.0)
                  .build());
      // Without the offset: 10:02 and 10:58 only, 3360 s apart.
      assertThat(engine.statistics(query.searchOffsetMillis(0).build()))
          .containsExactly(
              row()
                  .values(2, 6, 3, 2, 4)
                  .duration("2014-10-22T10:02:00", "2014-10-22T10:58:00", 3360.0)
                  .build());
    }

    @EachChunkLayout
    void whenClampingLeavesTheStartAfterTheEndTheRowStaysWithoutDurations(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "2014-10-22T09:56:00"),
              cpu(2, "2014-10-22T09:58:00"),
              cpu(4, "2014-10-22T12:00:00"));
      StatisticsQuery query =
          cpuQuery()
              .start(bound("ge", "2014-10-22T10:00:00"))
              .end(bound("lt", "2014-10-22T11:00:00"))
              .searchOffsetMillis(300_000)
              .build();

      // Searched [09:55, 11:05): 09:56 and 09:58. Clamped: start max(09:56, 10:00) = 10:00, end
      // min(09:58, 11:00) = 09:58, before the start: no durations, and no period start/end.
      assertThat(engine.statistics(query))
          .containsExactly(row().values(2, 3, 1.5, 1, 2).noDuration().build());
    }

    @EachChunkLayout
    void withAPeriodTheGridIsAnchoredAtTheStartBoundMinusTheOffset(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "2014-10-22T09:55:00"),
              cpu(2, "2014-10-22T10:02:00"),
              cpu(4, "2014-10-22T10:58:00"),
              cpu(8, "2014-10-22T11:03:00"));
      StatisticsQuery query =
          cpuQuery()
              .start(bound("ge", "2014-10-22T10:00:00"))
              .end(bound("lt", "2014-10-22T11:00:00"))
              .searchOffsetMillis(300_000)
              .periodSeconds(3600)
              .build();

      // Anchor 10:00 - 5 min = 09:55: [09:55, 10:55) holds 09:55 and 10:02, clamped to
      // 10:00..10:02 = 120 s; [10:55, 11:55) holds 10:58 and 11:03, clamped to 10:58..11:00.
      assertThat(engine.statistics(query))
          .containsExactly(
              row()
                  .values(2, 3, 1.5, 1, 2)
                  .duration("2014-10-22T10:00:00", "2014-10-22T10:02:00", 120.0)
                  .period(3600, "2014-10-22T09:55:00", "2014-10-22T10:55:00")
                  .build(),
              row()
                  .values(2, 12, 6, 4, 8)
                  .duration("2014-10-22T10:58:00", "2014-10-22T11:00:00", 120.0)
                  .period(3600, "2014-10-22T10:55:00", "2014-10-22T11:55:00")
                  .build());
    }

    @EachChunkLayout
    void aBucketWhollyOutsideTheBoundsKeepsItsRowWithoutDurations(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(chunkRows, cpu(1, "2014-10-22T09:56:00"), cpu(2, "2014-10-22T10:30:00"));
      StatisticsQuery query =
          cpuQuery()
              .start(bound("ge", "2014-10-22T10:00:00"))
              .end(bound("lt", "2014-10-22T11:00:00"))
              .searchOffsetMillis(300_000)
              .periodSeconds(60)
              .build();

      // Anchor 09:55; 09:56 is in [09:56, 09:57), clamped to 10:00..09:56: no durations.
      assertThat(engine.statistics(query))
          .containsExactly(
              row()
                  .values(1, 1, 1, 1, 1)
                  .noDuration()
                  .period(60, "2014-10-22T09:56:00", "2014-10-22T09:57:00")
                  .build(),
              row()
                  .values(1, 2, 2, 2, 2)
                  .duration("2014-10-22T10:30:00", "2014-10-22T10:30:00", 0.0)
                  .period(60, "2014-10-22T10:30:00", "2014-10-22T10:31:00")
                  .build());
    }

    @EachChunkLayout
    void anExclusiveStartClampsDurationsToItsValueAsGiven(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(chunkRows, cpu(1, "2014-10-22T09:58:00"), cpu(2, "2014-10-22T10:30:00"));
      StatisticsQuery query =
          cpuQuery()
              .start(bound("gt", "2014-10-22T10:00:00"))
              .end(bound("le", "2014-10-22T11:00:00"))
              .searchOffsetMillis(300_000)
              .build();

      // 09:58 clamps to 10:00 (the gt value), not 10:00:00.001: 1800 s, not 1799.999 s.
      assertThat(engine.statistics(query))
          .containsExactly(
              row()
                  .values(2, 3, 1.5, 1, 2)
                  .duration("2014-10-22T10:00:00", "2014-10-22T10:30:00", 1800.0)
                  .build());
    }

    @EachChunkLayout
    void anOffsetReachingBeforeTheEpochAnchorsTheGridThere(int chunkRows) {
      QueryEngine engine = Fixtures.engine(chunkRows, cpu(1, "1970-01-01T00:00:00"));
      StatisticsQuery query =
          cpuQuery()
              .start(bound("ge", "1970-01-01T00:00:10"))
              .searchOffsetMillis(60_000)
              .periodSeconds(60)
              .build();

      // Anchor 10 s - 60 s = -50 s; the sample at 0 is in [-50 s, 10 s) and clamps to 10 s..0.
      assertThat(engine.statistics(query))
          .containsExactly(
              row()
                  .values(1, 1, 1, 1, 1)
                  .noDuration()
                  .period(60, "1969-12-31T23:59:10", "1970-01-01T00:00:10")
                  .build());
    }

    @EachChunkLayout
    void anOffsetWidensEvenTheEmptyIntervalBetweenEqualExclusiveBounds(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              cpu(1, "2014-10-22T09:55:00"),
              cpu(2, "2014-10-22T09:55:00.001"),
              cpu(4, "2014-10-22T10:00:00"),
              cpu(8, "2014-10-22T10:05:00"));
      StatisticsQuery.Builder query =
          cpuQuery()
              .start(bound("gt", "2014-10-22T10:00:00"))
              .end(bound("lt", "2014-10-22T10:00:00"));

      assertThat(engine.statistics(query.build())).isEmpty();
      // (10:00, 10:00) widened by 5 min is [09:55:00.001, 10:05): 2 + 4; clamped to 10:00..10:00.
      assertThat(engine.statistics(query.searchOffsetMillis(300_000).build()))
          .containsExactly(
              row()
                  .values(2, 6, 3, 2, 4)
                  .duration("2014-10-22T10:00:00", "2014-10-22T10:00:00", 0.0)
                  .build());
    }
  }

  @Nested
  class EmptyResults {
    private QueryEngine twoSamples(int chunkRows) {
      return Fixtures.engine(
          chunkRows,
          cpu(1, "2014-10-22T00:00:00").metadata(Map.of("flavor", "m1.small")),
          cpu(2, "2014-10-22T00:01:00").resourceId("r2").projectId(null));
    }

    @EachChunkLayout
    void anUnknownMeterHasNoRows(int chunkRows) {
      assertThat(twoSamples(chunkRows).statistics(StatisticsQuery.builder("unknown").build()))
          .isEmpty();
      assertThat(
              twoSamples(chunkRows)
                  .statistics(StatisticsQuery.builder("unknown").periodSeconds(60).build()))
          .isEmpty();
    }

    @EachChunkLayout
    void anEmptyStoreHasNoRows(int chunkRows) {
      assertThat(
              Fixtures.engine(chunkRows)
                  .statistics(cpuQuery().groupBy(GroupBy.of(Dimension.USER_ID)).build()))
          .isEmpty();
    }

    @EachChunkLayout
    void aFilterValueUnknownToTheStoreMatchesNothing(int chunkRows) {
      StatisticsQuery query =
          cpuQuery().filter(Filter.builder().equal(Dimension.RESOURCE_ID, "nope").build()).build();

      assertThat(twoSamples(chunkRows).statistics(query)).isEmpty();
    }

    @EachChunkLayout
    void anUnknownValueBesideAKnownOneIsJustNoMatch(int chunkRows) {
      StatisticsQuery query =
          cpuQuery()
              .filter(Filter.builder().in(Dimension.RESOURCE_ID, List.of("nope", "r2")).build())
              .build();

      assertThat(twoSamples(chunkRows).statistics(query))
          .containsExactly(
              row()
                  .values(1, 2, 2, 2, 2)
                  .duration("2014-10-22T00:01:00", "2014-10-22T00:01:00", 0.0)
                  .build());
    }

    @EachChunkLayout
    void anEmptyRangeHasNoRows(int chunkRows) {
      StatisticsQuery query =
          cpuQuery()
              .start(bound("ge", "2014-10-22T00:00:00"))
              .end(bound("lt", "2014-10-22T00:00:00"))
              .periodSeconds(60)
              .build();

      assertThat(twoSamples(chunkRows).statistics(query)).isEmpty();
    }

    @EachChunkLayout
    void aRangeWithoutSamplesHasNoRows(int chunkRows) {
      StatisticsQuery query =
          cpuQuery().start(bound("ge", "2014-10-22T00:01:00.001")).periodSeconds(60).build();

      assertThat(twoSamples(chunkRows).statistics(query)).isEmpty();
    }

    @EachChunkLayout
    void filtersThatNoSampleSatisfiesHaveNoRows(int chunkRows) {
      Filter metadata =
          Filter.builder().metadata(MetadataMatch.string("flavor", "m1.tiny")).build();
      Filter both =
          Filter.builder()
              .equal(Dimension.RESOURCE_ID, "r1")
              .equal(Dimension.PROJECT_ID, null)
              .build();

      assertThat(twoSamples(chunkRows).statistics(cpuQuery().filter(metadata).build())).isEmpty();
      assertThat(
              twoSamples(chunkRows).statistics(cpuQuery().filter(both).periodSeconds(60).build()))
          .isEmpty();
    }
  }

  @Nested
  class FiltersAndGroups {
    /**
     * Six samples, one a minute from 10:00 (volumes 1, 2, 4, ... 32): resource, project, user,
     * flavor = r1 p1 u1 m1.small; r2 p1 u2 m1.tiny; r3 p2 u1 m1.small; r4 - u1 m1.small; r5 p1 u1
     * (no flavor); r6 p1 u1 m1.small.
     */
    private QueryEngine six(int chunkRows) {
      return Fixtures.engine(
          chunkRows,
          cpu(1, "2014-10-22T10:00:00").metadata(Map.of("flavor", "m1.small", "size", "0")),
          cpu(2, "2014-10-22T10:01:00")
              .resourceId("r2")
              .userId("u2")
              .metadata(Map.of("flavor", "m1.tiny", "size", "0.0")),
          cpu(4, "2014-10-22T10:02:00")
              .resourceId("r3")
              .projectId("p2")
              .metadata(Map.of("flavor", "m1.small", "size", "1")),
          cpu(8, "2014-10-22T10:03:00")
              .resourceId("r4")
              .projectId(null)
              .metadata(Map.of("flavor", "m1.small", "enabled", "true")),
          cpu(16, "2014-10-22T10:04:00").resourceId("r5").metadata(Map.of("enabled", "True")),
          cpu(32, "2014-10-22T10:05:00")
              .resourceId("r6")
              .metadata(Map.of("flavor", "m1.small", "size", "abc")));
    }

    private long sum(QueryEngine engine, Filter filter) {
      List<Statistics> rows = engine.statistics(cpuQuery().filter(filter).build());
      return rows.isEmpty() ? 0 : (long) rows.get(0).sum();
    }

    @EachChunkLayout
    void valuesOfOneFieldAreAlternativesAndFieldsMustAllMatch(int chunkRows) {
      QueryEngine engine = six(chunkRows);

      // r1 or r3: 1 + 4; r1 or r3, and p2: 4; project p1 or none, and user u1: 1 + 8 + 16 + 32.
      assertThat(
              sum(engine, Filter.builder().in(Dimension.RESOURCE_ID, List.of("r1", "r3")).build()))
          .isEqualTo(5);
      assertThat(
              sum(
                  engine,
                  Filter.builder()
                      .in(Dimension.RESOURCE_ID, List.of("r1", "r3"))
                      .equal(Dimension.PROJECT_ID, "p2")
                      .build()))
          .isEqualTo(4);
      assertThat(
              sum(
                  engine,
                  Filter.builder()
                      .equal(Dimension.PROJECT_ID, "p1")
                      .equal(Dimension.PROJECT_ID, null)
                      .equal(Dimension.USER_ID, "u1")
                      .build()))
          .isEqualTo(57);
    }

    @EachChunkLayout
    void aNullFilterValueMatchesSamplesWithoutTheField(int chunkRows) {
      assertThat(sum(six(chunkRows), Filter.builder().equal(Dimension.PROJECT_ID, null).build()))
          .isEqualTo(8);
    }

    @ParameterizedTest(name = "{0} {1}: sum {2}")
    @CsvSource({
      // size is "0" (1), "0.0" (2), "1" (4), "abc" (32)
      "size, INTEGER, 0, 3",
      "size, FLOAT, 0.00, 3",
      "size, STRING, 0, 1",
      "size, STRING, abc, 32",
      "size, INTEGER, 1, 4",
      // enabled is "true" (8, a stored JSON boolean, so any case matches) and "True" (16, a string)
      "enabled, BOOLEAN, TRUE, 24",
      "enabled, STRING, TRUE, 8",
      "enabled, STRING, True, 24",
      "flavor, STRING, m1.small, 45",
      "flavor, STRING, M1.SMALL, 0",
      "missing, STRING, m1.small, 0"
    })
    void metadataMatchesAreTyped(String key, ValueType type, String value, long sum) {
      for (int chunkRows : new int[] {8, 65536}) {
        assertThat(
                sum(
                    six(chunkRows),
                    Filter.builder().metadata(new MetadataMatch(key, value, type)).build()))
            .as("chunkRows %d", chunkRows)
            .isEqualTo(sum);
      }
    }

    @EachChunkLayout
    void matchesOfOneKeyAreAlternativesAndKeysMustAllMatch(int chunkRows) {
      QueryEngine engine = six(chunkRows);

      // size 0 (integer: "0", "0.0") or "abc": 1 + 2 + 32; and flavor m1.small: 1 + 32.
      Filter.Builder filter =
          Filter.builder()
              .metadata(new MetadataMatch("size", "0", ValueType.INTEGER))
              .metadata(MetadataMatch.string("size", "abc"));
      assertThat(sum(engine, filter.build())).isEqualTo(35);
      assertThat(sum(engine, filter.metadata(MetadataMatch.string("flavor", "m1.small")).build()))
          .isEqualTo(33);
    }

    @EachChunkLayout
    void groupsOnSeveralFieldsIncludingAMetadataKeyAreKeyedAsRequested(int chunkRows) {
      StatisticsQuery query =
          cpuQuery()
              .start(bound("ge", "2014-10-22T10:00:00"))
              .periodSeconds(3600)
              .groupBy(
                  GroupBy.metadata("flavor", "resource_metadata.flavor"),
                  GroupBy.of(Dimension.PROJECT_ID))
              .build();

      // One bucket, so rows are in group-value order, nulls first: (none, p1) = r5;
      // (m1.small, none) = r4; (m1.small, p1) = r1 + r6; (m1.small, p2) = r3; (m1.tiny, p1) = r2.
      List<Statistics> rows = six(chunkRows).statistics(query);
      assertThat(rows)
          .extracting(Statistics::groupBy, Statistics::sum)
          .containsExactly(
              tuple(groupBy("resource_metadata.flavor", null, "project_id", "p1"), 16.0),
              tuple(groupBy("resource_metadata.flavor", "m1.small", "project_id", null), 8.0),
              tuple(groupBy("resource_metadata.flavor", "m1.small", "project_id", "p1"), 33.0),
              tuple(groupBy("resource_metadata.flavor", "m1.small", "project_id", "p2"), 4.0),
              tuple(groupBy("resource_metadata.flavor", "m1.tiny", "project_id", "p1"), 2.0));
      for (Statistics row : rows) {
        assertThat(row.groupBy().keySet())
            .containsExactly("resource_metadata.flavor", "project_id");
      }
      assertThat(rows.get(2))
          .isEqualTo(
              row()
                  .groupBy("resource_metadata.flavor", "m1.small", "project_id", "p1")
                  .values(2, 33, 16.5, 1, 32)
                  .duration("2014-10-22T10:00:00", "2014-10-22T10:05:00", 300.0)
                  .period(3600, "2014-10-22T10:00:00", "2014-10-22T11:00:00")
                  .build());
    }

    @EachChunkLayout
    void withoutAPeriodGroupsAreOrderedByTheirFirstSample(int chunkRows) {
      StatisticsQuery query =
          cpuQuery()
              .groupBy(
                  GroupBy.of(Dimension.USER_ID),
                  GroupBy.metadata("flavor", "metadata.flavor"),
                  GroupBy.of(Dimension.PROJECT_ID))
              .build();

      // The period start of a row without a period is its first sample: (u1, m1.small, p1) at
      // 10:00, (u2, m1.tiny, p1) at 10:01, (u1, m1.small, p2) 10:02, (u1, m1.small, -) 10:03,
      // (u1, -, p1) 10:04.
      assertThat(six(chunkRows).statistics(query))
          .extracting(Statistics::groupBy, Statistics::sum)
          .containsExactly(
              tuple(
                  groupBy("user_id", "u1", "metadata.flavor", "m1.small", "project_id", "p1"),
                  33.0),
              tuple(
                  groupBy("user_id", "u2", "metadata.flavor", "m1.tiny", "project_id", "p1"), 2.0),
              tuple(
                  groupBy("user_id", "u1", "metadata.flavor", "m1.small", "project_id", "p2"), 4.0),
              tuple(
                  groupBy("user_id", "u1", "metadata.flavor", "m1.small", "project_id", null), 8.0),
              tuple(groupBy("user_id", "u1", "metadata.flavor", null, "project_id", "p1"), 16.0));
    }

    @EachChunkLayout
    void theSameFieldRequestedTwiceGroupsOnce(int chunkRows) {
      StatisticsQuery query =
          cpuQuery().groupBy(GroupBy.of(Dimension.USER_ID), GroupBy.of(Dimension.USER_ID)).build();

      assertThat(six(chunkRows).statistics(query))
          .extracting(Statistics::groupBy, Statistics::sum)
          .containsExactly(
              tuple(groupBy("user_id", "u1"), 61.0), tuple(groupBy("user_id", "u2"), 2.0));
    }

    @EachChunkLayout
    void onlyTheQueriedMeterIsAggregatedWithItsUnit(int chunkRows) {
      QueryEngine engine =
          Fixtures.engine(
              chunkRows,
              List.of(
                  cpu(1, "2014-10-22T10:00:00").build(),
                  Sample.builder("network.incoming.bytes", MeterType.CUMULATIVE, "B")
                      .volume(1000)
                      .timestampMillis(t("2014-10-22T10:00:00"))
                      .resourceId("r1")
                      .build()));

      assertThat(engine.statistics(StatisticsQuery.builder("network.incoming.bytes").build()))
          .containsExactly(
              row()
                  .unit("B")
                  .values(1, 1000, 1000, 1000, 1000)
                  .duration("2014-10-22T10:00:00", "2014-10-22T10:00:00", 0.0)
                  .build());
    }
  }

  /** A group-by map from label, value pairs; values may be null. */
  static Map<String, String> groupBy(String... labelValuePairs) {
    return row().groupBy(labelValuePairs).build().groupBy();
  }

  private static Statistics withoutStddev(Statistics s) {
    return new Statistics(
        s.groupBy(),
        s.count(),
        s.sum(),
        s.avg(),
        s.min(),
        s.max(),
        s.stddev() == null ? null : 0.0,
        s.cardinalities(),
        s.increase(),
        s.integral(),
        s.twa(),
        s.percentiles(),
        s.unit(),
        s.durationStartMillis(),
        s.durationEndMillis(),
        s.durationSeconds(),
        s.periodSeconds(),
        s.periodStartMillis(),
        s.periodEndMillis());
  }
}
