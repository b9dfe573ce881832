package io.meterkit.core;

/**
 * Thrown when a sample (or a batch holding it) breaks a validation rule; nothing was stored;
 * adapters answer 400.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidSampleException extends MeterkitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the field or parameter, the rule and the offending value
   */
  public InvalidSampleException(String message) {
    super(message);
  }
}
