package io.meterkit.api;

import io.meterkit.core.MeterkitException;

/**
 * Thrown when a request carries no authenticated caller, or credentials that prove nobody (then by
 * an {@link Authenticator}, with a message that never says which part was wrong); {@link MeterApi}
 * answers 401 with the authenticator's {@code WWW-Authenticate} challenges.
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
