package io.meterkit.api.v2;

import io.meterkit.api.internal.QueryTerm;
import io.meterkit.api.internal.SampleReader;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import io.meterkit.query.MetadataMatch;
import io.meterkit.query.ValueType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a v2 metadata term's value is typed, as Ceilometer's {@code Query._get_value_as_type}:
 * without {@code q.type} (or with an empty one) the value is read as a Python literal ({@code 123}
 * an integer, {@code 0.75} a float, {@code True}/{@code False} a boolean, a quoted string its
 * content, anything else the text as given); {@code integer}, {@code float}, {@code boolean}
 * (strict: true/false/1/0/yes/no/on/off/t/f/y/n), {@code string} and {@code datetime} convert it or
 * refuse with {@code Unable to convert ...}; any other type is refused as not supported.
 *
 * <p>Thread-safe: stateless.
 */
final class MetadataTyping {
  /** The types {@code q.type} may name, as Ceilometer lists them. */
  static final List<String> TYPES = List.of("integer", "float", "string", "boolean", "datetime");

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][+-]?[0-9]+)?");
  private static final List<String> TRUE = List.of("true", "1", "yes", "on", "t", "y");
  private static final List<String> FALSE = List.of("false", "0", "no", "off", "f", "n");

  private MetadataTyping() {}

  static MetadataMatch match(String path, QueryTerm term) {
    String key = SampleReader.flatKey(path);
    String value = term.value() == null ? "None" : term.value();
    String type = term.type();
    if (type == null || type.isEmpty()) {
      return literal(key, value);
    }
    if (!TYPES.contains(type)) {
      throw new InvalidQueryException(
          new Violation(new RequestField("q.type"), Rule.NOT_ONE_OF, type, TYPES, null),
          "the data type " + type + " is not supported");
    }
    String stripped = value.strip();
    switch (type) {
      case "integer":
        if (INTEGER.matcher(stripped).matches()) {
          return new MetadataMatch(key, stripped.replace("_", ""), ValueType.INTEGER);
        }
        break;
      case "float":
        if (FLOAT.matcher(stripped).matches()) {
          return new MetadataMatch(key, stripped, ValueType.FLOAT);
        }
        break;
      case "boolean":
        String lower = stripped.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower) || FALSE.contains(lower)) {
          return new MetadataMatch(key, TRUE.contains(lower) ? "True" : "False", ValueType.BOOLEAN);
        }
        break;
      case "datetime":
        try {
          return MetadataMatch.string(key, IsoTime.format(IsoTime.parse(value, "q.value")));
        } catch (InvalidQueryException e) {
          break;
        }
      default:
        return MetadataMatch.string(key, value);
    }
    throw new InvalidQueryException(
        Violation.of(new RequestField("q.value"), Rule.MALFORMED, value, type),
        "unable to convert the value " + value + " to " + type);
  }

  // ast.literal_eval, for the literals a metadata value can be; anything else stays text.
  private static MetadataMatch literal(String key, String value) {
    String stripped = value.strip();
    if (INTEGER.matcher(stripped).matches()) {
      return new MetadataMatch(key, stripped.replace("_", ""), ValueType.INTEGER);
    }
    if (FLOAT.matcher(stripped).matches()) {
      return new MetadataMatch(key, stripped, ValueType.FLOAT);
    }
    if (stripped.equals("True") || stripped.equals("False")) {
      return new MetadataMatch(key, stripped, ValueType.BOOLEAN);
    }
    if (stripped.length() >= 2
        && (stripped.charAt(0) == '\'' || stripped.charAt(0) == '"')
        && stripped.charAt(stripped.length() - 1) == stripped.charAt(0)) {
      return MetadataMatch.string(key, stripped.substring(1, stripped.length() - 1));
    }
    return MetadataMatch.string(key, value);
  }
}
