package io.meterkit.api;

import io.meterkit.core.MeterkitException;
import java.util.Set;

/**
 * Thrown when a request exceeds a limit of what one request may cost; {@link MeterApi} answers it
 * with the status the limit chose: 400 (too many query terms), 413 (body or batch too large), 414
 * (URL too long), 431 (headers too large) or 503 (the server is full; hosts add {@code
 * Retry-After}). Nothing of a refused request is stored.
 *
 * <p>Hosts refuse what their binding limits (body, URL, headers, capacity) with this exception
 * through {@link MeterApi#refuse}, so that the refusal has the same error body as every other.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LimitExceededException extends MeterkitException {
  private static final long serialVersionUID = 1L;
  private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 431, 503);

  private final int status;

  /**
   * Creates the exception.
   *
   * @param status 400, 413, 414, 431 or 503
   * @param message the limit and what exceeded it, e.g. {@code the body may hold at most 16777216
   *     bytes}
   * @throws IllegalArgumentException for any other status
   */
  public LimitExceededException(int status, String message) {
    super(message);
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "a limit answers 400, 413, 414, 431 or 503, got: " + status);
    }
    this.status = status;
  }

  /**
   * Returns the HTTP status of the refusal.
   *
   * @return 400, 413, 414, 431 or 503
   */
  public int status() {
    return status;
  }
}
