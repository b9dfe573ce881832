package io.meterkit.api.v2;

import io.meterkit.api.ApiCall;
import io.meterkit.api.QueryParameters;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.MetadataPrefix;
import io.meterkit.api.internal.Params;
import io.meterkit.api.internal.QueryTerm;
import io.meterkit.api.internal.TimeWindow;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import io.meterkit.query.AggregateFunction;
import io.meterkit.query.Aggregation;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.GroupBy;
import io.meterkit.query.Percentile;
import io.meterkit.query.Period;
import io.meterkit.query.StatisticsQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The parameters of {@code GET /v2/meters/{meter}/statistics} turned into a {@link
 * StatisticsQuery}: q terms, {@code groupby}, {@code period} (seconds, with the window policy, or a
 * calendar period, without it), {@code timezone}, {@code as_of} and {@code aggregate.func}/{@code
 * aggregate.param}.
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
          "aggregate.param",
          "timezone",
          "as_of");
  static final long MIN_PERIOD_SECONDS = 60;

  /** The dimensions whose distinct values {@code cardinality} counts, in wire order. */
  private static final Set<Dimension> CARDINALITY =
      EnumSet.of(Dimension.RESOURCE_ID, Dimension.PROJECT_ID, Dimension.USER_ID);

  static final long MAX_PERIOD_SECONDS = 1_209_600;

  private static final String ZONE_FORM = "an IANA time zone id like Europe/Berlin";

  /** The query, or empty when the conditions can never hold (the answer is {@code []}). */
  final Optional<StatisticsQuery> query;

  /** The requested aggregates, or empty when {@code aggregate.func} was not given. */
  final List<Aggregation> requested;

  /** The requested time zone, or null when {@code timezone} was not given. */
  final ZoneId zone;

  private StatisticsRequest(
      Optional<StatisticsQuery> query, List<Aggregation> requested, ZoneId zone) {
    this.query = query;
    this.requested = requested;
    this.zone = zone;
  }

  static StatisticsRequest parse(ApiCall call, WindowPolicy policy, long nowMillis) {
    QueryParameters params = call.query();
    Params.allowOnly(params, PARAMETERS);
    TermSelection terms = TermSelection.of(QueryTerm.parse(params), TermSelection.ONE_METER);
    terms.window.ordered(WORDS);
    Period period = period(params);
    long periodSeconds = period instanceof Period.Fixed fixed ? fixed.seconds() : 0;
    ZoneId zone = zone(params);
    OptionalLong asOf = Params.timestamp(params, "as_of");
    List<GroupBy> groupBy = groupBy(params.all("groupby"));
    List<Aggregation> aggregations =
        aggregations(params.all("aggregate.func"), params.all("aggregate.param"));
    WindowPolicy.Bounds bounds =
        policy.apply(
            terms.window.start().map(TimeWindow.Bound::bound).orElse(null),
            terms.window.end().map(TimeWindow.Bound::bound).orElse(null),
            periodSeconds,
            nowMillis);
    Optional<Filter> filter = Access.restrict(call.principal(), terms.conditions).toFilter();
    if (filter.isEmpty()) {
      return new StatisticsRequest(Optional.empty(), aggregations, zone);
    }
    StatisticsQuery query =
        StatisticsQuery.builder(call.path("meter"))
            .start(bounds.start())
            .end(bounds.end())
            .searchOffsetMillis(terms.searchOffsetMillis)
            .filter(filter.get())
            .groupBy(groupBy.toArray(new GroupBy[0]))
            .period(period)
            .timeZone(zone)
            .asOf(asOf.isPresent() ? Instant.ofEpochMilli(asOf.getAsLong()) : null)
            .aggregations(aggregations.toArray(new Aggregation[0]))
            .build();
    return new StatisticsRequest(Optional.of(query), aggregations, zone);
  }

  /** The v2 wording of a start after the end: each bound with its op and instant. */
  private static final TimeWindow.Words WORDS =
      (start, end) ->
          TermSelection.TIMESTAMP_VALUE
              + ": the start ("
              + (start.bound().inclusive() ? "ge " : "gt ")
              + IsoTime.format(start.millis())
              + ") must not be after the end ("
              + (end.bound().inclusive() ? "le " : "lt ")
              + IsoTime.format(end.millis())
              + ")";

  // A number is a period in seconds under the window policy's rules; anything else a calendar
  // period (hour, day, ..., P1M), which the window policy leaves alone.
  private static Period period(QueryParameters params) {
    Optional<String> text = params.single("period");
    if (text.isPresent() && !text.get().trim().matches("[+-]?[0-9]+")) {
      Period calendar = Period.parse(text.get().trim());
      if (calendar instanceof Period.Calendar) {
        return calendar;
      }
    }
    long period = Params.integer(params, "period", MIN_PERIOD_SECONDS, MAX_PERIOD_SECONDS, 0);
    if (period % 60 != 0) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("period"), Rule.NOT_A_MULTIPLE, period, 60),
          "period must be a multiple of 60, got " + period);
    }
    return period == 0 ? null : Period.ofSeconds(period);
  }

  private static ZoneId zone(QueryParameters params) {
    Optional<String> text = params.single("timezone");
    if (text.isEmpty()) {
      return null;
    }
    String id = text.get().trim();
    if (!ZoneId.getAvailableZoneIds().contains(id)) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("timezone"), Rule.MALFORMED, text.get(), ZONE_FORM),
          "timezone must be " + ZONE_FORM + ", got: " + MeterkitException.describe(text.get()));
    }
    return ZoneId.of(id);
  }

  private static List<GroupBy> groupBy(List<String> fields) {
    Set<GroupBy> groupBy = new LinkedHashSet<>();
    for (String field : fields) {
      Optional<Dimension> dimension = Dimension.tryParse(field);
      Optional<String> key = MetadataPrefix.RESOURCE_METADATA.keyOf(field);
      if (dimension.isPresent()) {
        groupBy.add(GroupBy.of(dimension.get()));
      } else if (key.isPresent()) {
        groupBy.add(GroupBy.metadata(key.get(), field));
      } else {
        List<String> allowed = new ArrayList<>();
        for (Dimension each : Dimension.values()) {
          allowed.add(each.fieldName());
        }
        allowed.add(MetadataPrefix.RESOURCE_METADATA.pattern());
        throw new InvalidQueryException(
            new Violation(new RequestField("groupby"), Rule.NOT_ONE_OF, field, allowed, null),
            "groupby must be one of "
                + String.join(", ", allowed)
                + ", got: "
                + MeterkitException.describe(field));
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
            Violation.of(
                new RequestField("aggregate.func"),
                Rule.NEEDS_COMPANION,
                function.wireName(),
                "aggregate.param"),
            "aggregate.func "
                + function.wireName()
                + " needs an aggregate.param ("
                + (function == AggregateFunction.PERCENTILE
                    ? "a number in (0, 100]"
                    : "resource_id, project_id or user_id")
                + "), got none");
      }
      String param = params.get(nextParam++).trim();
      aggregations.add(
          function == AggregateFunction.PERCENTILE
              ? Aggregation.percentile(Percentile.of(param))
              : Aggregation.cardinality(counted(function, param)));
    }
    if (nextParam < params.size()) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("aggregate.param"),
              Rule.NEEDS_COMPANION,
              params.get(nextParam),
              "aggregate.func"),
          "aggregate.param "
              + MeterkitException.describe(params.get(nextParam))
              + " pairs with no aggregate.func that takes a parameter (only cardinality and"
              + " percentile do)");
    }
    return List.copyOf(new LinkedHashSet<>(aggregations));
  }

  private static Dimension counted(AggregateFunction function, String param) {
    Optional<Dimension> counted = Dimension.tryParse(param).filter(CARDINALITY::contains);
    if (counted.isEmpty()) {
      List<String> allowed = new ArrayList<>();
      for (Dimension dimension : CARDINALITY) {
        allowed.add(dimension.fieldName());
      }
      throw new InvalidQueryException(
          new Violation(new RequestField("aggregate.param"), Rule.NOT_ONE_OF, param, allowed, null),
          "aggregate.param of "
              + function.wireName()
              + " must be one of "
              + String.join(", ", allowed)
              + ", got: "
              + MeterkitException.describe(param));
    }
    return counted.get();
  }
}
