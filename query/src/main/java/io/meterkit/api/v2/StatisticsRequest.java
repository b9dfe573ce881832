package io.meterkit.api.v2;

import io.meterkit.api.ApiCall;
import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.api.internal.MetadataPrefix;
import io.meterkit.api.internal.PyRepr;
import io.meterkit.api.internal.SampleReader;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.Limits;
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
import io.meterkit.query.TimeBound;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of {@code GET /v2/meters/{meter}/statistics} turned into a {@link
 * StatisticsQuery}, checked in Ceilometer's order: decoding ({@link CeilometerArgs}), {@code
 * period} (by the {@link WindowPolicy}), the q terms ({@link SimpleQuery}), {@code groupby}
 * (repeatable; {@code resource_id, project_id, user_id, source} and {@code resource_metadata.KEY};
 * duplicates dropped), then the aggregates ({@code aggregate.func} with its positional {@code
 * aggregate.param}; {@code cardinality} counts resource_id, project_id or user_id, {@code
 * percentile} takes P in (0, 100]; exact duplicates dropped).
 *
 * <p>meterkit's extensions: {@code period} may also be a calendar period ({@code hour}, {@code
 * day}, {@code week}, {@code month}, {@code quarter}, {@code year}, {@code P<n>D|W|M|Y}, {@code
 * PT<n>H|M}), which the window policy leaves alone; {@code timezone} (an IANA zone id) places
 * calendar buckets and prints their bounds with the zone's offset; {@code as_of} (an instant)
 * counts only samples recorded at or before it. Text that is neither an integer nor a calendar
 * period is refused as Ceilometer refused a non-integer period.
 *
 * <p>Immutable once parsed; thread-safe.
 */
final class StatisticsRequest {
  static final Set<String> SIGNATURE =
      Set.of("q", "groupby", "period", "aggregate", "timezone", "as_of");
  static final long MIN_PERIOD_SECONDS = 60;
  static final long MAX_PERIOD_SECONDS = 1_209_600;

  /** The dimensions whose distinct values {@code cardinality} counts. */
  private static final Set<Dimension> CARDINALITY =
      EnumSet.of(Dimension.RESOURCE_ID, Dimension.PROJECT_ID, Dimension.USER_ID);

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
    CeilometerArgs args = CeilometerArgs.of(call.query(), SIGNATURE);
    Optional<Period> calendar = calendarPeriod(args);
    Optional<BigInteger> periodValue =
        calendar.isPresent() ? Optional.empty() : args.integer("period");
    ZoneId zone = zone(args);
    Optional<Instant> asOf = args.instant("as_of");
    List<io.meterkit.api.internal.QueryTerm> terms = args.terms();
    List<Map.Entry<String, String>> aggregates = args.aggregates();
    long period = period(periodValue, policy);
    SimpleQuery simple = SimpleQuery.parse(terms, SimpleQuery.Route.SAMPLES, call.principal());
    List<GroupBy> groupBy = groupBy(args.all("groupby"));
    List<Aggregation> aggregations = aggregations(aggregates);
    TimeBound start = simple.window.start().map(b -> b.bound()).orElse(null);
    TimeBound end = simple.window.end().map(b -> b.bound()).orElse(null);
    requirePeriodInDateRange(period, start);
    WindowPolicy.Bounds bounds = policy.apply(start, end, period, nowMillis);
    Optional<Filter> filter = simple.filter(call.principal());
    if (filter.isEmpty() || simple.messageId != null || simple.window.isInverted()) {
      return new StatisticsRequest(Optional.empty(), aggregations, zone);
    }
    StatisticsQuery.Builder query =
        StatisticsQuery.builder(call.path("meter"))
            .start(bounds.start())
            .end(bounds.end())
            .searchOffsetMillis(simple.searchOffsetMillis)
            .filter(filter.get())
            .groupBy(groupBy.toArray(new GroupBy[0]))
            .periodSeconds(period)
            .timeZone(zone)
            .asOf(asOf.orElse(null))
            .aggregations(aggregations.toArray(new Aggregation[0]));
    calendar.ifPresent(query::period);
    return new StatisticsRequest(Optional.of(query.build()), aggregations, zone);
  }

  /** A {@code period} given once as a calendar period, or empty (seconds, absent or invalid). */
  private static Optional<Period> calendarPeriod(CeilometerArgs args) {
    List<String> values = args.all("period");
    if (values.size() != 1 || CeilometerArgs.isInteger(values.get(0))) {
      return Optional.empty();
    }
    try {
      Period period = Period.parse(values.get(0).strip());
      return period instanceof Period.Calendar ? Optional.of(period) : Optional.empty();
    } catch (InvalidQueryException e) {
      if (e.violation().rule() == Rule.MALFORMED) {
        return Optional.empty(); // no calendar period: refused as Ceilometer refused a non-integer
      }
      String form = "a calendar period of 1.." + Period.Calendar.MAX_AMOUNT + " units";
      throw new InvalidQueryException(
          Violation.of(new RequestField("period"), Rule.MALFORMED, values.get(0), form),
          "period must be " + form + ", got: " + values.get(0));
    }
  }

  private static ZoneId zone(CeilometerArgs args) {
    Optional<String> text = args.text("timezone");
    if (text.isEmpty()) {
      return null;
    }
    String id = text.get().strip();
    if (!ZoneId.getAvailableZoneIds().contains(id)) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("timezone"), Rule.MALFORMED, text.get(), ZONE_FORM),
          "timezone must be " + ZONE_FORM + ", got: " + text.get());
    }
    return ZoneId.of(id);
  }

  /** {@code period}: negative is refused; the policy decides the rest; 0 when absent. */
  private static long period(Optional<BigInteger> value, WindowPolicy policy) {
    if (value.isEmpty()) {
      return 0;
    }
    BigInteger period = value.get();
    if (period.signum() < 0) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("period"), Rule.TOO_SMALL, period.toString(), 0),
          "period must be positive, got " + period);
    }
    if (policy == WindowPolicy.NONE) {
      if (period.bitLength() > 40) {
        throw tooLarge(period.toString());
      }
      return period.longValue();
    }
    if (period.compareTo(BigInteger.valueOf(MIN_PERIOD_SECONDS)) < 0
        || period.compareTo(BigInteger.valueOf(MAX_PERIOD_SECONDS)) > 0) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("period"),
              Rule.OUT_OF_RANGE,
              period.toString(),
              MIN_PERIOD_SECONDS,
              MAX_PERIOD_SECONDS),
          "period must be within 60..1209600, got " + period);
    }
    if (period.longValue() % 60 != 0) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("period"), Rule.NOT_A_MULTIPLE, period.toString(), 60),
          "period must be a multiple of 60, got " + period);
    }
    return period.longValue();
  }

  // Ceilometer adds the period to the start as a date: beyond the year 9999 it is out of range.
  private static void requirePeriodInDateRange(long period, TimeBound start) {
    long origin = start == null ? 0 : Math.max(0, start.millis());
    if (period > 0 && (double) period * 1000 > (double) Limits.MAX_TIMESTAMP_MILLIS - origin) {
      throw tooLarge(Long.toString(period));
    }
  }

  private static InvalidQueryException tooLarge(String period) {
    return new InvalidQueryException(
        Violation.of(new RequestField("period"), Rule.TOO_LARGE, period, "9999-12-31"),
        "period " + period + " reaches beyond the year 9999");
  }

  private static List<GroupBy> groupBy(List<String> fields) {
    Set<GroupBy> groupBy = new LinkedHashSet<>();
    Set<String> invalid = new LinkedHashSet<>();
    for (String field : fields) {
      Optional<Dimension> dimension = Dimension.tryParse(field);
      Optional<String> key = MetadataPrefix.RESOURCE_METADATA.keyOf(field);
      if (dimension.isPresent()) {
        groupBy.add(GroupBy.of(dimension.get()));
      } else if (key.isPresent()) {
        groupBy.add(GroupBy.metadata(SampleReader.flatKey(key.get()), field));
      } else {
        invalid.add(field);
      }
    }
    if (!invalid.isEmpty()) {
      String names = PyRepr.set(invalid);
      throw new InvalidQueryException(
          Violation.of(new RequestField("groupby"), Rule.NOT_ONE_OF, names),
          "invalid groupby fields " + names);
    }
    return new ArrayList<>(groupBy);
  }

  /** Each {@code aggregate.func} with the {@code aggregate.param} at the same position. */
  private static List<Aggregation> aggregations(List<Map.Entry<String, String>> pairs) {
    Set<Aggregation> aggregations = new LinkedHashSet<>();
    for (Map.Entry<String, String> pair : pairs) {
      String name = pair.getKey();
      AggregateFunction function;
      try {
        function = AggregateFunction.parse(name);
      } catch (InvalidQueryException e) {
        throw new InvalidQueryException(
            Violation.of(new RequestField("aggregate.func"), Rule.NOT_ONE_OF, name),
            "invalid aggregation function " + name);
      }
      if (!function.takesParameter()) {
        aggregations.add(Aggregation.of(function));
        continue;
      }
      String param = pair.getValue();
      if (function == AggregateFunction.PERCENTILE) {
        aggregations.add(Aggregation.percentile(percentile(param)));
        continue;
      }
      Optional<Dimension> counted =
          param == null
              ? Optional.empty()
              : Dimension.tryParse(param).filter(CARDINALITY::contains);
      if (counted.isEmpty()) {
        String shown = param == null ? "None" : param;
        throw new InvalidQueryException(
            Violation.of(new RequestField("aggregate.param"), Rule.NOT_ONE_OF, shown, name),
            "bad aggregate " + name + "." + shown);
      }
      aggregations.add(Aggregation.cardinality(counted.get()));
    }
    return List.copyOf(aggregations);
  }

  // P as given; a missing or bad one is Ceilometer's "Bad aggregate", with the rule appended.
  private static Percentile percentile(String param) {
    try {
      return Percentile.of(param == null ? null : param.strip());
    } catch (InvalidQueryException e) {
      String shown = param == null ? "None" : param;
      String form = e.violation().expected().get(0);
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("aggregate.param"), Rule.MALFORMED, shown, form, "percentile"),
          "aggregate.param of percentile must be " + form + ", got: " + shown);
    }
  }
}
