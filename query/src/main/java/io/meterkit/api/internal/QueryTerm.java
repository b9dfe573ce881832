package io.meterkit.api.internal;

import io.meterkit.api.QueryParameters;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One Ceilometer v2 query term, {@code q.field}/{@code q.op}/{@code q.value}/{@code q.type}.
 *
 * <p>The four parameters repeat, one value per term. When there are as many {@code q.value}s as
 * {@code q.field}s, and as many {@code q.op}s and {@code q.type}s or none at all, they pair by
 * index: the i-th {@code q.field} goes with the i-th {@code q.op}, {@code q.value} and {@code
 * q.type}, in whatever order the request lists them. Otherwise each {@code q.op}, {@code q.value}
 * and {@code q.type} belongs to the {@code q.field} right before it, so an interleaved request may
 * leave out the op of some terms. An omitted or empty op is {@code eq}; an omitted or empty type is
 * inferred from the value. Which fields and ops a route supports is the route's business.
 *
 * <p>Immutable and thread-safe.
 *
 * @param field the field, e.g. {@code timestamp}
 * @param op the operator, lower-case, e.g. {@code ge}
 * @param value the value as given
 * @param type the {@code q.type} as given, or null when absent or empty
 */
public record QueryTerm(String field, String op, String value, String type) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException when field, op or value is null
   */
  public QueryTerm {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Pairs the {@code q.*} parameters of a request into terms.
   *
   * @param query the request's parameters
   * @return the terms in order; empty when there is no {@code q.field}
   * @throws InvalidQueryException when the parameters do not pair up
   */
  public static List<QueryTerm> parse(QueryParameters query) {
    int fields = query.all("q.field").size();
    int ops = query.all("q.op").size();
    int values = query.all("q.value").size();
    int types = query.all("q.type").size();
    if (values == fields && (ops == 0 || ops == fields) && (types == 0 || types == fields)) {
      return byIndex(query);
    }
    return byPosition(query, fields, ops, values, types);
  }

  /** The i-th q.field with the i-th q.op, q.value and q.type, whatever their order. */
  private static List<QueryTerm> byIndex(QueryParameters query) {
    List<String> fields = query.all("q.field");
    List<String> ops = query.all("q.op");
    List<String> values = query.all("q.value");
    List<String> types = query.all("q.type");
    List<QueryTerm> terms = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      terms.add(
          term(
              fields.get(i),
              ops.isEmpty() ? null : ops.get(i),
              values.get(i),
              types.isEmpty() ? null : types.get(i)));
    }
    return terms;
  }

  /** Each q.op, q.value and q.type belongs to the q.field before it (interleaved requests). */
  private static List<QueryTerm> byPosition(
      QueryParameters query, int fields, int ops, int values, int types) {
    List<QueryTerm> terms = new ArrayList<>();
    String[] current = null; // field, op, value, type
    for (Map.Entry<String, String> entry : query.entries()) {
      int slot = SLOTS.indexOf(entry.getKey());
      if (slot < 0) {
        continue;
      }
      if (slot == 0) {
        if (current != null) {
          terms.add(complete(current, fields, ops, values, types));
        }
        current = new String[4];
      } else if (current == null || current[slot] != null) {
        throw mismatch(fields, ops, values, types);
      }
      current[slot] = entry.getValue();
    }
    if (current != null) {
      terms.add(complete(current, fields, ops, values, types));
    }
    return terms;
  }

  private static final List<String> SLOTS = List.of("q.field", "q.op", "q.value", "q.type");

  private static QueryTerm complete(String[] parts, int fields, int ops, int values, int types) {
    if (parts[2] == null) {
      throw mismatch(fields, ops, values, types);
    }
    return term(parts[0], parts[1], parts[2], parts[3]);
  }

  private static QueryTerm term(String field, String op, String value, String type) {
    return new QueryTerm(
        field.trim(),
        op == null || op.isBlank() ? "eq" : op.trim().toLowerCase(Locale.ROOT),
        value,
        type == null || type.isBlank() ? null : type.trim());
  }

  private static InvalidQueryException mismatch(int fields, int ops, int values, int types) {
    return new InvalidQueryException(
        Violation.of(
            new RequestField("q.field"),
            Rule.INCONSISTENT,
            fields + " q.field, " + ops + " q.op, " + values + " q.value, " + types + " q.type"),
        "q.field, q.op, q.value and q.type must pair up: one q.value per q.field, and q.op and"
            + " q.type once per q.field, left out entirely, or each right after its q.field; got "
            + fields
            + " q.field, "
            + ops
            + " q.op, "
            + values
            + " q.value, "
            + types
            + " q.type");
  }
}
