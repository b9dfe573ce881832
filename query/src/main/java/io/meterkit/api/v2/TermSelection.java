package io.meterkit.api.v2;

import io.meterkit.api.Conditions;
import io.meterkit.api.Params;
import io.meterkit.api.QueryTerm;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.TimeRange;
import io.meterkit.query.Dimension;
import io.meterkit.query.MetadataMatch;
import io.meterkit.query.TimeBound;
import io.meterkit.query.ValueType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the {@code q.*} terms of a v2 request select: equality conditions, time bounds as given, a
 * search offset and (for {@code /v2/samples}) a meter. Each route says which kinds of field it
 * supports; any other field, or an op the field does not support, is a 400 naming both.
 *
 * <p>Several terms are ANDed: two lower (or upper) timestamp bounds keep the tighter one. Not
 * thread-safe: one per request.
 */
final class TermSelection {
  /** The kinds of {@code q.field}. */
  enum Kind {
    /** {@code resource_id}, {@code project_id}, {@code user_id}, {@code source}: eq. */
    DIMENSION,
    /** {@code timestamp}: gt, ge, lt, le. */
    TIMESTAMP,
    /** {@code search_offset}: eq, minutes, only with a timestamp term. */
    SEARCH_OFFSET,
    /** {@code metadata.KEY} and {@code resource_metadata.KEY}: eq, honouring {@code q.type}. */
    METADATA,
    /** {@code meter}: eq. */
    METER
  }

  static final Set<Kind> CATALOG = EnumSet.of(Kind.DIMENSION);
  static final Set<Kind> ONE_METER =
      EnumSet.of(Kind.DIMENSION, Kind.TIMESTAMP, Kind.SEARCH_OFFSET, Kind.METADATA);
  static final Set<Kind> ALL_METERS = EnumSet.allOf(Kind.class);

  final Conditions conditions = new Conditions();
  TimeBound start;
  TimeBound end;
  long searchOffsetMillis;
  String meter;
  private final Set<Kind> supported;

  private TermSelection(Set<Kind> supported) {
    this.supported = supported;
  }

  static TermSelection of(List<QueryTerm> terms, Set<Kind> supported) {
    TermSelection selection = new TermSelection(supported);
    boolean searchOffset = false;
    for (QueryTerm term : terms) {
      Kind kind = selection.kindOf(term);
      switch (kind) {
        case DIMENSION:
          selection.conditions.equal(Dimension.parse(term.field()), term.value());
          break;
        case TIMESTAMP:
          selection.bound(term);
          break;
        case SEARCH_OFFSET:
          selection.searchOffsetMillis =
              Params.searchOffsetMillis("q.value of search_offset", term.value());
          searchOffset = true;
          break;
        case METADATA:
          selection.conditions.metadata(metadataMatch(term));
          break;
        default:
          if (selection.meter != null && !selection.meter.equals(term.value())) {
            selection.conditions.never();
          }
          selection.meter = term.value();
      }
    }
    if (searchOffset && selection.start == null && selection.end == null) {
      throw new InvalidQueryException(
          "q.field search_offset needs a q.field timestamp term to widen, got none");
    }
    return selection;
  }

  /** Returns the half-open range the bounds select, widened by the search offset. */
  TimeRange range() {
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    if (start != null) {
      from = start.asRangeStart();
    }
    if (end != null) {
      to = end.asRangeEnd();
    }
    if (from > to) {
      return TimeRange.of(from, from);
    }
    return TimeRange.of(from, to).widen(searchOffsetMillis);
  }

  private Kind kindOf(QueryTerm term) {
    Kind kind = classify(term.field());
    if (kind == null || !supported.contains(kind)) {
      throw new InvalidQueryException(
          "q.field "
              + MeterkitException.describe(term.field())
              + " with q.op "
              + MeterkitException.describe(term.op())
              + " is not supported here; supported q.field values: "
              + String.join(", ", fieldNames()));
    }
    List<String> ops = kind == Kind.TIMESTAMP ? List.of("gt", "ge", "lt", "le") : List.of("eq");
    if (!ops.contains(term.op())) {
      throw new InvalidQueryException(
          "q.op "
              + MeterkitException.describe(term.op())
              + " is not supported for q.field "
              + MeterkitException.describe(term.field())
              + "; it supports: "
              + String.join(", ", ops));
    }
    if (term.type() != null) {
      ValueType.parse(term.type());
    }
    return kind;
  }

  private static Kind classify(String field) {
    switch (field) {
      case "resource_id":
      case "project_id":
      case "user_id":
      case "source":
        return Kind.DIMENSION;
      case "timestamp":
        return Kind.TIMESTAMP;
      case "search_offset":
        return Kind.SEARCH_OFFSET;
      case "meter":
        return Kind.METER;
      default:
        return metadataKey(field) != null ? Kind.METADATA : null;
    }
  }

  private List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    if (supported.contains(Kind.DIMENSION)) {
      names.addAll(List.of("resource_id", "project_id", "user_id", "source"));
    }
    if (supported.contains(Kind.METER)) {
      names.add("meter");
    }
    if (supported.contains(Kind.TIMESTAMP)) {
      names.add("timestamp");
    }
    if (supported.contains(Kind.SEARCH_OFFSET)) {
      names.add("search_offset");
    }
    if (supported.contains(Kind.METADATA)) {
      names.addAll(List.of("metadata.KEY", "resource_metadata.KEY"));
    }
    return names;
  }

  private void bound(QueryTerm term) {
    long millis = IsoTime.parse(term.value(), "q.value of timestamp");
    switch (term.op()) {
      case "gt":
        start = tighterStart(start, TimeBound.exclusive(millis));
        break;
      case "ge":
        start = tighterStart(start, TimeBound.inclusive(millis));
        break;
      case "lt":
        end = tighterEnd(end, TimeBound.exclusive(millis));
        break;
      default:
        end = tighterEnd(end, TimeBound.inclusive(millis));
    }
  }

  private static TimeBound tighterStart(TimeBound current, TimeBound next) {
    if (current == null) {
      return next;
    }
    long currentFrom = current.inclusive() ? current.millis() : current.millis() + 1;
    long nextFrom = next.inclusive() ? next.millis() : next.millis() + 1;
    return nextFrom > currentFrom ? next : current;
  }

  private static TimeBound tighterEnd(TimeBound current, TimeBound next) {
    if (current == null) {
      return next;
    }
    long currentTo = current.inclusive() ? current.millis() + 1 : current.millis();
    long nextTo = next.inclusive() ? next.millis() + 1 : next.millis();
    return nextTo < currentTo ? next : current;
  }

  private static MetadataMatch metadataMatch(QueryTerm term) {
    String key = metadataKey(term.field());
    ValueType type =
        term.type() == null ? ValueType.infer(term.value()) : ValueType.parse(term.type());
    return new MetadataMatch(key, term.value(), type);
  }

  /**
   * Returns the metadata key of {@code metadata.KEY} or {@code resource_metadata.KEY}, else null.
   */
  static String metadataKey(String field) {
    for (String prefix : List.of("metadata.", "resource_metadata.")) {
      if (field.startsWith(prefix) && field.length() > prefix.length()) {
        return field.substring(prefix.length());
      }
    }
    return null;
  }
}
