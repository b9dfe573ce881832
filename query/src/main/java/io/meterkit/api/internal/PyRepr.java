package io.meterkit.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's text forms of values, as Ceilometer's messages and flattened metadata print them (Python
 * 3): {@code repr('abc')} is {@code 'abc'}, {@code str(True)} is {@code True}, {@code str(0.47)} is
 * {@code 0.47}, {@code str(1e16)} is {@code 1e+16}, {@code repr([1, 'a'])} is {@code [1, 'a']}, a
 * JSON object prints as a dict in its member order.
 *
 * <p>Thread-safe: stateless.
 */
public final class PyRepr {
  private PyRepr() {}

  /**
   * Returns {@code repr(text)}: single quotes unless the text holds a single quote and no double
   * quote; backslashes, the quote and control characters escaped.
   *
   * @param text the string, or null for {@code None}
   * @return the repr
   */
  public static String string(String text) {
    if (text == null) {
      return "None";
    }
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(quote).toString();
  }

  /**
   * Returns {@code repr(list)} of strings: {@code ['1', '1']}.
   *
   * @param items the strings
   * @return the repr
   */
  public static String list(Collection<String> items) {
    StringBuilder out = new StringBuilder("[");
    for (String item : items) {
      out.append(out.length() == 1 ? "" : ", ").append(string(item));
    }
    return out.append(']').toString();
  }

  /**
   * Returns {@code repr(set)} of strings as Python 3 prints a set, in the given order: {@code
   * {'wtf'}}.
   *
   * @param items the strings, not empty
   * @return the repr
   */
  public static String set(Collection<String> items) {
    String list = list(items);
    return "{" + list.substring(1, list.length() - 1) + "}";
  }

  /**
   * Returns {@code str(float)} of a double: the shortest digits, in fixed notation when the decimal
   * exponent is in -4..15 (always with a fraction, {@code 1.0}), else in scientific notation with a
   * signed two-digit exponent ({@code 1e+16}, {@code 1.5e-05}).
   *
   * @param value a finite double
   * @return the text
   */
  public static String floating(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      String plain = shortest.toPlainString();
      return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }
    String digits = shortest.unscaledValue().abs().toString();
    StringBuilder out = new StringBuilder();
    if (shortest.signum() < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    return out.append(magnitude).toString();
  }

  /**
   * Returns {@code str(value)} of a parsed JSON value as Python's {@code json} module would have
   * parsed it: strings as they are, {@code True}/{@code False}/{@code None}, integers in full,
   * other numbers as floats, containers as their repr.
   *
   * @param node the value
   * @return the text
   */
  public static String str(JsonNode node) {
    return node.isTextual() ? node.textValue() : repr(node);
  }

  /**
   * Returns {@code repr(value)} of a parsed JSON value: dicts in member order, lists, quoted
   * strings, numbers, {@code True}/{@code False}/{@code None}.
   *
   * @param node the value
   * @return the repr
   */
  public static String repr(JsonNode node) {
    StringBuilder out = new StringBuilder();
    append(out, node);
    return out.toString();
  }

  /**
   * Returns {@link #repr} cut after 512 characters (then ending in {@code ...}), so that a message
   * quoting a huge body stays short.
   *
   * @param node the value
   * @return the repr, at most 515 characters
   */
  public static String abbreviated(JsonNode node) {
    String repr = repr(node);
    return repr.length() <= 512 ? repr : repr.substring(0, 512) + "...";
  }

  /**
   * Cuts text quoted in a message after 512 characters (then ending in {@code ...}); Ceilometer
   * printed values in full, meterkit keeps a message short.
   *
   * @param text any text
   * @return the text, at most 515 characters
   */
  public static String cut(String text) {
    return text.length() <= 512 ? text : text.substring(0, 512) + "...";
  }

  private static void append(StringBuilder out, JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("None");
    } else if (node.isTextual()) {
      out.append(string(node.textValue()));
    } else if (node.isBoolean()) {
      out.append(node.booleanValue() ? "True" : "False");
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      out.append(floating(node.doubleValue()));
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        append(out, node.get(i));
      }
      out.append(']');
    } else {
      out.append('{');
      Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
      boolean first = true;
      while (members.hasNext()) {
        Map.Entry<String, JsonNode> member = members.next();
        out.append(first ? "" : ", ").append(string(member.getKey())).append(": ");
        append(out, member.getValue());
        first = false;
      }
      out.append('}');
    }
  }

  /**
   * Returns the Python class name of a parsed JSON value as a WSME type error prints it.
   *
   * @param node the value
   * @return e.g. {@code <class 'int'>}
   */
  public static String typeOf(JsonNode node) {
    String name;
    if (node == null || node.isNull()) {
      name = "NoneType";
    } else if (node.isTextual()) {
      name = "str";
    } else if (node.isBoolean()) {
      name = "bool";
    } else if (node.isIntegralNumber()) {
      name = "int";
    } else if (node.isNumber()) {
      name = "float";
    } else if (node.isArray()) {
      name = "list";
    } else {
      name = "dict";
    }
    return "<class '" + name + "'>";
  }
}
