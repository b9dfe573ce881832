package io.meterkit.core;

/**
 * Thrown when a sample (or a batch holding it) breaks a validation rule; nothing was stored;
 * adapters answer 400.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidSampleException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with meterkit's English for the facts ({@link Violation#message()}).
   *
   * @param violation the facts
   */
  public InvalidSampleException(Violation violation) {
    this(violation, violation.message());
  }

  /**
   * Creates the exception with an adapter's wording of the facts.
   *
   * @param violation the facts
   * @param message the facts in the adapter's words, naming the field, the rule and the value
   */
  public InvalidSampleException(Violation violation, String message) {
    super(violation, message);
  }
}
