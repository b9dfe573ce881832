package io.meterkit.api;

import io.meterkit.core.InvalidQueryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Ceilometer v2 query term, {@code q.field}/{@code q.op}/{@code q.value}/{@code q.type}.
 *
 * <p>The four parameters repeat, one value per term, and are paired by position: the i-th {@code
 * q.field} goes with the i-th {@code q.op}, {@code q.value} and {@code q.type}. {@code q.value}
 * must be given once per field; {@code q.op} and {@code q.type} either once per field or not at all
 * (an omitted or empty op is {@code eq}; an omitted or empty type is inferred from the value).
 * Which fields and ops a route supports is the route's business.
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
   * @throws InvalidQueryException when the counts of the four parameters do not pair up
   */
  public static List<QueryTerm> parse(QueryParameters query) {
    List<String> fields = query.all("q.field");
    List<String> ops = query.all("q.op");
    List<String> values = query.all("q.value");
    List<String> types = query.all("q.type");
    int n = fields.size();
    if (values.size() != n
        || (!ops.isEmpty() && ops.size() != n)
        || (!types.isEmpty() && types.size() != n)) {
      throw new InvalidQueryException(
          "q.field, q.op, q.value and q.type must pair up, one of each per term (q.op and q.type"
              + " may be left out entirely), got "
              + n
              + " q.field, "
              + ops.size()
              + " q.op, "
              + values.size()
              + " q.value, "
              + types.size()
              + " q.type");
    }
    List<QueryTerm> terms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String op = ops.isEmpty() || ops.get(i).isBlank() ? "eq" : ops.get(i).trim();
      String type = types.isEmpty() || types.get(i).isBlank() ? null : types.get(i).trim();
      terms.add(
          new QueryTerm(fields.get(i).trim(), op.toLowerCase(Locale.ROOT), values.get(i), type));
    }
    return terms;
  }
}
