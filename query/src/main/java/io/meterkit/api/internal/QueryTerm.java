package io.meterkit.api.internal;

import java.util.Objects;

/**
 * One Ceilometer v2 query term, {@code q.field}/{@code q.op}/{@code q.value}/{@code q.type}, as
 * WSME decoded it: the N-th occurrence of each of the four parameters belongs to the N-th term,
 * wherever it stands in the URL ({@link CeilometerArgs#terms()}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param field the field as given, e.g. {@code timestamp}
 * @param op the operator as given (case kept), {@code eq} when absent or empty
 * @param value the value as given, or null when the term has no {@code q.value}
 * @param type the {@code q.type} as given ({@code ""} when sent empty), or null when absent
 */
public record QueryTerm(String field, String op, String value, String type) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException when field or op is null
   */
  public QueryTerm {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(op, "op");
  }

  /**
   * Returns how Ceilometer prints the term in its messages: {@code <Query 'abc' eq 'abc' Unset>}.
   *
   * @return the repr
   */
  public String repr() {
    return "<Query "
        + PyRepr.string(field)
        + " "
        + op
        + " "
        + (value == null ? "Unset" : PyRepr.string(value))
        + " "
        + (type == null ? "Unset" : type)
        + ">";
  }
}
