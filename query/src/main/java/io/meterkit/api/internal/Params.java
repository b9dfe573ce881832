package io.meterkit.api.internal;

import io.meterkit.api.QueryParameters;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parsing of the query parameters the families share: timestamps, bounded integers, {@code
 * search_offset}, flags and {@code metadata.KEY} filters, each failing with a 400 message that
 * names the parameter, the rule and the offending value.
 *
 * <p>Thread-safe: stateless.
 */
public final class Params {
  /** The most items a listing returns, and its default {@code limit}. */
  public static final int MAX_LIMIT = 1440;

  private Params() {}

  /**
   * Rejects parameters a route does not know, so that a typo is an error and not a silently ignored
   * filter.
   *
   * @param query the request's parameters
   * @param names the exact names the route accepts
   * @param prefixes name prefixes the route accepts, e.g. {@code metadata.}
   * @throws InvalidQueryException naming the first unknown parameter and the accepted ones
   */
  public static void allowOnly(QueryParameters query, Set<String> names, String... prefixes) {
    for (String name : query.names()) {
      if (names.contains(name) || hasPrefix(name, prefixes)) {
        continue;
      }
      List<String> accepted = new ArrayList<>(new TreeSet<>(names));
      for (String prefix : prefixes) {
        accepted.add(prefix + "KEY");
      }
      throw new InvalidQueryException(
          new Violation(new RequestField(name), Rule.UNKNOWN, name, accepted, null),
          "unknown parameter "
              + MeterkitException.describe(name)
              + "; this route accepts "
              + (accepted.isEmpty() ? "no parameters" : String.join(", ", accepted)));
    }
  }

  /**
   * Reads an optional timestamp parameter given at most once.
   *
   * @param query the request's parameters
   * @param name the parameter, e.g. {@code start_timestamp}
   * @return epoch milliseconds UTC, or empty when absent
   * @throws InvalidQueryException when repeated or not an ISO-8601 timestamp
   */
  public static OptionalLong timestamp(QueryParameters query, String name) {
    Optional<String> text = query.single(name);
    return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(IsoTime.parse(text.get(), name));
  }

  /**
   * Reads an optional integer parameter in a closed range, given at most once.
   *
   * @param query the request's parameters
   * @param name the parameter, e.g. {@code limit}
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @param defaultValue the value when absent
   * @return the value
   * @throws InvalidQueryException when repeated, not an integer, or out of range
   */
  public static long integer(
      QueryParameters query, String name, long min, long max, long defaultValue) {
    Optional<String> text = query.single(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    long value;
    try {
      String digits = text.get().trim();
      // ASCII digits only: Long.parseLong would also read other scripts' digits.
      if (!digits.matches("[+-]?[0-9]+")) {
        throw new NumberFormatException(digits);
      }
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw outOfRange(name, min, max, text.get());
    }
    if (value < min || value > max) {
      throw outOfRange(name, min, max, text.get());
    }
    return value;
  }

  /**
   * Reads {@code limit}: 1..{@value #MAX_LIMIT}, default {@value #MAX_LIMIT}.
   *
   * @param query the request's parameters
   * @return the limit
   * @throws InvalidQueryException when out of range or not an integer
   */
  public static int limit(QueryParameters query) {
    return (int) integer(query, "limit", 1, MAX_LIMIT, MAX_LIMIT);
  }

  /**
   * Converts a {@code search_offset} value (whole minutes, at least 0) to milliseconds.
   *
   * @param name the parameter name, for the message
   * @param text the value
   * @return the offset in milliseconds
   * @throws InvalidQueryException when not a whole number of minutes in 0..2147483647
   */
  public static long searchOffsetMillis(String name, String text) {
    try {
      int minutes = Integer.parseInt(text.trim());
      if (minutes >= 0) {
        return minutes * 60_000L;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidQueryException(
        Violation.of(
            new RequestField(name),
            Rule.MALFORMED,
            text,
            "a whole number of minutes in 0.." + Integer.MAX_VALUE));
  }

  /**
   * Reads an optional boolean flag given at most once: {@code true}/{@code false} in any case, or
   * {@code 1}/{@code 0}.
   *
   * @param query the request's parameters
   * @param name the parameter, e.g. {@code unique}
   * @param defaultValue the value when absent
   * @return the flag
   * @throws InvalidQueryException for any other value
   */
  public static boolean flag(QueryParameters query, String name, boolean defaultValue) {
    Optional<String> text = query.single(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    switch (text.get().trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
        return true;
      case "false":
      case "0":
        return false;
      default:
        throw new InvalidQueryException(
            Violation.of(new RequestField(name), Rule.MALFORMED, text.get(), "True or False"));
    }
  }

  /**
   * Collects the parameters named {@code prefix + KEY}, e.g. {@code metadata.flavor=m1.small}.
   *
   * @param query the request's parameters
   * @param prefix the prefix, e.g. {@code metadata.}
   * @return key (without the prefix) to value, in request order; a repeated key keeps every value
   *     in the list
   * @throws InvalidQueryException when a key is empty
   */
  public static Map<String, List<String>> prefixed(QueryParameters query, String prefix) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : query.entries()) {
      if (!entry.getKey().startsWith(prefix)) {
        continue;
      }
      String key = entry.getKey().substring(prefix.length());
      if (key.isBlank()) {
        throw new InvalidQueryException(
            Violation.of(new RequestField(entry.getKey()), Rule.REQUIRED, key),
            "parameter " + MeterkitException.describe(entry.getKey()) + " names no metadata key");
      }
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(entry.getValue());
    }
    return values;
  }

  private static boolean hasPrefix(String name, String... prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static InvalidQueryException outOfRange(String name, long min, long max, String text) {
    return new InvalidQueryException(
        Violation.of(new RequestField(name), Rule.OUT_OF_RANGE, text, min, max),
        name
            + " must be an integer in "
            + min
            + ".."
            + max
            + ", got: "
            + MeterkitException.describe(text));
  }
}
