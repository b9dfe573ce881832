package io.meterkit.core;

/**
 * Thrown when a named meter, resource, sample, tenant or route does not exist; adapters answer 404.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class NotFoundException extends MeterkitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the field or parameter, the rule and the offending value
   */
  public NotFoundException(String message) {
    super(message);
  }
}
