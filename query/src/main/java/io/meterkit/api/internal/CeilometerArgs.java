package io.meterkit.api.internal;

import io.meterkit.api.QueryParameters;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters of a Ceilometer route decoded as WSME decoded them against the route's
 * signature.
 *
 * <ul>
 *   <li>A name outside the signature is {@code Unknown argument: "NAME"} (several joined with
 *       {@code ", "}, in order of appearance). {@code q} in the signature stands for {@code
 *       q.field}, {@code q.op}, {@code q.value} and {@code q.type}; {@code aggregate} for {@code
 *       aggregate.func} and {@code aggregate.param}.
 *   <li>Integers are read as Python's {@code int()} reads text: surrounding white space, a sign and
 *       underscores between digits are fine ({@code " 5"}, {@code "+5"}); anything else, or a
 *       repeated parameter, is refused with WSME's message.
 *   <li>Text parameters are taken as given; a repeated one becomes Python's text of the list
 *       ({@code "['True', 'True']"}); flags are {@code bool_from_string} of the text ({@code 1, t,
 *       true, on, y, yes} in any case are true, anything else false).
 *   <li>List parameters ({@code q.*}, {@code aggregate.*}) pair by position within each sub-key:
 *       the N-th {@code q.op} belongs to the N-th {@code q.field}, wherever both stand; there are
 *       as many items as first sub-keys, and more of a later sub-key is refused (Ceilometer failed
 *       with {@code list index out of range}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class CeilometerArgs {
  private static final List<String> Q = List.of("q.field", "q.op", "q.value", "q.type");
  private static final List<String> AGGREGATE = List.of("aggregate.func", "aggregate.param");
  private static final Pattern INT = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");
  private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");

  private final QueryParameters query;

  private CeilometerArgs(QueryParameters query) {
    this.query = query;
  }

  /**
   * Checks the names against a signature.
   *
   * @param query the request's parameters
   * @param signature the route's parameter names ({@code q} and {@code aggregate} for the lists)
   * @return the decoder
   * @throws InvalidQueryException {@code (names, UNKNOWN, names)} for names outside the signature
   */
  public static CeilometerArgs of(QueryParameters query, Set<String> signature) {
    Set<String> unknown = new LinkedHashSet<>();
    for (String name : query.names()) {
      // q and aggregate stand for their sub-keys; given bare, they are not arguments.
      boolean known =
          (signature.contains(name) && !name.equals("q") && !name.equals("aggregate"))
              || (signature.contains("q") && Q.contains(name))
              || (signature.contains("aggregate") && AGGREGATE.contains(name));
      if (!known) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      String names = String.join(", ", unknown);
      throw new InvalidQueryException(
          new Violation(new RequestField(names), Rule.UNKNOWN, names, List.copyOf(signature), null),
          "unknown parameter " + names);
    }
    return new CeilometerArgs(query);
  }

  /**
   * Reads an integer parameter.
   *
   * @param name the parameter
   * @return the value, or empty when absent
   * @throws InvalidQueryException {@code (name, REPEATED, values)} or {@code (name, MALFORMED,
   *     text, "int")}
   */
  public Optional<BigInteger> integer(String name) {
    List<String> values = query.all(name);
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new InvalidQueryException(
          new Violation(new RequestField(name), Rule.REPEATED, values, List.of(), null),
          name + " must be given at most once, got " + values.size() + " values");
    }
    return Optional.of(toInt(name, values.get(0)));
  }

  /**
   * Returns whether text reads as an integer to Python's {@code int()}.
   *
   * @param text the text
   * @return true when {@link #toInt} accepts it
   */
  public static boolean isInteger(String text) {
    return INT.matcher(text.strip()).matches();
  }

  /**
   * Converts text as Python's {@code int()} does.
   *
   * @param name the parameter, for the facts of a refusal
   * @param text the text
   * @return the integer
   * @throws InvalidQueryException {@code (name, MALFORMED, text, "int")}
   */
  public static BigInteger toInt(String name, String text) {
    String stripped = text.strip();
    if (!INT.matcher(stripped).matches()) {
      throw new InvalidQueryException(
          Violation.of(new RequestField(name), Rule.MALFORMED, text, "int"),
          name + " must be an integer, got: " + text);
    }
    return new BigInteger(stripped.replace("_", "").replace("+", ""));
  }

  /**
   * Reads a text parameter.
   *
   * @param name the parameter
   * @return the value; Python's text of the list when repeated; empty when absent
   */
  public Optional<String> text(String name) {
    List<String> values = query.all(name);
    if (values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(values.size() == 1 ? values.get(0) : PyRepr.list(values));
  }

  /**
   * Reads an ISO-8601 instant parameter (a meterkit extension such as {@code as_of}).
   *
   * @param name the parameter
   * @return the instant, or empty when absent
   * @throws InvalidQueryException {@code (name, MALFORMED, text, IsoTime.TIMESTAMP_FORM)} when the
   *     text (Python's text of the list when repeated) is no timestamp
   */
  public Optional<Instant> instant(String name) {
    return text(name).map(text -> Instant.ofEpochMilli(IsoTime.parse(text, name)));
  }

  /**
   * Reads a flag as {@code oslo bool_from_string} does: never an error.
   *
   * @param name the parameter
   * @return true for {@code 1, t, true, on, y, yes} (trimmed, any case)
   */
  public boolean flag(String name) {
    return text(name).map(CeilometerArgs::isTrue).orElse(false);
  }

  /**
   * Reads text as {@code oslo bool_from_string} does.
   *
   * @param text the text
   * @return true for {@code 1, t, true, on, y, yes} (trimmed, any case)
   */
  public static boolean isTrue(String text) {
    return TRUE.contains(text.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Returns every value of a list parameter such as {@code groupby}.
   *
   * @param name the parameter
   * @return the values in order
   */
  public List<String> all(String name) {
    return query.all(name);
  }

  /**
   * Pairs the {@code q.*} parameters into terms.
   *
   * @return the terms, one per {@code q.field}
   * @throws InvalidQueryException {@code (sub-key, INCONSISTENT, values)} when a sub-key is given
   *     more often than {@code q.field}
   */
  public List<QueryTerm> terms() {
    List<List<String>> parts = parts(Q);
    List<QueryTerm> terms = new ArrayList<>();
    for (int i = 0; i < parts.get(0).size(); i++) {
      String op = item(parts.get(1), i);
      terms.add(
          new QueryTerm(
              parts.get(0).get(i),
              op == null || op.isEmpty() ? "eq" : op,
              item(parts.get(2), i),
              item(parts.get(3), i)));
    }
    return terms;
  }

  /**
   * Pairs the {@code aggregate.*} parameters.
   *
   * @return (function, parameter or null) pairs, one per {@code aggregate.func}
   * @throws InvalidQueryException {@code (aggregate.param, INCONSISTENT, values)} when there are
   *     more parameters than functions
   */
  public List<Map.Entry<String, String>> aggregates() {
    List<List<String>> parts = parts(AGGREGATE);
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (int i = 0; i < parts.get(0).size(); i++) {
      String param = item(parts.get(1), i);
      pairs.add(new java.util.AbstractMap.SimpleImmutableEntry<>(parts.get(0).get(i), param));
    }
    return pairs;
  }

  private List<List<String>> parts(List<String> keys) {
    List<List<String>> parts = new ArrayList<>();
    for (String key : keys) {
      parts.add(query.all(key));
    }
    int items = parts.get(0).size();
    for (int k = 1; k < keys.size(); k++) {
      if (parts.get(k).size() > items) {
        throw new InvalidQueryException(
            new Violation(
                new RequestField(keys.get(k)), Rule.INCONSISTENT, parts.get(k), List.of(), null),
            keys.get(k)
                + " is given "
                + parts.get(k).size()
                + " times but "
                + keys.get(0)
                + " only "
                + items);
      }
    }
    return parts;
  }

  private static String item(List<String> values, int index) {
    return index < values.size() ? values.get(index) : null;
  }
}
