package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.testing.ManualClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The additivity invariants: over a bounded range, the rows of any grid add up, per group, to the
 * row of the whole range, for count and sum and for increase (counters) and integral (gauges).
 * Grids are random fixed periods and calendar periods in random zones.
 *
 * <p>On {@link RandomData} sets the sums agree within {@code 1e-9} relative plus {@code 1e-9} of
 * the data's scale (times the range's seconds for integrals); on integer-friendly data (even
 * integer volumes, each series sampled every two minutes on whole minutes, grids of whole minutes,
 * "now" on a whole second) every share is an exact binary number, so the sums must be equal
 * exactly.
 */
class AdditivityPropertyTest {
  private static final int QUERIES_PER_DATA_SET = 6;

  static LongStream seeds() {
    return LongStream.range(0, 120).map(i -> 0xADD_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void bucketsAddUpToTheRangeOnRandomData(long seed) {
    RandomData data = new RandomData(seed, false);
    Random random = new Random(new SplittableRandom(seed).nextLong());
    if (data.meterNames.isEmpty()) {
      return;
    }
    for (int i = 0; i < QUERIES_PER_DATA_SET; i++) {
      String meter = data.meterNames.get(random.nextInt(data.meterNames.size()));
      long from =
          data.timestamps.get(random.nextInt(data.timestamps.size())) - random.nextInt(1000);
      long to = from + 1 + (long) (random.nextDouble() * data.spanMillis);
      Period period =
          random.nextBoolean()
              ? Period.ofSeconds(Math.max(1, data.spanMillis / 1000 / (1 + random.nextInt(200))))
              : data.calendarPeriod();
      ZoneId zone = ZoneId.of(RandomData.ZONES[random.nextInt(RandomData.ZONES.length)]);
      String context =
          data.description
              + "; query "
              + i
              + ": "
              + meter
              + " ["
              + from
              + ", "
              + to
              + ") "
              + period
              + " "
              + zone;
      assertAdditive(
          data.engine,
          data.meterTypes.get(meter),
          meter,
          from,
          to,
          period,
          zone,
          random,
          data.magnitude(),
          false,
          context);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void bucketsAddUpExactlyOnIntegerFriendlyData(long seed) {
    Random random = new Random(new SplittableRandom(seed).nextLong());
    long minute = 60_000;
    long epoch = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    ManualClock clock =
        ManualClock.at(
            Instant.ofEpochMilli(
                epoch + (1000 + random.nextInt(5000)) * minute + random.nextInt(60) * 1000L));
    MeterStore store =
        MeterStore.create(
            StoreConfig.builder().chunkRows(8 << random.nextInt(8)).clock(clock).build());
    boolean counter = random.nextBoolean();
    List<Sample> samples = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      // Every interval of a series is two minutes long and every boundary a whole minute, so a
      // share is 0, d / 2 or d: exact for even d. Counters grow by even steps or reset to an even
      // value; gauges jump between even levels.
      long level = 0;
      int first = random.nextInt(2000);
      for (int j = first, n = first + 1 + random.nextInt(500); j < n; j++) {
        level =
            counter && random.nextInt(10) > 0
                ? level + 2 * random.nextInt(50)
                : 2 * random.nextInt(500);
        samples.add(
            Sample.builder(
                    counter ? "bytes" : "memory",
                    counter ? MeterType.CUMULATIVE : MeterType.GAUGE,
                    "B")
                .volume(level)
                .timestampMillis(epoch + 2 * minute * j)
                .resourceId("r" + r)
                .projectId("p" + r % 2)
                .build());
      }
    }
    Collections.shuffle(samples, random);
    store.recordAll(samples);
    QueryEngine engine = new QueryEngine(store);
    for (int i = 0; i < QUERIES_PER_DATA_SET; i++) {
      long from = epoch + minute * random.nextInt(5000);
      long to = from + minute * (1 + random.nextInt(5000));
      Period period =
          random.nextBoolean()
              ? Period.ofSeconds(60L * (1 + random.nextInt(120)))
              : Period.calendar(
                  List.of(
                          Period.CalendarUnit.MINUTE,
                          Period.CalendarUnit.HOUR,
                          Period.CalendarUnit.DAY)
                      .get(random.nextInt(3)),
                  1 + random.nextInt(5));
      ZoneId zone = ZoneId.of(RandomData.ZONES[random.nextInt(RandomData.ZONES.length)]);
      String context =
          "seed " + seed + "; query " + i + ": [" + from + ", " + to + ") " + period + " " + zone;
      assertAdditive(
          engine,
          counter ? MeterType.CUMULATIVE : MeterType.GAUGE,
          counter ? "bytes" : "memory",
          from,
          to,
          period,
          zone,
          random,
          1000,
          true,
          context);
    }
  }

  private static void assertAdditive(
      QueryEngine engine,
      MeterType type,
      String meter,
      long from,
      long to,
      Period period,
      ZoneId zone,
      Random random,
      double scale,
      boolean exact,
      String context) {
    AggregateFunction spread =
        type == MeterType.CUMULATIVE ? AggregateFunction.INCREASE : AggregateFunction.INTEGRAL;
    boolean billed = type != MeterType.DELTA;
    StatisticsQuery.Builder query =
        StatisticsQuery.builder(meter)
            .start(TimeBound.inclusive(from))
            .end(TimeBound.exclusive(to))
            .timeZone(zone)
            .groupBy(
                random.nextBoolean()
                    ? new GroupBy[0]
                    : new GroupBy[] {GroupBy.of(Dimension.PROJECT_ID)})
            .aggregations(
                Aggregation.of(AggregateFunction.COUNT), Aggregation.of(AggregateFunction.SUM));
    if (billed) {
      query.aggregations(Aggregation.of(spread));
    }
    List<Statistics> totals = engine.statistics(query.build());
    List<Statistics> buckets;
    try {
      buckets = engine.statistics(query.period(period).build());
    } catch (InvalidQueryException tooManyBuckets) {
      return; // a calendar grid beyond the cap: nothing to add up
    }
    Map<Map<String, String>, double[]> added = new HashMap<>();
    for (Statistics row : buckets) {
      double[] sums =
          added.computeIfAbsent(
              row.groupBy() == null ? Map.of() : row.groupBy(), k -> new double[3]);
      sums[0] += row.count();
      sums[1] += row.sum();
      sums[2] +=
          billed ? (spread == AggregateFunction.INCREASE ? row.increase() : row.integral()) : 0;
    }
    assertThat(added.keySet()).as(context + " groups").hasSize(totals.size());
    double seconds = (to - from) / 1000.0;
    for (Statistics total : totals) {
      double[] sums = added.get(total.groupBy() == null ? Map.of() : total.groupBy());
      assertThat(sums).as(context + " rows of " + total.groupBy()).isNotNull();
      assertThat((long) sums[0]).as(context + " count").isEqualTo(total.count());
      double totalSpread =
          billed ? (spread == AggregateFunction.INCREASE ? total.increase() : total.integral()) : 0;
      if (exact) {
        assertThat(sums[1]).as(context + " sum").isEqualTo(total.sum());
        assertThat(sums[2]).as(context + " " + spread).isEqualTo(totalSpread);
      } else {
        double magnitude = scale * Math.max(1, total.count());
        assertThat(sums[1])
            .as(context + " sum")
            .isCloseTo(total.sum(), within(1e-9 * (Math.abs(total.sum()) + magnitude)));
        double slack = spread == AggregateFunction.INTEGRAL ? scale * Math.max(1, seconds) : scale;
        assertThat(sums[2])
            .as(context + " " + spread)
            .isCloseTo(totalSpread, within(1e-9 * (Math.abs(totalSpread) + slack)));
      }
    }
  }
}
