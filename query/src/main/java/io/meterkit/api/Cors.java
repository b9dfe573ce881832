package io.meterkit.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-origin resource sharing as OpenStack's CORS middleware answered in front of Ceilometer:
 * which browser origins may call the API ({@link MeterApi.Builder#cors}).
 *
 * <ul>
 *   <li><b>Preflight.</b> {@code OPTIONS} on any path is answered with an empty 200 without a
 *       content type, whatever the origin. The CORS headers ({@code Vary: Origin}, {@code
 *       Access-Control-Allow-Origin}, {@code -Allow-Credentials: true}, {@code -Max-Age: 3600},
 *       {@code -Allow-Methods} with the requested method and, when headers were requested, {@code
 *       -Allow-Headers}) are added only when the origin is allowed, the requested method is one of
 *       {@value #ALLOW_METHODS} (exact case) and every requested header is one of {@value
 *       #ALLOW_HEADERS} or a simple header (case ignored).
 *   <li><b>Other requests</b> from an allowed {@code Origin} get {@code Vary: Origin}, {@code
 *       Access-Control-Allow-Origin}, {@code -Allow-Credentials: true} and {@code -Expose-Headers:
 *       }{@value #EXPOSE_HEADERS}, errors included; a response that already names an allowed origin
 *       is left alone. Other origins get no CORS header.
 *   <li>An origin is allowed when it equals a configured one, or when {@code *} is configured; the
 *       allowed origin is then answered as the literal {@code *}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Cors {
  /** No origin is allowed: no CORS header is ever added (preflights still get their empty 200). */
  public static final Cors NONE = new Cors(List.of());

  /** The methods a preflight may ask for. */
  public static final String ALLOW_METHODS = "GET, PUT, POST, DELETE, PATCH";

  /** The headers a preflight may ask for, besides the simple ones. */
  public static final String ALLOW_HEADERS =
      "X-Auth-Token, X-Identity-Status, X-Roles, X-Service-Catalog, X-User-Id, X-Tenant-Id,"
          + " X-Openstack-Request-Id";

  /** The headers a browser script may read. */
  public static final String EXPOSE_HEADERS =
      "X-Auth-Token,X-Subject-Token,X-Service-Token,X-Openstack-Request-Id";

  private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "PATCH");
  private static final Set<String> HEADERS =
      Set.of(
          "x-auth-token",
          "x-identity-status",
          "x-roles",
          "x-service-catalog",
          "x-user-id",
          "x-tenant-id",
          "x-openstack-request-id",
          "accept",
          "accept-language",
          "content-type",
          "cache-control",
          "content-language",
          "expires",
          "last-modified",
          "pragma");
  private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

  private final List<String> origins;

  private Cors(List<String> origins) {
    this.origins = List.copyOf(origins);
  }

  /**
   * Allows the given origins.
   *
   * @param origins exact origins such as {@code https://dashboard.example.com}, or {@code *} for
   *     any; empty allows none
   * @return the policy
   * @throws IllegalArgumentException when an origin is blank
   */
  public static Cors allowing(Collection<String> origins) {
    List<String> copy = new ArrayList<>();
    for (String origin : origins) {
      if (origin == null || origin.isBlank()) {
        throw new IllegalArgumentException("a CORS origin must not be blank, got: " + origin);
      }
      copy.add(origin.strip());
    }
    return new Cors(copy);
  }

  /**
   * Returns the allowed origins.
   *
   * @return the origins as configured
   */
  public List<String> origins() {
    return origins;
  }

  /** The empty 200 answering an {@code OPTIONS} request, with CORS headers when allowed. */
  ApiResponse preflight(ApiRequest request) {
    ApiResponse response = ApiResponse.empty(200);
    Optional<String> origin = allowedOrigin(request);
    Optional<String> method = request.header("Access-Control-Request-Method");
    if (origin.isEmpty() || method.isEmpty() || !METHODS.contains(method.get())) {
      return response;
    }
    List<String> requested = new ArrayList<>();
    for (String value : request.headerValues("Access-Control-Request-Headers")) {
      for (String header : value.split(",")) {
        if (!header.isBlank()) {
          requested.add(header.strip());
        }
      }
    }
    for (String header : requested) {
      if (!HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
        return response;
      }
    }
    response =
        response
            .withHeader("Vary", "Origin")
            .withHeader(ALLOW_ORIGIN, origin.get())
            .withHeader("Access-Control-Allow-Credentials", "true")
            .withHeader("Access-Control-Max-Age", "3600")
            .withHeader("Access-Control-Allow-Methods", method.get());
    return requested.isEmpty()
        ? response
        : response.withHeader("Access-Control-Allow-Headers", String.join(",", requested));
  }

  /** The response with the CORS headers of an allowed origin added. */
  ApiResponse decorate(ApiRequest request, ApiResponse response) {
    Optional<String> origin = allowedOrigin(request);
    if (origin.isEmpty() || response.headers().containsKey(ALLOW_ORIGIN)) {
      return response;
    }
    String vary = response.headers().get("Vary");
    return response
        .withHeader("Vary", vary == null ? "Origin" : vary + ",Origin")
        .withHeader(ALLOW_ORIGIN, origin.get())
        .withHeader("Access-Control-Allow-Credentials", "true")
        .withHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  }

  // The value of Access-Control-Allow-Origin for the request's Origin, when it is allowed.
  private Optional<String> allowedOrigin(ApiRequest request) {
    Optional<String> origin = request.header("Origin");
    if (origin.isEmpty()) {
      return Optional.empty();
    }
    if (origins.contains("*")) {
      return Optional.of("*");
    }
    return origins.contains(origin.get()) ? origin : Optional.empty();
  }

  @Override
  public String toString() {
    return origins.isEmpty() ? "no CORS origins" : "CORS origins " + origins;
  }
}
