package io.meterkit.jmh.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.jmh.state.BillingQueries;
import io.meterkit.jmh.state.BillingState;
import io.meterkit.jmh.state.DataState;
import io.meterkit.jmh.state.Fleet;
import io.meterkit.jmh.state.NaiveBillingState;
import io.meterkit.jmh.state.TestData;
import io.meterkit.query.StatisticsResult;
import io.meterkit.store.StoreConfig;
import java.util.TreeMap;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every billing benchmark answers, on the small fixture (1,000 resources polled 20 times, 100
 * minutes), what the naive baseline answers: the same rows, values within {@code 1e-9} relative.
 * meterkit runs on default chunks and on small sealed ones.
 */
class BillingBenchmarksTest {
  private static final long HOUR = 3_600_000;

  private static DataState data;
  private static NaiveBillingBenchmark naive;
  private static NaiveBillingState lists;

  @BeforeAll
  static void load() {
    data = TestData.small();
    lists = new NaiveBillingState();
    lists.load(data);
    naive = new NaiveBillingBenchmark();
  }

  private static BillingState meterkit(int chunkRows) {
    BillingState state = new BillingState();
    state.load(data, StoreConfig.builder().chunkRows(chunkRows).build());
    return state;
  }

  @ParameterizedTest(name = "chunkRows={0}")
  @ValueSource(ints = {1024, StoreConfig.DEFAULT_CHUNK_ROWS})
  void increasePerProjectAndHourEqualsTheNaiveWalk(int chunkRows) {
    StatisticsResult rows = new MeterkitBillingBenchmark().increase(meterkit(chunkRows));

    // The 100 minutes of data cover hours 0 and 1 of the day; every project has counters.
    assertThat(rows).hasSize(2 * Fleet.PROJECTS);
    assertSameHourly(rows, naive.increase(lists), StatisticsResult::increase);
  }

  @ParameterizedTest(name = "chunkRows={0}")
  @ValueSource(ints = {1024, StoreConfig.DEFAULT_CHUNK_ROWS})
  void integralAndTwaPerProjectAndHourEqualTheNaiveWalk(int chunkRows) {
    BillingState state = meterkit(chunkRows);
    MeterkitBillingBenchmark benchmark = new MeterkitBillingBenchmark();

    // The last levels hold to the end of the day ("now" is later): 24 hours of every project.
    StatisticsResult integrals = benchmark.integral(state);
    assertThat(integrals).hasSize(24 * Fleet.PROJECTS);
    assertSameHourly(integrals, naive.integral(lists), StatisticsResult::integral);
    assertSameHourly(benchmark.twa(state), naive.twa(lists), StatisticsResult::twa);
  }

  @ParameterizedTest(name = "chunkRows={0}")
  @ValueSource(ints = {1024, StoreConfig.DEFAULT_CHUNK_ROWS})
  void percentilePerResourceEqualsTheNaiveSort(int chunkRows) {
    StatisticsResult rows = new MeterkitBillingBenchmark().percentile(meterkit(chunkRows));
    TreeMap<String, Double> expected = naive.percentile(lists);

    assertThat(rows).hasSize(Fleet.RESOURCES);
    for (int row = 0; row < rows.size(); row++) {
      String resource = rows.groupBy(row).get("resource_id");
      assertThat(rows.percentile(row, BillingQueries.P95))
          .as(resource)
          .isEqualTo(expected.get(resource));
    }
  }

  private static void assertSameHourly(
      StatisticsResult rows,
      TreeMap<Long, TreeMap<String, Double>> expected,
      ToDoubleBiFunction<StatisticsResult, Integer> value) {
    assertThat(rows).hasSize(expected.values().stream().mapToInt(TreeMap::size).sum());
    for (int row = 0; row < rows.size(); row++) {
      long hour = (rows.periodStartMillis(row) - data.workload.dayFromMillis()) / HOUR;
      String project = rows.groupBy(row).get("project_id");
      double wanted = expected.get(hour).get(project);
      assertThat(value.applyAsDouble(rows, row))
          .as("hour %d, project %s", hour, project)
          .isCloseTo(wanted, within(1e-9 * Math.abs(wanted) + 1e-9));
    }
  }
}
