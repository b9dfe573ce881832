package io.meterkit.jmh.peer;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summarizingDouble;

import io.meterkit.core.Sample;
import io.meterkit.jmh.state.Workload;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The naive baseline: an {@link ArrayList} of sample records queried with Java streams, the code
 * anyone would write first. It shows what meterkit's columns, dictionaries and block summaries buy.
 *
 * <p>Not thread-safe.
 */
public final class NaiveStore {
  /**
   * One stored sample.
   *
   * @param timestampMillis epoch milliseconds UTC
   * @param volume the value
   * @param resourceId the resource
   * @param projectId the project
   * @param userId the user
   * @param source the source
   */
  public record Row(
      long timestampMillis,
      double volume,
      String resourceId,
      String projectId,
      String userId,
      String source) {}

  private final List<Row> rows = new ArrayList<>();

  /**
   * Adds one sample.
   *
   * @param sample the sample
   */
  public void add(Sample sample) {
    rows.add(
        new Row(
            sample.timestampMillis(),
            sample.volume(),
            sample.resourceId(),
            sample.projectId(),
            sample.userId(),
            sample.source()));
  }

  /**
   * Adds samples one by one.
   *
   * @param samples the samples
   */
  public void addAll(Iterable<Sample> samples) {
    for (Sample sample : samples) {
      add(sample);
    }
  }

  /**
   * Returns the number of stored samples.
   *
   * @return the row count
   */
  public int size() {
    return rows.size();
  }

  /**
   * Q1: count, sum, avg, min and max over {@code [q1From, q1To)}.
   *
   * @param w the workload
   * @return the summary
   */
  public DoubleSummaryStatistics q1(Workload w) {
    return rows.stream()
        .filter(r -> r.timestampMillis >= w.q1FromMillis() && r.timestampMillis < w.q1ToMillis())
        .mapToDouble(Row::volume)
        .summaryStatistics();
  }

  /**
   * Q2: Q1 grouped by project.
   *
   * @param w the workload
   * @return project id to summary, sorted by project id
   */
  public TreeMap<String, DoubleSummaryStatistics> q2(Workload w) {
    return rows.stream()
        .filter(r -> r.timestampMillis >= w.q1FromMillis() && r.timestampMillis < w.q1ToMillis())
        .collect(groupingBy(Row::projectId, TreeMap::new, summarizingDouble(Row::volume)));
  }

  /**
   * Q3: per resource and hour of the day.
   *
   * @param w the workload
   * @return bucket number to resource id to summary, both sorted
   */
  public TreeMap<Long, TreeMap<String, DoubleSummaryStatistics>> q3(Workload w) {
    return rows.stream()
        .filter(r -> r.timestampMillis >= w.dayFromMillis() && r.timestampMillis < w.dayToMillis())
        .collect(
            groupingBy(
                r -> Math.floorDiv(r.timestampMillis - w.dayFromMillis(), w.q3PeriodMillis()),
                TreeMap::new,
                groupingBy(Row::resourceId, TreeMap::new, summarizingDouble(Row::volume))));
  }

  /**
   * Q4: the largest volume of one resource over the day.
   *
   * @param w the workload
   * @return the maximum, or empty when the resource has no sample that day
   */
  public OptionalDouble q4(Workload w) {
    return rows.stream()
        .filter(
            r ->
                r.resourceId.equals(w.q4ResourceId())
                    && r.timestampMillis >= w.dayFromMillis()
                    && r.timestampMillis < w.dayToMillis())
        .mapToDouble(Row::volume)
        .max();
  }
}
