package io.meterkit.core;

/**
 * Which rule a refused value broke: the {@code rule} fact of a {@link Violation}. The rule's
 * parameters (the longest length, the allowed values, the bounds, the other field) are the
 * violation's {@link Violation#expected() expected} list, in the order each constant documents.
 *
 * <p>Thread-safe: an enum.
 */
public enum Rule {
  /** A required value is missing or empty. */
  REQUIRED,
  /** The value is blank (empty or only white space). */
  NOT_BLANK,
  /** The value is null where null is not accepted. */
  NOT_NULL,
  /** The text is longer than allowed; expected: the most characters. */
  TOO_LONG,
  /** The text holds a control character; expected: the control characters allowed after all. */
  CONTROL_CHARACTERS,
  /** The text is not valid UTF-16; expected: the index of the unpaired surrogate. */
  UNPAIRED_SURROGATE,
  /** The number is NaN or infinite. */
  NOT_FINITE,
  /** The number is larger in magnitude than allowed; expected: the largest magnitude. */
  TOO_LARGE,
  /** The value lies outside a closed range; expected: the lowest and the highest value. */
  OUT_OF_RANGE,
  /** A collection holds more entries than allowed; expected: the most entries. */
  TOO_MANY,
  /** The value is not one of a fixed set; expected: the allowed values. */
  NOT_ONE_OF,
  /** The text does not have the required form; expected: the form, in words. */
  MALFORMED,
  /** A JSON value has the wrong type; expected: the required JSON type. */
  WRONG_TYPE,
  /** A field or parameter name is not known; expected: the known names. */
  UNKNOWN,
  /** A parameter given at most once is repeated. */
  REPEATED,
  /** A range starts after it ends; expected: the end's field and value as given. */
  START_AFTER_END,
  /** A range or window is wider than allowed; expected: the widest allowed. */
  TOO_WIDE,
  /** A range that must be bounded is open. */
  UNBOUNDED,
  /** The value is below its minimum; expected: the minimum. */
  TOO_SMALL,
  /** The number is not a multiple of a step; expected: the step. */
  NOT_A_MULTIPLE,
  /** The value must equal another one; expected: the value it must equal and what that is. */
  MISMATCH,
  /** A sample's type or unit differs from its meter's; expected: the meter, its type, its unit. */
  CONFLICTS_WITH_METER,
  /** The value needs another field or parameter that is missing; expected: that field. */
  NEEDS_COMPANION,
  /** The combination of values is not supported; expected: the supported values. */
  UNSUPPORTED,
  /** Parts of a value contradict each other or do not pair up. */
  INCONSISTENT,
  /** A collection that must hold at least one entry is empty. */
  EMPTY,
  /** The store cannot hold another meter; expected: its capacity. */
  CAPACITY,
  /** An id in the form meterkit assigns names no stored sample. */
  UNKNOWN_ID
}
