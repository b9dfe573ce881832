package io.meterkit.jmh.state;

import io.meterkit.query.AggregateFunction;
import io.meterkit.query.Aggregation;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.GroupBy;
import io.meterkit.query.StatisticsQuery;
import io.meterkit.query.TimeBound;

/**
 * Q1–Q4 of a {@link Workload} as meterkit {@link StatisticsQuery}s.
 *
 * <p>Immutable and thread-safe.
 *
 * @param q1 the five standard aggregates over {@code [q1From, q1To)}
 * @param q2 Q1 grouped by {@code project_id}
 * @param q3 grouped by {@code resource_id}, 3600 s period, over the day
 * @param q4 max volume of one resource over the day
 */
public record MeterkitQueries(
    StatisticsQuery q1, StatisticsQuery q2, StatisticsQuery q3, StatisticsQuery q4) {

  /**
   * Builds the queries of a workload.
   *
   * @param w the workload
   * @return the queries
   */
  public static MeterkitQueries of(Workload w) {
    String meter = SampleGenerator.METER;
    TimeBound q1From = TimeBound.inclusive(w.q1FromMillis());
    TimeBound q1To = TimeBound.exclusive(w.q1ToMillis());
    TimeBound dayFrom = TimeBound.inclusive(w.dayFromMillis());
    TimeBound dayTo = TimeBound.exclusive(w.dayToMillis());
    return new MeterkitQueries(
        StatisticsQuery.builder(meter).start(q1From).end(q1To).build(),
        StatisticsQuery.builder(meter)
            .start(q1From)
            .end(q1To)
            .groupBy(GroupBy.of(Dimension.PROJECT_ID))
            .build(),
        StatisticsQuery.builder(meter)
            .start(dayFrom)
            .end(dayTo)
            .groupBy(GroupBy.of(Dimension.RESOURCE_ID))
            .periodSeconds(w.q3PeriodMillis() / 1000)
            .build(),
        StatisticsQuery.builder(meter)
            .start(dayFrom)
            .end(dayTo)
            .filter(Filter.builder().equal(Dimension.RESOURCE_ID, w.q4ResourceId()).build())
            .aggregations(Aggregation.of(AggregateFunction.MAX))
            .build());
  }
}
