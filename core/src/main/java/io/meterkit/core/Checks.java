package io.meterkit.core;

/** Validation rules shared by the records of this package; messages name field, rule and value. */
final class Checks {
  private Checks() {}

  /** Checks a required name or id: non-null, non-blank, short, no control characters. */
  static String name(String field, String value) {
    if (value == null) {
      throw new InvalidSampleException(field + " is required, got: null");
    }
    return optionalName(field, value);
  }

  /** Checks an optional name or id: null, or non-blank, short, without control characters. */
  static String optionalName(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new InvalidSampleException(
          field + " must not be blank, got: " + MeterkitException.describe(value));
    }
    text(field, value, Limits.MAX_NAME_LENGTH);
    return value;
  }

  /**
   * Returns whether {@link #text} would accept {@code value}: at most {@code maxLength} characters,
   * no control characters, no unpaired surrogates.
   */
  static boolean isCleanText(String value, int maxLength) {
    if (value.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 >= value.length()
            || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /** Checks the length and the characters of a text value. */
  static void text(String field, String value, int maxLength) {
    if (value.length() > maxLength) {
      throw new InvalidSampleException(
          field
              + " must be at most "
              + maxLength
              + " characters, got "
              + value.length()
              + ": "
              + MeterkitException.describe(value));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new InvalidSampleException(
            field
                + " must not contain control characters, got: "
                + MeterkitException.describe(value));
      }
      if (Character.isSurrogate(c) && !isPairedSurrogate(value, i)) {
        throw new InvalidSampleException(
            field
                + " must be valid UTF-16 (unpaired surrogate at index "
                + i
                + "), got: "
                + MeterkitException.describe(value));
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
  }

  private static boolean isPairedSurrogate(String value, int index) {
    char c = value.charAt(index);
    return Character.isHighSurrogate(c)
        && index + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(index + 1));
  }
}
