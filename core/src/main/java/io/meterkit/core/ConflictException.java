package io.meterkit.core;

/**
 * Thrown when the request would create something that already exists; adapters answer 409.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ConflictException extends MeterkitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the field or parameter, the rule and the offending value
   */
  public ConflictException(String message) {
    super(message);
  }
}
