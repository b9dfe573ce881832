package io.meterkit.api;

import io.meterkit.core.MeterkitException;
import java.util.Optional;
import java.util.Set;

/**
 * A refusal made by the HTTP layer itself rather than by an endpoint's validation: no route matches
 * the path (404), the path exists for other methods (405, see {@link #allowed()}), the response
 * type the client accepts cannot be produced (406), the resource is gone for good (410), or the
 * body's media type is not understood (415). {@link MeterApi} answers it with its status; the
 * family's {@link ErrorRenderer} may render these differently from validation errors (Ceilometer
 * renders the first four as its web framework did).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class HttpException extends MeterkitException {
  private static final long serialVersionUID = 1L;
  private static final Set<Integer> STATUSES = Set.of(404, 405, 406, 410, 415);

  private final int status;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param status 404, 405, 406, 410 or 415
   * @param message meterkit's English for the refusal
   * @param detail the detail a client is shown besides the status (e.g. why a resource is gone), or
   *     null when the status says it all
   * @throws IllegalArgumentException for another status
   */
  public HttpException(int status, String message, String detail) {
    super(message);
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "an HTTP refusal answers 404, 405, 406, 410 or 415, got: " + status);
    }
    this.status = status;
    this.detail = detail;
  }

  /**
   * Returns the HTTP status.
   *
   * @return 404, 405, 406, 410 or 415
   */
  public int status() {
    return status;
  }

  /**
   * Returns the detail shown besides the status.
   *
   * @return the detail, or empty when there is none
   */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * Returns the methods the path supports, for a 405.
   *
   * @return the methods, sorted; empty for any other status
   */
  public Set<String> allowed() {
    return Set.of();
  }
}
