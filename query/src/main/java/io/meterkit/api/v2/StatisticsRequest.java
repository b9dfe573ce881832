package io.meterkit.api.v2;

import io.meterkit.api.Access;
import io.meterkit.api.ApiCall;
import io.meterkit.api.Params;
import io.meterkit.api.QueryParameters;
import io.meterkit.api.QueryTerm;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterkitException;
import io.meterkit.query.AggregateFunction;
import io.meterkit.query.Aggregation;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.GroupBy;
import io.meterkit.query.StatisticsQuery;
import io.meterkit.query.TimeBound;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of {@code GET /v2/meters/{meter}/statistics} turned into a {@link
 * StatisticsQuery}: q terms, {@code groupby}, {@code period} (with the window policy) and {@code
 * aggregate.func}/{@code aggregate.param}.
 *
 * <p>Immutable once parsed; thread-safe.
 */
final class StatisticsRequest {
  static final Set<String> PARAMETERS =
      Set.of(
          "q.field",
          "q.op",
          "q.value",
          "q.type",
          "groupby",
          "period",
          "aggregate.func",
          "aggregate.param");
  static final long MIN_PERIOD_SECONDS = 60;
  static final long MAX_PERIOD_SECONDS = 1_209_600;

  /** The query, or empty when the conditions can never hold (the answer is {@code []}). */
  final Optional<StatisticsQuery> query;

  /** The requested aggregates, or empty when {@code aggregate.func} was not given. */
  final List<Aggregation> requested;

  private StatisticsRequest(Optional<StatisticsQuery> query, List<Aggregation> requested) {
    this.query = query;
    this.requested = requested;
  }

  static StatisticsRequest parse(ApiCall call, WindowPolicy policy, long nowMillis) {
    QueryParameters params = call.query();
    Params.allowOnly(params, PARAMETERS);
    TermSelection terms = TermSelection.of(QueryTerm.parse(params), TermSelection.ONE_METER);
    checkOrder(terms.start, terms.end);
    long period = period(params);
    List<GroupBy> groupBy = groupBy(params.all("groupby"));
    List<Aggregation> aggregations =
        aggregations(params.all("aggregate.func"), params.all("aggregate.param"));
    WindowPolicy.Bounds bounds = policy.apply(terms.start, terms.end, period, nowMillis);
    Optional<Filter> filter = Access.restrict(call.principal(), terms.conditions).toFilter();
    if (filter.isEmpty()) {
      return new StatisticsRequest(Optional.empty(), aggregations);
    }
    StatisticsQuery query =
        StatisticsQuery.builder(call.path("meter"))
            .start(bounds.start())
            .end(bounds.end())
            .searchOffsetMillis(terms.searchOffsetMillis)
            .filter(filter.get())
            .groupBy(groupBy.toArray(new GroupBy[0]))
            .periodSeconds(period)
            .aggregations(aggregations.toArray(new Aggregation[0]))
            .build();
    return new StatisticsRequest(Optional.of(query), aggregations);
  }

  /**
   * Refuses timestamp terms whose start lies after their end in the terms' own words (the engine
   * would refuse them too, speaking of its start and end bounds).
   */
  private static void checkOrder(TimeBound start, TimeBound end) {
    if (start == null || end == null) {
      return;
    }
    long from =
        start.inclusive() || start.millis() == Long.MAX_VALUE ? start.millis() : start.millis() + 1;
    long to = end.inclusive() && end.millis() != Long.MAX_VALUE ? end.millis() + 1 : end.millis();
    if (from > to) {
      throw new InvalidQueryException(
          "q.value of timestamp: the start ("
              + (start.inclusive() ? "ge " : "gt ")
              + IsoTime.format(start.millis())
              + ") must not be after the end ("
              + (end.inclusive() ? "le " : "lt ")
              + IsoTime.format(end.millis())
              + ")");
    }
  }

  private static long period(QueryParameters params) {
    long period = Params.integer(params, "period", MIN_PERIOD_SECONDS, MAX_PERIOD_SECONDS, 0);
    if (period % 60 != 0) {
      throw new InvalidQueryException("period must be a multiple of 60, got " + period);
    }
    return period;
  }

  private static List<GroupBy> groupBy(List<String> fields) {
    Set<GroupBy> groupBy = new LinkedHashSet<>();
    for (String field : fields) {
      switch (field) {
        case "resource_id":
        case "project_id":
        case "user_id":
        case "source":
          groupBy.add(GroupBy.of(Dimension.parse(field)));
          break;
        default:
          if (field.startsWith("resource_metadata.")
              && field.length() > "resource_metadata.".length()) {
            groupBy.add(GroupBy.metadata(field.substring("resource_metadata.".length()), field));
          } else {
            throw new InvalidQueryException(
                "groupby must be one of resource_id, project_id, user_id, source,"
                    + " resource_metadata.KEY, got: "
                    + MeterkitException.describe(field));
          }
      }
    }
    return new ArrayList<>(groupBy);
  }

  /** Pairs the i-th {@code aggregate.param} with the i-th function that takes a parameter. */
  private static List<Aggregation> aggregations(List<String> functions, List<String> params) {
    List<Aggregation> aggregations = new ArrayList<>();
    int nextParam = 0;
    for (String name : functions) {
      AggregateFunction function = AggregateFunction.parse(name.trim());
      if (!function.takesParameter()) {
        aggregations.add(Aggregation.of(function));
        continue;
      }
      if (nextParam >= params.size()) {
        throw new InvalidQueryException(
            "aggregate.func "
                + function.wireName()
                + " needs an aggregate.param (resource_id, project_id or user_id), got none");
      }
      String param = params.get(nextParam++).trim();
      if (!List.of("resource_id", "project_id", "user_id").contains(param)) {
        throw new InvalidQueryException(
            "aggregate.param of "
                + function.wireName()
                + " must be one of resource_id, project_id, user_id, got: "
                + MeterkitException.describe(param));
      }
      aggregations.add(Aggregation.cardinality(Dimension.parse(param)));
    }
    if (nextParam < params.size()) {
      throw new InvalidQueryException(
          "aggregate.param "
              + MeterkitException.describe(params.get(nextParam))
              + " pairs with no aggregate.func that takes a parameter (only cardinality does)");
    }
    return List.copyOf(new LinkedHashSet<>(aggregations));
  }
}
