package io.meterkit.jmh.peer;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import io.meterkit.core.Sample;
import io.meterkit.jmh.peer.NaiveStore.Row;
import io.meterkit.jmh.state.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The naive baseline of the billing aggregates: lists of records, grouped by series with streams,
 * each series sorted by time and walked, shares split hour by hour. It is the code one writes first
 * for reset-aware increase, step-held gauge integrals, time-weighted averages and exact
 * percentiles; the benchmarks show what meterkit's block scans and primitive accumulators buy.
 *
 * <p>Answers are keyed by hour of the day (0..23, from {@link Workload#dayFromMillis()}) and group
 * value. Not thread-safe while loading; read-only afterwards.
 */
public final class NaiveBilling {
  private static final long HOUR = 3_600_000;

  private final List<Row> gauges = new ArrayList<>();
  private final List<Row> counters = new ArrayList<>();

  /**
   * Adds the gauge samples and their counters.
   *
   * @param gaugeSamples {@code cpu_util} samples
   * @param counterSamples the counter samples
   */
  public void addAll(Iterable<Sample> gaugeSamples, Iterable<Sample> counterSamples) {
    gaugeSamples.forEach(s -> gauges.add(row(s)));
    counterSamples.forEach(s -> counters.add(row(s)));
  }

  private static Row row(Sample s) {
    return new Row(
        s.timestampMillis(), s.volume(), s.resourceId(), s.projectId(), s.userId(), s.source());
  }

  /**
   * Returns the reset-aware increase of the counter per hour and project over the day.
   *
   * @param w the workload
   * @return hour to project to increase
   */
  public TreeMap<Long, TreeMap<String, Double>> increase(Workload w) {
    TreeMap<Long, TreeMap<String, Double>> result = new TreeMap<>();
    for (List<Row> series : bySeries(counters).values()) {
      List<Row> points = new ArrayList<>();
      Row after = null;
      for (Row r : series) {
        if (r.timestampMillis() < w.dayFromMillis()) {
          points.clear(); // keep only the last sample before the day
          points.add(r);
        } else if (r.timestampMillis() < w.dayToMillis()) {
          points.add(r);
        } else if (after == null) {
          after = r;
        }
      }
      if (after != null) {
        points.add(after);
      }
      for (int i = 1; i < points.size(); i++) {
        Row r0 = points.get(i - 1);
        Row r1 = points.get(i);
        double delta = r1.volume() < r0.volume() ? r1.volume() : r1.volume() - r0.volume();
        long from = Math.max(r0.timestampMillis(), w.dayFromMillis());
        long to = Math.min(r1.timestampMillis(), w.dayToMillis());
        double perMilli = delta / (r1.timestampMillis() - r0.timestampMillis());
        spread(result, r1.projectId(), from, to, perMilli, w);
      }
    }
    return result;
  }

  /**
   * Returns the gauge integral (unit-seconds) per hour and project over the day.
   *
   * @param w the workload
   * @return hour to project to integral
   */
  public TreeMap<Long, TreeMap<String, Double>> integral(Workload w) {
    TreeMap<Long, TreeMap<String, Double>> result = new TreeMap<>();
    for (List<Row> series : bySeries(gauges).values()) {
      for (long[] level : levels(series, w)) {
        Row r = series.get((int) level[2]);
        spread(result, r.projectId(), level[0], level[1], r.volume() / 1000.0, w);
      }
    }
    return result;
  }

  /**
   * Returns the time-weighted average level per hour and project over the day: the integral divided
   * by the time in which some series of the project had a level.
   *
   * @param w the workload
   * @return hour to project to average
   */
  public TreeMap<Long, TreeMap<String, Double>> twa(Workload w) {
    TreeMap<Long, TreeMap<String, Double>> integrals = integral(w);
    TreeMap<Long, TreeMap<String, Double>> covered = new TreeMap<>();
    Map<String, List<List<Row>>> byProject =
        bySeries(gauges).values().stream().collect(groupingBy(s -> s.get(0).projectId()));
    byProject.forEach(
        (project, seriesList) -> {
          List<long[]> intervals = new ArrayList<>();
          seriesList.forEach(series -> intervals.addAll(levels(series, w)));
          intervals.sort(Comparator.comparingLong(i -> i[0]));
          long start = Long.MIN_VALUE;
          long end = Long.MIN_VALUE;
          for (long[] interval : intervals) {
            if (interval[0] > end) {
              spread(covered, project, start, end, 1.0, w);
              start = interval[0];
            }
            end = Math.max(end, interval[1]);
          }
          spread(covered, project, start, end, 1.0, w);
        });
    TreeMap<Long, TreeMap<String, Double>> result = new TreeMap<>();
    integrals.forEach(
        (hour, byGroup) ->
            byGroup.forEach(
                (project, integral) ->
                    result
                        .computeIfAbsent(hour, h -> new TreeMap<>())
                        .put(project, integral * 1000 / covered.get(hour).get(project))));
    return result;
  }

  /**
   * Returns the nearest-rank percentile P of the gauge per resource over the day.
   *
   * @param w the workload
   * @param p the percentile, in (0, 100]
   * @return resource to percentile
   */
  public TreeMap<String, Double> percentile(Workload w, double p) {
    Map<String, List<Double>> byResource =
        gauges.stream()
            .filter(
                r ->
                    r.timestampMillis() >= w.dayFromMillis()
                        && r.timestampMillis() < w.dayToMillis())
            .collect(groupingBy(Row::resourceId, TreeMap::new, mapping(Row::volume, toList())));
    TreeMap<String, Double> result = new TreeMap<>();
    byResource.forEach(
        (resource, volumes) -> {
          List<Double> sorted = volumes.stream().sorted().toList();
          int rank = (int) Math.ceil(p * sorted.size() / 100);
          result.put(resource, sorted.get(rank - 1));
        });
    return result;
  }

  // Each series (one per resource: its owner is fixed), sorted by time; of equal times the last
  // arrival is kept.
  private static Map<String, List<Row>> bySeries(List<Row> rows) {
    Map<String, List<Row>> series = rows.stream().collect(groupingBy(Row::resourceId));
    series.replaceAll(
        (resource, list) -> {
          List<Row> sorted = new ArrayList<>(list);
          sorted.sort(Comparator.comparingLong(Row::timestampMillis));
          List<Row> kept = new ArrayList<>();
          for (int i = 0; i < sorted.size(); i++) {
            if (i + 1 == sorted.size()
                || sorted.get(i + 1).timestampMillis() != sorted.get(i).timestampMillis()) {
              kept.add(sorted.get(i));
            }
          }
          return kept;
        });
    return series;
  }

  // The levels of a sorted series inside the day: {from, to, index of the sample}.
  private static List<long[]> levels(List<Row> series, Workload w) {
    List<long[]> levels = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      long next = i + 1 < series.size() ? series.get(i + 1).timestampMillis() : Long.MAX_VALUE;
      long from = Math.max(series.get(i).timestampMillis(), w.dayFromMillis());
      long to = Math.min(next, w.dayToMillis());
      if (from < to) {
        levels.add(new long[] {from, to, i});
      }
    }
    return levels;
  }

  // Adds perMilli times the overlap of [from, to) with each hour of the day to that hour's value.
  private static void spread(
      TreeMap<Long, TreeMap<String, Double>> result,
      String group,
      long from,
      long to,
      double perMilli,
      Workload w) {
    if (from >= to) {
      return;
    }
    for (long hour = 0; hour < 24; hour++) {
      long start = w.dayFromMillis() + hour * HOUR;
      long overlap = Math.min(to, start + HOUR) - Math.max(from, start);
      if (overlap > 0) {
        result
            .computeIfAbsent(hour, h -> new TreeMap<>())
            .merge(group, perMilli * overlap, Double::sum);
      }
    }
  }
}
