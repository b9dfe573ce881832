package io.meterkit.api;

import io.meterkit.core.MeterkitException;
import java.util.Map;
import java.util.Objects;

/**
 * A request matched to a route: the request, the path parameters the route's template captured, and
 * the authenticated caller.
 *
 * <p>Immutable and thread-safe.
 *
 * @param request the request
 * @param pathParameters template parameter name to percent-decoded segment, e.g. {@code meter ->
 *     cpu_util} for {@code /v2/meters/{meter}}
 * @param principal the authenticated caller; never null ({@link MeterApi} answers 401 before)
 */
public record ApiCall(ApiRequest request, Map<String, String> pathParameters, Principal principal) {
  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException when a component is null
   */
  public ApiCall {
    Objects.requireNonNull(request, "request");
    pathParameters = Map.copyOf(pathParameters);
    Objects.requireNonNull(principal, "principal");
  }

  /**
   * Returns a path parameter of the matched template.
   *
   * @param name the name between braces in the template
   * @return the decoded segment
   * @throws IllegalArgumentException when the template has no such parameter (a programming error)
   */
  public String path(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "the route has no path parameter " + MeterkitException.describe(name));
    }
    return value;
  }

  /**
   * Returns the request's query parameters.
   *
   * @return the parameters
   */
  public QueryParameters query() {
    return request.query();
  }
}
