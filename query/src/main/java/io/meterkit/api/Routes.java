package io.meterkit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The registry families add their routes to: an HTTP method, a path template and an endpoint.
 *
 * <p>Templates are absolute paths whose segments are literals or {@code {name}} parameters, e.g.
 * {@code /v2/meters/{meter}/statistics}; a parameter matches one non-empty, percent-decoded
 * segment. A trailing slash is ignored on both templates and request paths, so {@code /burstusage/}
 * also matches {@code /burstusage}, unless the family refuses trailing slashes ({@link
 * ApiFamily#acceptsTrailingSlash()}). When several templates match a path, the one with the most
 * literal segments wins. Registering the same method and template twice is an error.
 *
 * <p>Not thread-safe: used only while a {@link MeterApi} is being built.
 */
public final class Routes {
  /** The method of a route that answers every method ({@link #any}). */
  static final String ANY_METHOD = "*";

  private final List<Route> routes = new ArrayList<>();
  private ErrorRenderer renderer = ErrorRenderer.STANDARD;
  private boolean trailingSlash = true;

  Routes() {}

  /** Registers a family's routes, each answering errors with the family's renderer. */
  void register(ApiFamily family) {
    renderer = Objects.requireNonNull(family.errorRenderer(), "errorRenderer");
    trailingSlash = family.acceptsTrailingSlash();
    try {
      family.register(this);
    } finally {
      renderer = ErrorRenderer.STANDARD;
      trailingSlash = true;
    }
  }

  /**
   * Registers a GET route.
   *
   * @param template the path template
   * @param endpoint the handler
   * @return this registry
   */
  public Routes get(String template, Endpoint endpoint) {
    return add("GET", template, endpoint);
  }

  /**
   * Registers a POST route.
   *
   * @param template the path template
   * @param endpoint the handler
   * @return this registry
   */
  public Routes post(String template, Endpoint endpoint) {
    return add("POST", template, endpoint);
  }

  /**
   * Registers a DELETE route.
   *
   * @param template the path template
   * @param endpoint the handler
   * @return this registry
   */
  public Routes delete(String template, Endpoint endpoint) {
    return add("DELETE", template, endpoint);
  }

  /**
   * Registers a route that answers every method the same way (a version document, a resource that
   * is gone whatever is asked of it).
   *
   * @param template the path template
   * @param endpoint the handler
   * @return this registry
   */
  public Routes any(String template, Endpoint endpoint) {
    return add(ANY_METHOD, template, endpoint, false);
  }

  /**
   * Registers a method on a path only to refuse it: the request is answered 405 and the method is
   * listed in {@code Allow} with the path's other methods, as some frameworks answer for a path
   * their controller knows but cannot serve.
   *
   * @param method the HTTP method, any case
   * @param template the path template
   * @return this registry
   */
  public Routes notAllowed(String method, String template) {
    return add(
        method,
        template,
        call -> {
          throw new IllegalStateException("a refusing route never runs");
        },
        true);
  }

  /**
   * Registers a route.
   *
   * @param method the HTTP method, any case
   * @param template the path template
   * @param endpoint the handler
   * @return this registry
   * @throws IllegalArgumentException when the template is malformed or the route already exists
   */
  public Routes add(String method, String template, Endpoint endpoint) {
    return add(method, template, endpoint, false);
  }

  private Routes add(String method, String template, Endpoint endpoint, boolean refuses) {
    Route route =
        new Route(
            Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT),
            PathTemplate.parse(template),
            Objects.requireNonNull(endpoint, "endpoint"),
            renderer,
            trailingSlash,
            refuses);
    for (Route existing : routes) {
      if (existing.method().equals(route.method())
          && existing.template().sameShape(route.template())) {
        throw new IllegalArgumentException(
            "route " + route.method() + " " + template + " is already registered");
      }
    }
    routes.add(route);
    return this;
  }

  List<Route> list() {
    return List.copyOf(routes);
  }

  /**
   * One registered route, the renderer of its family's errors, whether a trailing slash may follow
   * its path, and whether it only refuses its method with 405.
   */
  record Route(
      String method,
      PathTemplate template,
      Endpoint endpoint,
      ErrorRenderer renderer,
      boolean trailingSlash,
      boolean refuses) {}
}
