package io.meterkit.core;

/**
 * Thrown when a query or one of its parameters is malformed or out of range; adapters answer 400.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidQueryException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with meterkit's English for the facts ({@link Violation#message()}).
   *
   * @param violation the facts
   */
  public InvalidQueryException(Violation violation) {
    this(violation, violation.message());
  }

  /**
   * Creates the exception with a wording of the facts of its own.
   *
   * @param violation the facts
   * @param message the facts in words, naming the field or parameter, the rule and the value
   */
  public InvalidQueryException(Violation violation, String message) {
    super(violation, message);
  }
}
