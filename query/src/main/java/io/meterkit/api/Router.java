package io.meterkit.api;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the route of a request: 404 when no template matches the path, 405 when templates match but
 * none for the method (or the matching route is registered to refuse it, see {@link
 * Routes#notAllowed}). A path with a trailing slash matches only routes of families that accept
 * one. Immutable and thread-safe.
 */
final class Router {
  private final List<Routes.Route> routes;

  Router(List<Routes.Route> routes) {
    this.routes = List.copyOf(routes);
  }

  List<Routes.Route> routes() {
    return routes;
  }

  /** A matched route with its captured path parameters. */
  record Match(Routes.Route route, Map<String, String> pathParameters) {}

  Match resolve(String method, String rawPath) {
    String path = rawPath == null ? "" : rawPath;
    List<String> segments = decode(path);
    boolean trailingSlash = path.length() > 1 && path.endsWith("/");
    Match best = null;
    TreeSet<String> allowed = new TreeSet<>();
    ErrorRenderer renderer = null;
    for (Routes.Route route : routes) {
      if (trailingSlash && !route.trailingSlash()) {
        continue;
      }
      Map<String, String> captured = route.template().match(segments);
      if (captured == null) {
        continue;
      }
      if (!route.method().equals(Routes.ANY_METHOD)) {
        allowed.add(route.method());
      }
      renderer = renderer == null ? route.renderer() : renderer;
      if ((route.method().equals(method) || route.method().equals(Routes.ANY_METHOD))
          && (best == null
              || route.template().literalCount() > best.route().template().literalCount())) {
        best = new Match(route, captured);
      }
    }
    if (best != null && !best.route().refuses()) {
      return best;
    }
    if (!allowed.isEmpty()) {
      throw new MethodNotAllowedException(method, path, allowed, renderer);
    }
    throw new HttpException(404, "no route matches path " + MeterkitException.describe(path), null);
  }

  /** Splits a path into segments, dropping the leading slash and one trailing slash. */
  static List<String> split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    List<String> segments = new ArrayList<>();
    if (trimmed.isEmpty()) {
      return segments;
    }
    for (String segment : trimmed.split("/", -1)) {
      segments.add(segment);
    }
    return segments;
  }

  private static List<String> decode(String rawPath) {
    List<String> segments = split(rawPath == null ? "" : rawPath);
    for (int i = 0; i < segments.size(); i++) {
      try {
        // In a path '+' is a literal plus, not a space: protect it from the form decoder.
        segments.set(
            i, URLDecoder.decode(segments.get(i).replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new InvalidQueryException(
            Violation.of(
                new RequestField("path"),
                Rule.MALFORMED,
                segments.get(i),
                "valid percent-encoding"),
            "path segment must be valid percent-encoding, got: "
                + MeterkitException.describe(segments.get(i)));
      }
    }
    return segments;
  }
}
