package io.meterkit.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The facts of one refused value: which {@link Field}, which item of a batch, which {@link Rule}
 * and the offending value. {@link InvalidSampleException} and {@link InvalidQueryException} carry
 * one, so that every adapter can word the refusal in the language of its wire format from the
 * facts, never by reading the message.
 *
 * <p>{@link #message()} is meterkit's own English, e.g. {@code samples[3]: volume must be finite,
 * got: NaN}; {@link #messageFor(String)} words the same facts with another name for the field, e.g.
 * {@code counter_volume must be finite, got: NaN}.
 *
 * <p>Immutable and thread-safe (the value is one of the immutable values the rule was checked on: a
 * string, a boxed number, a list of strings, or null).
 *
 * @param field what the value was given for
 * @param rule the rule it broke
 * @param value the offending value as given (text, number or null)
 * @param expected the rule's parameters as text, in the order {@link Rule} documents; may be empty
 * @param index the position of the refused item in its batch, or null when the value is not part of
 *     a batch
 */
public record Violation(
    Field field, Rule rule, Object value, List<String> expected, Integer index) {
  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException when field, rule or expected is null
   */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
    expected = List.copyOf(expected);
  }

  /**
   * Creates the facts of a value outside any batch.
   *
   * @param field what the value was given for
   * @param rule the rule it broke
   * @param value the offending value as given
   * @param expected the rule's parameters, as {@link Rule} documents them
   * @return the violation
   */
  public static Violation of(Field field, Rule rule, Object value, Object... expected) {
    String[] texts = new String[expected.length];
    for (int i = 0; i < expected.length; i++) {
      texts[i] = String.valueOf(expected[i]);
    }
    return new Violation(field, rule, value, List.of(texts), null);
  }

  /**
   * Returns these facts for the item at {@code position} of a batch.
   *
   * @param position the index of the item, from 0
   * @return a copy with the index set
   */
  public Violation at(int position) {
    return new Violation(field, rule, value, expected, position);
  }

  /**
   * Returns meterkit's English for these facts: the field's {@link Field#label() label}, the rule
   * and the value, preceded by {@code samples[i]: } for an item of a batch.
   *
   * @return e.g. {@code samples[3]: volume must be finite, got: NaN}
   */
  public String message() {
    String message = messageFor(field.label());
    return index == null ? message : "samples[" + index + "]: " + message;
  }

  /**
   * Returns the English for these facts with another name for the field and no batch position: how
   * an adapter words a refusal in the field names of its wire format.
   *
   * @param fieldName the field as the adapter names it, e.g. {@code samples[3].counter_volume}
   * @return e.g. {@code samples[3].counter_volume must be finite, got: NaN}
   */
  public String messageFor(String fieldName) {
    return fieldName + " " + phrase();
  }

  // The rule and the value, in the words that follow the field's name.
  private String phrase() {
    switch (rule) {
      case REQUIRED:
        return "is required, got: " + (value == null ? "null" : MeterkitException.describe(value));
      case NOT_BLANK:
        return "must not be blank, got: " + described();
      case NOT_NULL:
        return "must not be null";
      case TOO_LONG:
        return "must be at most "
            + expected.get(0)
            + " characters, got "
            + String.valueOf(value).length()
            + ": "
            + described();
      case CONTROL_CHARACTERS:
        return "must not contain control characters"
            + (expected.isEmpty() ? "" : " other than " + inWords(expected))
            + ", got: "
            + described();
      case UNPAIRED_SURROGATE:
        return "must be valid UTF-16 (unpaired surrogate at index "
            + expected.get(0)
            + "), got: "
            + described();
      case NOT_FINITE:
        return "must be finite, got: " + value;
      case TOO_LARGE:
        return "must be at most " + expected.get(0) + " in magnitude, got: " + value;
      case OUT_OF_RANGE:
        return "must be within " + expected.get(0) + ".." + expected.get(1) + ", got: " + raw();
      case TOO_MANY:
        return "must have at most " + expected.get(0) + " entries, got: " + value;
      case NOT_ONE_OF:
        return "must be one of " + String.join(", ", expected) + ", got: " + described();
      case TOO_SMALL:
        return "must be >= " + expected.get(0) + ", got: " + value;
      case MALFORMED:
        return "must be " + expected.get(0) + ", got: " + described();
      default:
        return "breaks rule "
            + rule
            + (expected.isEmpty() ? "" : " " + expected)
            + ", got: "
            + described();
    }
  }

  private String described() {
    return MeterkitException.describe(value);
  }

  // A timestamp is shown as milliseconds and as an instant; other values as they are.
  private String raw() {
    return field == SampleField.TIMESTAMP && value instanceof Long millis
        ? millis + " ms (" + Instant.ofEpochMilli(millis) + ")"
        : String.valueOf(value);
  }

  // "a", "a and b", "a, b and c".
  private static String inWords(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
