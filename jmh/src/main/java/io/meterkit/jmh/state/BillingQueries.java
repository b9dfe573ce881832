package io.meterkit.jmh.state;

import io.meterkit.query.AggregateFunction;
import io.meterkit.query.Aggregation;
import io.meterkit.query.Dimension;
import io.meterkit.query.GroupBy;
import io.meterkit.query.Percentile;
import io.meterkit.query.StatisticsQuery;
import io.meterkit.query.TimeBound;

/**
 * The billing benchmark queries as meterkit {@link StatisticsQuery}s, all over the Q3 day of a
 * {@link Workload}:
 *
 * <ul>
 *   <li>increase: the counter ({@link CounterSamples}) per project and hour (50 x 24 rows);
 *   <li>integral and twa: the {@code cpu_util} gauge per project and hour;
 *   <li>percentile: the 95th percentile of {@code cpu_util} per resource over the day (1,000 rows).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param increase reset-aware counter increase per project and hour
 * @param integral gauge integral per project and hour
 * @param twa time-weighted average per project and hour
 * @param percentile 95th percentile per resource over the day
 */
public record BillingQueries(
    StatisticsQuery increase,
    StatisticsQuery integral,
    StatisticsQuery twa,
    StatisticsQuery percentile) {
  /** The percentile of {@link #percentile()}. */
  public static final Percentile P95 = Percentile.of("95");

  /**
   * Builds the queries of a workload.
   *
   * @param w the workload
   * @return the queries
   */
  public static BillingQueries of(Workload w) {
    return new BillingQueries(
        hourlyPerProject(CounterSamples.METER, w, AggregateFunction.INCREASE),
        hourlyPerProject(SampleGenerator.METER, w, AggregateFunction.INTEGRAL),
        hourlyPerProject(SampleGenerator.METER, w, AggregateFunction.TWA),
        day(SampleGenerator.METER, w)
            .groupBy(GroupBy.of(Dimension.RESOURCE_ID))
            .aggregations(Aggregation.percentile(P95))
            .build());
  }

  private static StatisticsQuery hourlyPerProject(
      String meter, Workload w, AggregateFunction function) {
    return day(meter, w)
        .groupBy(GroupBy.of(Dimension.PROJECT_ID))
        .periodSeconds(w.q3PeriodMillis() / 1000)
        .aggregations(Aggregation.of(function))
        .build();
  }

  private static StatisticsQuery.Builder day(String meter, Workload w) {
    return StatisticsQuery.builder(meter)
        .start(TimeBound.inclusive(w.dayFromMillis()))
        .end(TimeBound.exclusive(w.dayToMillis()));
  }
}
