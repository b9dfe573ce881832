package io.meterkit.core;

/**
 * Base of the small family of exceptions meterkit throws when it refuses a request.
 *
 * <p>It extends {@link IllegalArgumentException}: every refusal is about an argument the caller
 * gave (a sample, a query, an id, an identity). The message always names the field or parameter,
 * the rule, and the offending value. Subtypes tell adapters which status to answer: {@link
 * InvalidSampleException} and {@link InvalidQueryException} (400), {@link NotFoundException} (404),
 * {@link ForbiddenException} (403) and {@link ConflictException} (409).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class MeterkitException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names the field, the rule and the value.
   *
   * @param message the precise reason
   */
  public MeterkitException(String message) {
    super(message);
  }

  /**
   * Formats a value for an error message: quoted, with control characters escaped, and cut after 64
   * characters so that a huge input does not produce a huge message.
   *
   * @param value any value, possibly null
   * @return a short printable rendering of {@code value}
   */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(Math.min(text.length(), 64) + 16).append('\'');
    int limit = Math.min(text.length(), 64);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    if (text.length() > limit) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }
}
