package io.meterkit.api.internal;

import io.meterkit.core.Field;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MetadataValue;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.SampleField;
import io.meterkit.core.Violation;
import java.util.List;

/**
 * Words the facts of a refused value ({@link Violation}) as Ceilometer's {@code faultstring}: the
 * exact texts of its API and of the WSME framework it ran on. The facts the Ceilometer families
 * raise, by field and rule (the field a {@link RequestField} unless said otherwise):
 *
 * <ul>
 *   <li>a query parameter name, {@code UNKNOWN}, value the names: {@code Unknown argument: "a, b"};
 *       an argument of a body ({@code samples}, {@code body}), {@code UNKNOWN}, value the list of
 *       names: {@code Unknown attribute for argument samples: x};
 *   <li>a parameter, {@code MALFORMED} with form {@code int}: Python's {@code int()} error; {@code
 *       REPEATED}: the error of {@code int()} on a list; {@code INCONSISTENT}: {@code list index
 *       out of range};
 *   <li>{@code limit}: {@code TOO_SMALL} {@code Limit must be positive}, {@code TOO_LARGE} naming
 *       the maximum; {@code period}: {@code TOO_SMALL} {@code Period must be positive.}, {@code
 *       TOO_LARGE} {@code Invalid period N: date value out of range};
 *   <li>{@code q.field}: {@code UNSUPPORTED} {@code not valid for this resource}, {@code
 *       NOT_ONE_OF} (expected: the query list and the valid keys, as Python prints them) {@code
 *       unrecognized field in query}; {@code q.op} {@code UNSUPPORTED} (expected: the field) {@code
 *       unimplemented operator}; {@code search_offset} {@code NEEDS_COMPANION}; {@code q.type}
 *       {@code NOT_ONE_OF}; {@code q.value} {@code MALFORMED} (expected: the type) {@code Unable to
 *       convert};
 *   <li>{@code groupby}, {@code aggregate.func}, {@code aggregate.param} {@code NOT_ONE_OF};
 *       meterkit's extensions: {@code aggregate.param} {@code MALFORMED} (expected: the form and
 *       the function) {@code Bad aggregate: percentile.P (...)}; {@code aggregate.func} {@code
 *       UNSUPPORTED} (value the meter's type, expected: the type needed, the function, the meter);
 *       {@code period} {@code TOO_MANY} (value the buckets, expected the cap) for calendar periods;
 *   <li>{@code samples} {@code REQUIRED}: {@code Samples should be included in request body};
 *       {@code body} {@code REQUIRED}: {@code Missing argument: "body"}; {@code MALFORMED} with
 *       form {@code valid JSON}: {@code Request is not in valid JSON format}; {@code samples}
 *       {@code MALFORMED} (value the body as Python prints it, expected the reason); {@code filter}
 *       / {@code orderby} {@code MALFORMED} (expected: the detail);
 *   <li>a timestamp parameter {@code MALFORMED} with {@link IsoTime#TIMESTAMP_FORM}: {@code invalid
 *       timestamp format} ({@code Failed to parse the timestamp value} in a filter);
 *   <li>a {@link SampleField} (named in the counter form): {@code REQUIRED} {@code Mandatory field
 *       missing.}, {@code WRONG_TYPE} (expected: the Python type names) {@code Wrong type}, {@code
 *       MISMATCH} ({@code counter_name}: {@code should be M}; {@code project_id}: {@code can not
 *       post samples to other projects}), {@code NOT_ONE_OF} on {@code counter_type}, {@code
 *       CONFLICTS_WITH_METER} naming the meter's type or unit.
 * </ul>
 *
 * <p>Any other facts are worded as WSME words invalid input: {@code Invalid input for
 * field/attribute NAME. Value: 'V'. REASON}, the reason in meterkit's English. Thread-safe:
 * stateless.
 */
public final class CeilometerWords {
  private CeilometerWords() {}

  /**
   * Returns the faultstring of the facts.
   *
   * @param violation the facts
   * @return the text
   */
  public static String faultstring(Violation violation) {
    String name = nameOf(violation.field());
    Object value = violation.value();
    List<String> expected = violation.expected();
    switch (violation.rule()) {
      case UNKNOWN:
        if (value instanceof List<?> names) {
          return "Unknown attribute"
              + (names.size() > 1 ? "s" : "")
              + " for argument "
              + (violation.field() == SampleField.SAMPLE ? "samples" : name)
              + ": "
              + joined(names);
        }
        return "Unknown argument: \"" + value + "\"";
      case REPEATED:
        return invalid(
            name,
            value instanceof List<?> list ? PyRepr.list(strings(list)) : String.valueOf(value),
            "unable to convert to int. Error: int() argument must be a string, a bytes-like object"
                + " or a number, not 'list'");
      case INCONSISTENT:
        return invalid(
            name,
            value instanceof List<?> list ? PyRepr.list(strings(list)) : String.valueOf(value),
            "list index out of range");
      case TOO_SMALL:
        if (name.equals("limit")) {
          return "Limit must be positive";
        }
        if (name.equals("period")) {
          return "Period must be positive.";
        }
        break;
      case TOO_LARGE:
        if (name.equals("limit")) {
          return "Limit must be at most " + expected.get(0);
        }
        if (name.equals("period")) {
          return "Invalid period " + value + ": date value out of range";
        }
        break;
      case OUT_OF_RANGE:
      case NOT_A_MULTIPLE:
        if (name.equals("period")) {
          return "Invalid period "
              + value
              + ": "
              + (violation.rule() == Rule.NOT_A_MULTIPLE
                  ? "must be a multiple of " + expected.get(0) + " seconds"
                  : "must be within " + expected.get(0) + ".." + expected.get(1) + " seconds");
        }
        break;
      case TOO_MANY:
        if (name.equals("period")) { // a calendar period: value the buckets, expected the cap
          return "Invalid period: it cuts the range into "
              + value
              + " buckets, more than the "
              + expected.get(0)
              + " allowed; use a longer period or a shorter range";
        }
        break;
      case UNSUPPORTED:
        if (name.equals("q.field")) {
          return "Unknown argument: \"" + value + "\": not valid for this resource";
        }
        if (name.equals("q.op")) {
          return invalid("op", value, "unimplemented operator for " + expected.get(0));
        }
        if (name.equals("aggregate.func") && expected.size() == 3) {
          return invalid(
              name,
              expected.get(1),
              expected.get(1)
                  + " needs a "
                  + expected.get(0)
                  + " meter, but "
                  + expected.get(2)
                  + " is a "
                  + value
                  + " meter");
        }
        break;
      case NEEDS_COMPANION:
        if (name.equals("search_offset")) {
          return invalid(
              "field", "search_offset", "search_offset cannot be used without timestamp");
        }
        break;
      case NOT_ONE_OF:
        return notOneOf(violation, name);
      case REQUIRED:
        if (name.equals("samples")) {
          return "Samples should be included in request body";
        }
        if (name.equals("body")) {
          return "Missing argument: \"body\"";
        }
        return invalid(name, "None", "Mandatory field missing.");
      case EMPTY:
        if (name.equals("samples")) {
          return "Samples should be included in request body";
        }
        break;
      case MALFORMED:
        return malformed(violation, name);
      case WRONG_TYPE:
        if (expected.size() == 2) {
          return invalid(
              name,
              value,
              "Wrong type. Expected '<class '"
                  + expected.get(0)
                  + "'>', got '<class '"
                  + expected.get(1)
                  + "'>'");
        }
        break;
      case MISMATCH:
        if (violation.field() == SampleField.PROJECT_ID) {
          return invalid(name, value, "can not post samples to other projects");
        }
        return invalid(name, value, "should be " + expected.get(0));
      case TOO_WIDE:
        return invalid(
            name,
            value + " seconds",
            "the range may span at most period x 1440 = "
                + expected.get(0)
                + " seconds for period "
                + expected.get(1)
                + " (1209600 at most)");
      case CONFLICTS_WITH_METER:
        return violation.field() == SampleField.TYPE
            ? invalid(
                name, value, "The type of meter " + expected.get(0) + " is " + expected.get(1))
            : invalid(
                name,
                value,
                "The unit of meter " + expected.get(0) + " is " + PyRepr.string(expected.get(2)));
      default:
        break;
    }
    return invalid(name, value, violation.messageFor("").substring(1));
  }

  private static String notOneOf(Violation violation, String name) {
    Object value = violation.value();
    List<String> expected = violation.expected();
    switch (name) {
      case "q.field":
        return "Unknown argument: \""
            + value
            + "\": unrecognized field in query: "
            + expected.get(0)
            + ", valid keys: "
            + expected.get(1);
      case "q.type":
        return "The data type "
            + value
            + " is not supported. The supported data type list is: "
            + PyRepr.list(expected);
      case "groupby":
        return "Unknown argument: \"" + value + "\": Invalid groupby fields";
      case "aggregate.func":
        return "Invalid aggregation function: " + value;
      case "aggregate.param":
        return "Bad aggregate: " + expected.get(0) + "." + value;
      case "counter_type":
        return invalid(name, value, "The counter type must be: " + String.join(", ", expected));
      default:
        return invalid(name, value, violation.messageFor("").substring(1));
    }
  }

  private static String malformed(Violation violation, String name) {
    Object value = violation.value();
    String form = violation.expected().isEmpty() ? "" : violation.expected().get(0);
    if (name.equals("filter") && form.equals(IsoTime.TIMESTAMP_FORM)) {
      return "Failed to parse the timestamp value " + value;
    }
    switch (name) {
      case "aggregate.param":
        if (violation.expected().size() > 1) { // a meterkit aggregate's parameter, e.g. percentile
          String function = violation.expected().get(1);
          return "Bad aggregate: "
              + function
              + "."
              + value
              + " (aggregate.param of "
              + function
              + " must be "
              + form
              + ")";
        }
        break;
      case "filter":
        return "Filter expression not valid: " + form;
      case "orderby":
        return "Order-by expression not valid: " + form;
      case "samples":
        return invalid(name, value, form);
      case "q.value":
        return "Unable to convert the value " + value + " to the expected data type " + form + ".";
      default:
        break;
    }
    if (form.equals("valid JSON")) {
      return "Request is not in valid JSON format";
    }
    if (form.equals(IsoTime.TIMESTAMP_FORM)) {
      return invalid(name, value, "invalid timestamp format");
    }
    if (form.equals("int")) {
      return invalid(
          name,
          value,
          "unable to convert to int. Error: invalid literal for int() with base 10: "
              + PyRepr.string(String.valueOf(value)));
    }
    return invalid(name, value, violation.messageFor("").substring(1));
  }

  /** WSME's {@code InvalidInput}: {@code Invalid input for field/attribute N. Value: 'V'. M}. */
  static String invalid(String name, Object value, String reason) {
    String text = value == null ? "None" : String.valueOf(value);
    // Ceilometer quoted any value in full; meterkit cuts a huge one so a message stays short.
    return "Invalid input for field/attribute "
        + name
        + ". Value: '"
        + (text.length() > 520 ? text.substring(0, 512) + "..." : text)
        + "'. "
        + (reason.length() > 300 ? reason.substring(0, 300) + "..." : reason);
  }

  /** The name of a field on the Ceilometer wire: a sample field in the counter form. */
  private static String nameOf(Field field) {
    if (field instanceof SampleField sample) {
      return sample == SampleField.METADATA_KEY
          ? "resource_metadata"
          : SampleReader.counterName(sample) == null ? "samples" : SampleReader.counterName(sample);
    }
    if (field instanceof MetadataValue) {
      return "resource_metadata";
    }
    return field.label();
  }

  private static List<String> strings(List<?> items) {
    return items.stream().map(String::valueOf).toList();
  }

  private static String joined(List<?> items) {
    return String.join(", ", strings(items));
  }
}
