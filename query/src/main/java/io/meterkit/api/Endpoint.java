package io.meterkit.api;

/**
 * Handles the requests of one route.
 *
 * <p>Implementations must be thread-safe: {@link MeterApi} calls them from any number of threads.
 * They report refusals by throwing a {@link io.meterkit.core.MeterkitException} subtype, which
 * {@link MeterApi} turns into the JSON error response; they never build error responses themselves.
 */
@FunctionalInterface
public interface Endpoint {
  /**
   * Answers one matched request.
   *
   * @param call the request, its path parameters and its caller
   * @return the response
   */
  ApiResponse handle(ApiCall call);
}
