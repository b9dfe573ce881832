package io.meterkit.query;

import static io.meterkit.query.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.spi.StoreSnapshot;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes a warmed-up query allocates on its thread, per query shape, against a bound of a fixed
 * allowance plus an allowance per result row. The fixture is 50 resources (5 projects, 10 users)
 * polled every 5 minutes for 2 days, 28,800 samples, in 1,024-row chunks (28 sealed chunks) and in
 * default chunks (all in the head). Statistics allocate the same on 4× the data, so the bounds of
 * statistics do not depend on the amount scanned.
 *
 * <p>Allocation is measured with {@code ThreadMXBean.getCurrentThreadAllocatedBytes} around one
 * call (the query is built before), as the least of 300 runs after 300 warm-up runs; the bounds are
 * today's figures rounded up by 5 to 20 %. The target is allocation close to the result rows alone:
 * these bounds stop regressions, and the performance work tightens them. Today, the same in both
 * layouts: an unknown filter value 1,792 B, a filter matching no series 2,216 B, an empty sample
 * listing 3,840 B; an ungrouped total (1 row) 7,712 B, totals per project (5 rows) 11,552 B, one
 * resource's maximum (1 row) 9,496 B; hourly rows per resource about 20.8 KB + 423 B per row (1,200
 * rows: 528,128 B; 300 rows: 147,616 B). Sample listings of 10 and 100 rows take 200,368 and
 * 491,480 B on sealed chunks, 106,288 and 139,520 B on the head, and grow with the stored samples:
 * they scan chunks oldest first and materialise every matching sample newer than the page's worst.
 *
 * <p>An empty series selection once cost a 512 MiB bitmap ({@code (-1 >>> 6) + 1} words): queries
 * that can match nothing answer without scanning.
 */
class QueryAllocationTest {
  private static final long T0 = t("2014-10-22T00:00:00");
  private static final long DAY = 86_400_000L;
  private static final long KIB = 1024;
  private static final int RESOURCES = 50;
  private static final int DAYS = 2;
  private static final int SAMPLES = RESOURCES * DAYS * 288;
  private static final int SEALED = 1024;

  /**
   * The allowance per {@link Statistics} row: the record, its boxed period and duration bounds and
   * its group-by map (today about 423 B).
   */
  private static final long STATISTICS_ROW = 450;

  /** Runs a test on 1,024-row chunks (28 sealed, one head) and on default chunks (one head). */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "chunkRows={0}")
  @ValueSource(ints = {SEALED, StoreConfig.DEFAULT_CHUNK_ROWS})
  @interface EachLayout {}

  @EachLayout
  void statisticsWithAFilterValueUnknownToTheStoreAllocateOnlyTheirPlan(int chunkRows) {
    Fleet fleet = new Fleet(chunkRows);
    StatisticsQuery query =
        StatisticsQuery.builder(Fixtures.CPU)
            .filter(Filter.builder().equal(Dimension.RESOURCE_ID, "unknown").build())
            .build();

    assertThat(fleet.allocatedBytes(0, () -> fleet.statistics(query))).isLessThan(2 * KIB);
  }

  @EachLayout
  void statisticsWithAFilterThatAcceptsNoSeriesOfTheMeterAllocateOnlyTheirPlan(int chunkRows) {
    Fleet fleet = new Fleet(chunkRows);
    StatisticsQuery query =
        StatisticsQuery.builder(Fixtures.CPU)
            .filter(
                Filter.builder()
                    .equal(Dimension.RESOURCE_ID, "r1")
                    .equal(Dimension.PROJECT_ID, null)
                    .build())
            .build();

    assertThat(fleet.allocatedBytes(0, () -> fleet.statistics(query))).isLessThan(5 * KIB / 2);
  }

  @EachLayout
  void sampleListingsOverMetersWithoutMatchingSeriesAllocateOnlyTheirPlan(int chunkRows) {
    Fleet fleet = new Fleet(chunkRows);
    SampleQuery query =
        SampleQuery.builder()
            .filter(Filter.builder().equal(Dimension.USER_ID, "unknown").build())
            .build();

    assertThat(fleet.allocatedBytes(0, () -> fleet.samples(query))).isLessThan(9 * KIB / 2);
  }

  @EachLayout
  void anUngroupedTotalAllocatesItsPlanAndOneRow(int chunkRows) {
    Fleet fleet = new Fleet(chunkRows);
    StatisticsQuery query =
        StatisticsQuery.builder(Fixtures.CPU)
            .start(TimeBound.inclusive(T0 + DAY / 2))
            .end(TimeBound.exclusive(T0 + DAYS * DAY))
            .build();

    assertThat(fleet.allocatedBytes(1, () -> fleet.statistics(query)))
        .isLessThan(8 * KIB + STATISTICS_ROW);
  }

  @EachLayout
  void aTotalPerProjectAllocatesItsPlanAndOneRowPerProject(int chunkRows) {
    Fleet fleet = new Fleet(chunkRows);
    StatisticsQuery query =
        StatisticsQuery.builder(Fixtures.CPU)
            .start(TimeBound.inclusive(T0 + DAY / 2))
            .end(TimeBound.exclusive(T0 + DAYS * DAY))
            .groupBy(GroupBy.of(Dimension.PROJECT_ID))
            .build();

    assertThat(fleet.allocatedBytes(5, () -> fleet.statistics(query)))
        .isLessThan(21 * KIB / 2 + 5 * STATISTICS_ROW);
  }

  @EachLayout
  void hourlyRowsPerResourceAllocateAFixedPartAndTheRows(int chunkRows) {
    Fleet fleet = new Fleet(chunkRows);
    long from = T0 + DAY;
    for (long hours : new long[] {24, 6}) {
      StatisticsQuery query =
          StatisticsQuery.builder(Fixtures.CPU)
              .start(TimeBound.inclusive(from))
              .end(TimeBound.exclusive(from + hours * 3_600_000))
              .groupBy(GroupBy.of(Dimension.RESOURCE_ID))
              .periodSeconds(3600)
              .build();
      int rows = (int) hours * RESOURCES;

      assertThat(fleet.allocatedBytes(rows, () -> fleet.statistics(query)))
          .as("%d hours", hours)
          .isLessThan(22 * KIB + rows * STATISTICS_ROW);
    }
  }

  @EachLayout
  void theMaximumOfOneResourceOverADayAllocatesItsPlanAndOneRow(int chunkRows) {
    Fleet fleet = new Fleet(chunkRows);
    StatisticsQuery query =
        StatisticsQuery.builder(Fixtures.CPU)
            .start(TimeBound.inclusive(T0 + DAY))
            .end(TimeBound.exclusive(T0 + 2 * DAY))
            .filter(Filter.builder().equal(Dimension.RESOURCE_ID, "r7").build())
            .aggregations(Aggregation.of(AggregateFunction.MAX))
            .build();

    assertThat(fleet.allocatedBytes(1, () -> fleet.statistics(query)))
        .isLessThan(10 * KIB + STATISTICS_ROW);
  }

  @EachLayout
  void sampleListingsAllocateNoMoreThanTodayForAPageOfTenOrAHundred(int chunkRows) {
    Fleet fleet = new Fleet(chunkRows);
    // Today's allocation grows with the stored samples, not the page: see the class comment.
    long[] bounds =
        chunkRows == SEALED ? new long[] {230 * KIB, 540 * KIB} : new long[] {120 * KIB, 155 * KIB};
    int[] limits = {10, 100};
    for (int i = 0; i < limits.length; i++) {
      SampleQuery query =
          SampleQuery.builder()
              .filter(Filter.builder().equal(Dimension.USER_ID, "u3").build())
              .limit(limits[i])
              .build();

      assertThat(fleet.allocatedBytes(limits[i], () -> fleet.samples(query)))
          .as("limit %d", limits[i])
          .isLessThan(bounds[i]);
    }
  }

  /** The fixture: a store, one snapshot of it and an engine. */
  private static final class Fleet {
    private static final int WARM_UP_RUNS = 300;
    private static final int MEASURED_RUNS = 300;

    private final QueryEngine engine;
    private final StoreSnapshot snapshot;

    Fleet(int chunkRows) {
      MeterStore store = MeterStore.create(StoreConfig.builder().chunkRows(chunkRows).build());
      List<Sample> samples = new ArrayList<>(SAMPLES);
      for (long t = T0; t < T0 + DAYS * DAY; t += 300_000) {
        for (int r = 0; r < RESOURCES; r++) {
          samples.add(
              Sample.builder(Fixtures.CPU, MeterType.GAUGE, "%")
                  .volume((r * 7 + t / 300_000) % 100)
                  .timestampMillis(t + r * 1000)
                  .resourceId("r" + r)
                  .projectId("p" + r % 5)
                  .userId("u" + r % 10)
                  .source("openstack")
                  .build());
        }
      }
      store.recordAll(samples);
      engine = new QueryEngine(store);
      snapshot = store.snapshot();
      assertThat(snapshot.sampleCount()).isEqualTo(SAMPLES);
    }

    List<Statistics> statistics(StatisticsQuery query) {
      return engine.statistics(snapshot, query);
    }

    List<?> samples(SampleQuery query) {
      return engine.samples(snapshot, query);
    }

    /**
     * Returns the least number of bytes this thread allocates for one run of {@code query}, after
     * warming it up, and checks that every run returns {@code rows} rows.
     */
    long allocatedBytes(int rows, Supplier<List<?>> query) {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      assertThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
      long least = Long.MAX_VALUE;
      for (int run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
        long before = threads.getCurrentThreadAllocatedBytes();
        List<?> result = query.get();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(result).hasSize(rows);
        if (run >= WARM_UP_RUNS) {
          least = Math.min(least, allocated);
        }
      }
      return least;
    }
  }
}
