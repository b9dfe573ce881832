package io.meterkit.jmh.state;

import io.meterkit.jmh.peer.NaiveStore;
import io.meterkit.jmh.peer.ResultRow;
import io.meterkit.query.Statistics;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The small fixture the tests share, and conversions of every answer to {@link ResultRow}s. */
public final class TestData {
  /** Samples in the fixture: 20 polling intervals of the 1,000 resources. */
  public static final int SIZE = 20_000;

  private static DataState small;

  private TestData() {}

  /**
   * Returns the fixture, generated once.
   *
   * @return the data
   */
  public static synchronized DataState small() {
    if (small == null) {
      small = DataState.of(SIZE);
      small.list();
    }
    return small;
  }

  /**
   * Converts meterkit rows.
   *
   * @param rows the engine's answer
   * @param w the workload
   * @return the rows
   */
  public static List<ResultRow> rows(List<Statistics> rows, Workload w) {
    return rows.stream().map(s -> ResultRow.of(s, w)).toList();
  }

  /**
   * Converts a naive Q1 answer.
   *
   * @param summary the summary
   * @return one row
   */
  public static List<ResultRow> rows(DoubleSummaryStatistics summary) {
    return List.of(ResultRow.of(null, 0, summary));
  }

  /**
   * Converts a naive Q2 answer.
   *
   * @param byGroup group value to summary, sorted
   * @return the rows, in group order
   */
  public static List<ResultRow> rows(Map<String, DoubleSummaryStatistics> byGroup) {
    return rows(0, byGroup);
  }

  private static List<ResultRow> rows(long bucket, Map<String, DoubleSummaryStatistics> byGroup) {
    List<ResultRow> rows = new ArrayList<>();
    byGroup.forEach((group, summary) -> rows.add(ResultRow.of(group, bucket, summary)));
    return rows;
  }

  /**
   * Converts a naive Q3 answer.
   *
   * @param byBucket bucket to group value to summary, both sorted
   * @return the rows, by bucket then group
   */
  public static List<ResultRow> rows(
      TreeMap<Long, TreeMap<String, DoubleSummaryStatistics>> byBucket) {
    List<ResultRow> rows = new ArrayList<>();
    byBucket.forEach((bucket, byGroup) -> rows.addAll(rows(bucket, byGroup)));
    return rows;
  }

  /**
   * Returns the naive answers, the reference every other implementation is checked against.
   *
   * @param data the data
   * @return the loaded naive store
   */
  public static NaiveStore naive(DataState data) {
    NaiveStore store = new NaiveStore();
    store.addAll(data.samples());
    return store;
  }
}
