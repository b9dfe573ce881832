package io.meterkit.core;

/**
 * Thrown when the caller's identity may not perform the request; adapters answer 403.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ForbiddenException extends MeterkitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the field or parameter, the rule and the offending value
   */
  public ForbiddenException(String message) {
    super(message);
  }
}
