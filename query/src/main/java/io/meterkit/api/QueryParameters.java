package io.meterkit.api;

import io.meterkit.api.internal.Json;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The query parameters of a request as an ordered multimap: every {@code name=value} pair in the
 * order it appeared, so repeated parameters such as {@code q.field} keep their positions.
 *
 * <p>Immutable and thread-safe.
 */
public final class QueryParameters {
  /** No parameters. */
  public static final QueryParameters EMPTY = new QueryParameters(List.of());

  private final List<Map.Entry<String, String>> entries;

  private QueryParameters(List<Map.Entry<String, String>> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses a raw, percent-encoded query string ({@code a=1&b=x%20y}); {@code +} means a space, a
   * name without {@code =} has the empty value, empty pairs are skipped.
   *
   * @param rawQuery the text after {@code ?}, or null
   * @return the parameters in order
   * @throws InvalidQueryException when a pair is not valid percent-encoding
   */
  public static QueryParameters parse(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return EMPTY;
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      entries.add(Map.entry(decode(name, pair), decode(value, pair)));
    }
    return new QueryParameters(entries);
  }

  /**
   * Creates parameters from alternating names and values.
   *
   * @param namesAndValues {@code name1, value1, name2, value2, ...}, already decoded
   * @return the parameters in order
   * @throws IllegalArgumentException when the count is odd
   */
  public static QueryParameters of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "namesAndValues must alternate names and values, got " + namesAndValues.length);
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      entries.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
    }
    return new QueryParameters(entries);
  }

  /**
   * Returns these parameters followed by one more pair.
   *
   * @param name the decoded name
   * @param value the decoded value
   * @return a new instance
   */
  public QueryParameters plus(String name, String value) {
    List<Map.Entry<String, String>> more = new ArrayList<>(entries);
    more.add(
        Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
    return new QueryParameters(more);
  }

  /**
   * Returns every pair in request order.
   *
   * @return the immutable list of pairs
   */
  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  /**
   * Returns every value of a parameter, in request order.
   *
   * @param name the parameter name
   * @return the values; empty when absent
   */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> entry : entries) {
      if (entry.getKey().equals(name)) {
        values.add(entry.getValue());
      }
    }
    return values;
  }

  /**
   * Returns the value of a parameter that may be given at most once.
   *
   * @param name the parameter name
   * @return the value, or empty when absent
   * @throws InvalidQueryException when it is given more than once
   */
  public Optional<String> single(String name) {
    List<String> values = all(name);
    if (values.size() > 1) {
      throw new InvalidQueryException(
          new Violation(new RequestField(name), Rule.REPEATED, values, List.of(), null),
          name
              + " must be given at most once, got "
              + values.size()
              + " values: "
              + Json.abbreviate(values.toString()));
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns the distinct parameter names, in order of first appearance.
   *
   * @return the names
   */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (Map.Entry<String, String> entry : entries) {
      names.add(entry.getKey());
    }
    return names;
  }

  /**
   * Returns whether there is no parameter.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private static String decode(String text, String pair) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(
          Violation.of(new RequestField(pair), Rule.MALFORMED, pair, "valid percent-encoding"),
          "query parameter must be valid percent-encoding, got: "
              + MeterkitException.describe(pair));
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QueryParameters that && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
