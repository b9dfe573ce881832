package io.meterkit.api;

import io.meterkit.core.MeterkitException;

/**
 * Thrown when a request carries no authenticated caller; {@link MeterApi} answers 401.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UnauthorizedException extends MeterkitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the request is not authenticated
   */
  public UnauthorizedException(String message) {
    super(message);
  }
}
