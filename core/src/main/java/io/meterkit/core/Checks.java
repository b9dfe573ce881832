package io.meterkit.core;

/** Validation rules shared by the records of this package; each refusal carries its facts. */
final class Checks {
  private static final Object[] LINE_BREAKS = {"tab", "line feed", "carriage return"};

  private Checks() {}

  /** Checks a required name or id: non-null, non-blank, short, no control characters. */
  static String name(Field field, String value) {
    if (value == null) {
      throw new InvalidSampleException(Violation.of(field, Rule.REQUIRED, null));
    }
    return optionalName(field, value);
  }

  /**
   * Checks a unit: non-null, short, without control characters; unlike a name it may be empty or
   * blank (Ceilometer's own data uses {@code ""} for dimensionless meters).
   */
  static String unit(String value) {
    if (value == null) {
      throw new InvalidSampleException(Violation.of(SampleField.UNIT, Rule.REQUIRED, null));
    }
    text(SampleField.UNIT, value, Limits.MAX_NAME_LENGTH, false);
    return value;
  }

  /** Checks an optional name or id: null, or non-blank, short, without control characters. */
  static String optionalName(Field field, String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new InvalidSampleException(Violation.of(field, Rule.NOT_BLANK, value));
    }
    text(field, value, Limits.MAX_NAME_LENGTH, false);
    return value;
  }

  /**
   * Returns whether {@link #text} would accept {@code value}: at most {@code maxLength} characters,
   * no control characters (but tab, line feed and carriage return when {@code lineBreaks}), no
   * unpaired surrogates.
   */
  static boolean isCleanText(String value, int maxLength, boolean lineBreaks) {
    if (value.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 || c == 0x7f) && !(lineBreaks && isLineBreakOrTab(c))) {
        return false;
      }
      if (Character.isSurrogate(c)) {
        if (!isPairedSurrogate(value, i)) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /** Checks the length and the characters of a text value; see {@link #isCleanText}. */
  static void text(Field field, String value, int maxLength, boolean lineBreaks) {
    if (isCleanText(value, maxLength, lineBreaks)) {
      return;
    }
    if (value.length() > maxLength) {
      throw new InvalidSampleException(Violation.of(field, Rule.TOO_LONG, value, maxLength));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 || c == 0x7f) && !(lineBreaks && isLineBreakOrTab(c))) {
        throw new InvalidSampleException(
            Violation.of(
                field, Rule.CONTROL_CHARACTERS, value, lineBreaks ? LINE_BREAKS : new Object[0]));
      }
      if (Character.isSurrogate(c) && !isPairedSurrogate(value, i)) {
        throw new InvalidSampleException(Violation.of(field, Rule.UNPAIRED_SURROGATE, value, i));
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
  }

  private static boolean isLineBreakOrTab(char c) {
    return c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isPairedSurrogate(String value, int index) {
    char c = value.charAt(index);
    return Character.isHighSurrogate(c)
        && index + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(index + 1));
  }
}
