package io.meterkit.api.v2;

import io.meterkit.api.internal.Conditions;
import io.meterkit.api.internal.MetadataPrefix;
import io.meterkit.api.internal.Params;
import io.meterkit.api.internal.QueryTerm;
import io.meterkit.api.internal.TimeWindow;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import io.meterkit.query.Dimension;
import io.meterkit.query.MetadataMatch;
import io.meterkit.query.ValueType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@code q.*} terms of a v2 request select: equality conditions, a time window, a search
 * offset and (for {@code /v2/samples}) a meter. Each route says which kinds of field it supports;
 * any other field, or an op the field does not support, is a 400 naming both.
 *
 * <p>Several terms are ANDed: of two lower (or upper) timestamp bounds the window keeps the tighter
 * one. Not thread-safe: one per request.
 */
final class TermSelection {
  /** The parameter name timestamp terms report in refusals. */
  static final String TIMESTAMP_VALUE = "q.value of timestamp";

  /** The kinds of {@code q.field}, in the order refusals list them. */
  enum Kind {
    /** {@code resource_id}, {@code project_id}, {@code user_id}, {@code source}: eq. */
    DIMENSION("eq"),
    /** {@code meter}: eq. */
    METER("eq"),
    /** {@code timestamp}: gt, ge, lt, le. */
    TIMESTAMP("gt", "ge", "lt", "le"),
    /** {@code search_offset}: eq, minutes, only with a timestamp term. */
    SEARCH_OFFSET("eq"),
    /** {@code metadata.KEY} and {@code resource_metadata.KEY}: eq, honouring {@code q.type}. */
    METADATA("eq");

    private final List<String> ops;

    Kind(String... ops) {
      this.ops = List.of(ops);
    }

    /** The field names of this kind, as refusals list them. */
    List<String> fieldNames() {
      switch (this) {
        case DIMENSION:
          List<String> names = new ArrayList<>();
          for (Dimension dimension : Dimension.values()) {
            names.add(dimension.fieldName());
          }
          return names;
        case METADATA:
          List<String> patterns = new ArrayList<>();
          for (MetadataPrefix prefix : MetadataPrefix.values()) {
            patterns.add(prefix.pattern());
          }
          return patterns;
        default:
          return List.of(name().toLowerCase(java.util.Locale.ROOT));
      }
    }

    /** The kind of a field name, or null when it is none. */
    static Kind of(String field) {
      if (Dimension.tryParse(field).isPresent()) {
        return DIMENSION;
      }
      if (MetadataPrefix.keyOfAny(field).isPresent()) {
        return METADATA;
      }
      for (Kind kind : List.of(METER, TIMESTAMP, SEARCH_OFFSET)) {
        if (kind.fieldNames().contains(field)) {
          return kind;
        }
      }
      return null;
    }
  }

  static final Set<Kind> CATALOG = EnumSet.of(Kind.DIMENSION);
  static final Set<Kind> ONE_METER =
      EnumSet.of(Kind.DIMENSION, Kind.TIMESTAMP, Kind.SEARCH_OFFSET, Kind.METADATA);
  static final Set<Kind> ALL_METERS = EnumSet.allOf(Kind.class);

  final Conditions conditions = new Conditions();
  TimeWindow window = TimeWindow.UNBOUNDED;
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
      switch (selection.kindOf(term)) {
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
    if (searchOffset && selection.window.start().isEmpty() && selection.window.end().isEmpty()) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("search_offset"), Rule.NEEDS_COMPANION, null, "timestamp"),
          "q.field search_offset needs a q.field timestamp term to widen, got none");
    }
    return selection;
  }

  /**
   * Returns the half-open range the window selects, widened by the search offset; a window that
   * starts after it ends selects nothing.
   */
  TimeRange range() {
    return window.isInverted() ? window.range() : window.range().widen(searchOffsetMillis);
  }

  private Kind kindOf(QueryTerm term) {
    Kind kind = Kind.of(term.field());
    if (kind == null || !supported.contains(kind)) {
      List<String> names = fieldNames();
      throw new InvalidQueryException(
          new Violation(new RequestField("q.field"), Rule.UNKNOWN, term.field(), names, null),
          "q.field "
              + MeterkitException.describe(term.field())
              + " with q.op "
              + MeterkitException.describe(term.op())
              + " is not supported here; supported q.field values: "
              + String.join(", ", names));
    }
    if (!kind.ops.contains(term.op())) {
      throw new InvalidQueryException(
          new Violation(new RequestField("q.op"), Rule.UNSUPPORTED, term.op(), kind.ops, null),
          "q.op "
              + MeterkitException.describe(term.op())
              + " is not supported for q.field "
              + MeterkitException.describe(term.field())
              + "; it supports: "
              + String.join(", ", kind.ops));
    }
    if (term.type() != null) {
      ValueType.parse(term.type());
    }
    return kind;
  }

  private List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    for (Kind kind : supported) {
      names.addAll(kind.fieldNames());
    }
    return names;
  }

  private void bound(QueryTerm term) {
    String op = term.op();
    TimeWindow.Bound bound =
        TimeWindow.Bound.timestamp(
            TIMESTAMP_VALUE, term.value(), op.equals("ge") || op.equals("le"));
    window = op.equals("gt") || op.equals("ge") ? window.from(bound) : window.until(bound);
  }

  private static MetadataMatch metadataMatch(QueryTerm term) {
    Optional<String> key = MetadataPrefix.keyOfAny(term.field());
    ValueType type =
        term.type() == null ? ValueType.infer(term.value()) : ValueType.parse(term.type());
    return new MetadataMatch(key.orElseThrow(), term.value(), type);
  }
}
