package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * How a metadata filter value compares with the stored metadata string (Ceilometer's {@code
 * q.type}).
 *
 * <p>Thread-safe: an enum.
 */
public enum ValueType {
  /** Exact string equality; stored {@code true}/{@code false} compare ignoring case. */
  STRING,
  /**
   * Both sides are numbers with the same integer value ({@code 0} matches {@code 0} and {@code
   * 0.0}).
   */
  INTEGER,
  /** Both sides are numbers with the same double value. */
  FLOAT,
  /** Both sides are {@code true} or {@code false}, ignoring case. */
  BOOLEAN;

  /**
   * Parses a {@code q.type} value.
   *
   * @param text {@code string}, {@code integer}, {@code float} or {@code boolean}, any case
   * @return the type
   * @throws InvalidQueryException for anything else
   */
  public static ValueType parse(String text) {
    if (text != null) {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "string":
          return STRING;
        case "integer":
        case "int":
          return INTEGER;
        case "float":
        case "double":
          return FLOAT;
        case "boolean":
        case "bool":
          return BOOLEAN;
        default:
          break;
      }
    }
    throw new InvalidQueryException(
        Violation.of(
            QueryField.VALUE_TYPE, Rule.NOT_ONE_OF, text, "string", "integer", "float", "boolean"));
  }

  /**
   * Infers the type of a filter value written without {@code q.type}: an integer literal is {@link
   * #INTEGER}, a decimal literal {@link #FLOAT}, {@code true}/{@code false} in any case {@link
   * #BOOLEAN}, anything else {@link #STRING}.
   *
   * @param value the filter value
   * @return the inferred type
   */
  public static ValueType infer(String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return BOOLEAN;
    }
    if (value.matches("[+-]?\\d{1,18}")) {
      return INTEGER;
    }
    if (value.matches("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?") && parsesAsDouble(value)) {
      return FLOAT;
    }
    return STRING;
  }

  /**
   * Returns whether a stored metadata string matches a filter value of this type.
   *
   * @param stored the stored string
   * @param wanted the filter value, valid for this type
   * @return true on a match
   */
  public boolean matches(String stored, String wanted) {
    switch (this) {
      case INTEGER:
        // Exact: beyond 2^53 distinct integers round to the same double.
        BigDecimal storedNumber = decimal(stored);
        return storedNumber != null && storedNumber.compareTo(new BigDecimal(wanted)) == 0;
      case FLOAT:
        Double left = number(stored);
        Double right = number(wanted);
        return left != null && right != null && left.doubleValue() == right.doubleValue();
      case BOOLEAN:
        return stored.equalsIgnoreCase(wanted)
            && (stored.equalsIgnoreCase("true") || stored.equalsIgnoreCase("false"));
      default:
        return stored.equals(wanted)
            || ((stored.equals("true") || stored.equals("false"))
                && stored.equalsIgnoreCase(wanted));
    }
  }

  /**
   * Checks that a filter value is valid for this type.
   *
   * @param field the filtered field, for the message
   * @param value the filter value
   * @throws InvalidQueryException when the value is not of this type
   */
  public void check(String field, String value) {
    boolean valid;
    switch (this) {
      case INTEGER:
        valid = value.matches("[+-]?\\d{1,18}");
        break;
      case FLOAT:
        valid = number(value) != null;
        break;
      case BOOLEAN:
        valid = value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
        break;
      default:
        valid = true;
    }
    if (!valid) {
      throw new InvalidQueryException(
          Violation.of(
              QueryField.METADATA_VALUE,
              Rule.MALFORMED,
              value,
              field,
              name().toLowerCase(Locale.ROOT)),
          "value of "
              + field
              + " must be "
              + name().toLowerCase(Locale.ROOT)
              + ", got: "
              + MeterkitException.describe(value));
    }
  }

  private static boolean parsesAsDouble(String value) {
    return number(value) != null;
  }

  private static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double number(String text) {
    try {
      double value = Double.parseDouble(text.trim());
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
