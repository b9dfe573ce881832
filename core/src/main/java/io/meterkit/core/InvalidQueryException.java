package io.meterkit.core;

/**
 * Thrown when a query or one of its parameters is malformed or out of range; adapters answer 400.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidQueryException extends MeterkitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the field or parameter, the rule and the offending value
   */
  public InvalidQueryException(String message) {
    super(message);
  }
}
