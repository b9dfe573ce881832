package io.meterkit.core;

/**
 * Base of the two refusals of bad input, {@link InvalidSampleException} and {@link
 * InvalidQueryException}: each carries the structured facts of what was refused, a {@link
 * Violation}, besides its English message; adapters answer 400.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract class InvalidInputException extends MeterkitException {
  private static final long serialVersionUID = 1L;

  /** The facts; transient because a value need not be serializable. */
  private final transient Violation violation;

  /**
   * Creates the exception.
   *
   * @param violation the facts
   * @param message the facts in English, naming the field, the rule and the value
   */
  protected InvalidInputException(Violation violation, String message) {
    super(message);
    this.violation = java.util.Objects.requireNonNull(violation, "violation");
  }

  /**
   * Returns the facts of the refusal.
   *
   * @return the violation (null only after Java deserialization)
   */
  public Violation violation() {
    return violation;
  }
}
