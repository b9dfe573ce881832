package io.meterkit.api.v2;

import io.meterkit.api.Principal;
import io.meterkit.api.UnauthorizedException;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.api.internal.Conditions;
import io.meterkit.api.internal.MetadataPrefix;
import io.meterkit.api.internal.PyRepr;
import io.meterkit.api.internal.QueryTerm;
import io.meterkit.api.internal.TimeWindow;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.MetadataMatch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simple query of a v2 route ({@code q.field}/{@code q.op}/{@code q.value}/{@code q.type}),
 * validated in Ceilometer's order, the first failure winning:
 *
 * <ol>
 *   <li>a member naming another project ({@code project} or {@code project_id}) gets 401 {@code Not
 *       Authorized to access project P};
 *   <li>the first {@code timestamp} term: allowed on this route, op one of lt, le, gt, ge;
 *   <li>the first {@code search_offset} term: allowed, op a part of {@code eq};
 *   <li>a {@code search_offset} term needs a {@code timestamp} term;
 *   <li>every other term in order: a valid key of the route (aliases {@code user}, {@code project},
 *       {@code resource} for the {@code _id} fields) or {@code metadata.KEY}/{@code
 *       resource_metadata.KEY}, op {@code eq}, a metadata value convertible to its {@code q.type};
 *   <li>{@code search_offset} (whole minutes) and the timestamp values.
 * </ol>
 *
 * <p>The last {@code gt}/{@code ge} term is the start bound, the last {@code lt}/{@code le} term
 * the end bound (other ops of later timestamp terms are ignored); a UTC offset is applied. Of
 * several terms on one field the last wins. Not thread-safe: one per request.
 */
final class SimpleQuery {
  /** The routes and the keys their terms may name. */
  enum Route {
    /** {@code /v2/samples}, {@code /v2/meters/{meter}} and its statistics. */
    SAMPLES(true, "message_id", "meter", "project", "resource", "source", "user"),
    /** {@code /v2/meters}: no timestamps. */
    METERS(false, "project", "resource", "source", "unique", "user"),
    /** {@code /v2/resources}. */
    RESOURCES(true, "project", "resource", "source", "user");

    final boolean timestamps;
    final Set<String> keys;

    Route(boolean timestamps, String... keys) {
      this.timestamps = timestamps;
      TreeSet<String> all = new TreeSet<>(List.of(keys));
      if (timestamps) {
        all.add("timestamp");
        all.add("search_offset");
      }
      this.keys = all;
    }
  }

  private static final Map<String, String> ALIASES =
      Map.of("user_id", "user", "project_id", "project", "resource_id", "resource");
  private static final Map<String, Dimension> DIMENSIONS =
      Map.of(
          "user", Dimension.USER_ID,
          "project", Dimension.PROJECT_ID,
          "resource", Dimension.RESOURCE_ID,
          "source", Dimension.SOURCE);
  private static final List<String> TIMESTAMP_OPS = List.of("lt", "le", "gt", "ge");

  final Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);
  final Map<String, MetadataMatch> metadata = new LinkedHashMap<>();
  String meter;
  String messageId;
  TimeWindow window = TimeWindow.UNBOUNDED;
  long searchOffsetMillis;

  private SimpleQuery() {}

  static SimpleQuery parse(List<QueryTerm> terms, Route route, Principal caller) {
    requireOwnProject(terms, caller);
    boolean timestamp = checkFirst(terms, "timestamp", TIMESTAMP_OPS, route);
    boolean searchOffset = checkFirst(terms, "search_offset", null, route);
    if (searchOffset && !timestamp) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("search_offset"),
              Rule.NEEDS_COMPANION,
              "search_offset",
              "timestamp"),
          "search_offset cannot be used without timestamp");
    }
    SimpleQuery query = new SimpleQuery();
    QueryTerm start = null;
    QueryTerm end = null;
    String offset = null;
    for (QueryTerm term : terms) {
      if (term.field().equals("timestamp")) {
        if (term.op().equals("gt") || term.op().equals("ge")) {
          start = term;
        } else if (term.op().equals("lt") || term.op().equals("le")) {
          end = term;
        }
      } else if (term.field().equals("search_offset")) {
        offset = term.op().equals("eq") ? term.value() : offset;
      } else {
        query.add(term, terms, route);
      }
    }
    if (offset != null) {
      query.searchOffsetMillis =
          CeilometerArgs.toInt("search_offset", offset)
                  .max(java.math.BigInteger.ZERO)
                  .min(java.math.BigInteger.valueOf(Integer.MAX_VALUE))
                  .longValue()
              * 60_000L;
    }
    if (start != null && start.value() != null) {
      query.window =
          query.window.from(
              TimeWindow.Bound.timestamp("timestamp", start.value(), start.op().equals("ge")));
    }
    if (end != null && end.value() != null) {
      query.window =
          query.window.until(
              TimeWindow.Bound.timestamp("timestamp", end.value(), end.op().equals("le")));
    }
    return query;
  }

  /** The equality conditions of the terms, with a member's project added. */
  Conditions conditions(Principal caller) {
    Conditions conditions = new Conditions();
    dimensions.forEach(conditions::equal);
    metadata.values().forEach(conditions::metadata);
    return Access.restrict(caller, conditions);
  }

  /** The engine filter, or empty when nothing can match. */
  Optional<Filter> filter(Principal caller) {
    return conditions(caller).toFilter();
  }

  /** The half-open range of the bounds, widened by the search offset. */
  TimeRange range() {
    return window.isInverted() ? window.range() : window.range().widen(searchOffsetMillis);
  }

  private void add(QueryTerm term, List<QueryTerm> all, Route route) {
    String key = ALIASES.getOrDefault(term.field(), term.field());
    Optional<String> metadataKey = MetadataPrefix.keyOfAny(term.field());
    if (!route.keys.contains(key) && metadataKey.isEmpty()) {
      List<String> reprs = new ArrayList<>();
      for (QueryTerm each : all) {
        reprs.add(each.repr());
      }
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("q.field"),
              Rule.NOT_ONE_OF,
              key,
              "[" + String.join(", ", reprs) + "]",
              PyRepr.list(route.keys)),
          "unrecognized field in query: " + key);
    }
    if (!term.op().equals("eq")) {
      throw unimplemented(term);
    }
    if (metadataKey.isPresent()) {
      MetadataMatch match = MetadataTyping.match(metadataKey.get(), term);
      metadata.put(match.key(), match);
    } else if (term.value() == null) {
      return; // a term without a value filters nothing
    } else if (DIMENSIONS.containsKey(key)) {
      dimensions.put(DIMENSIONS.get(key), term.value());
    } else if (key.equals("meter")) {
      meter = term.value();
    } else if (key.equals("message_id")) {
      messageId = term.value();
    } else {
      throw new InvalidQueryException(
          Violation.of(new RequestField("q.field"), Rule.UNSUPPORTED, key),
          key + " is not valid for this resource");
    }
  }

  // Steps 2 and 3: only the first term on the field is checked.
  private static boolean checkFirst(
      List<QueryTerm> terms, String field, List<String> ops, Route route) {
    for (QueryTerm term : terms) {
      if (!term.field().equals(field)) {
        continue;
      }
      if (!route.timestamps) {
        throw new InvalidQueryException(
            Violation.of(new RequestField("q.field"), Rule.UNSUPPORTED, field),
            field + " is not valid for this resource");
      }
      boolean valid = ops == null ? "eq".contains(term.op()) : ops.contains(term.op());
      if (!valid) {
        throw unimplemented(term);
      }
      return true;
    }
    return false;
  }

  private static InvalidQueryException unimplemented(QueryTerm term) {
    return new InvalidQueryException(
        Violation.of(new RequestField("q.op"), Rule.UNSUPPORTED, term.op(), term.field()),
        "unimplemented operator " + term.op() + " for " + term.field());
  }

  private static void requireOwnProject(List<QueryTerm> terms, Principal caller) {
    if (caller.isAdmin() || caller.projectId() == null) {
      return;
    }
    for (QueryTerm term : terms) {
      if ((term.field().equals("project") || term.field().equals("project_id"))
          && !caller.projectId().equals(term.value())) {
        throw notAuthorized(term.value());
      }
    }
  }

  /** 401 {@code Not Authorized to access project P}. */
  static UnauthorizedException notAuthorized(String project) {
    return new UnauthorizedException("Not Authorized to access project " + project);
  }
}
