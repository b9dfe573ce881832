package io.meterkit.api;

/**
 * A family of endpoints (Ceilometer v1, Ceilometer v2, usage events, burst usage) that registers
 * its routes with a {@link MeterApi} and renders the errors of those routes in its own dialect.
 *
 * <p>A new family plugs in without changing the framework: implement this interface and pass an
 * instance to {@link MeterApi.Builder#family(ApiFamily)}. Implementations must be thread-safe once
 * registered.
 *
 * <pre>{@code
 * final class PingApi implements ApiFamily {
 *   public void register(Routes routes) {
 *     routes.get("/ping", call -> ApiResponse.json(200, "{\"pong\":true}".getBytes(UTF_8)));
 *   }
 * }
 * MeterApi api = MeterApi.builder(store).family(new PingApi()).build();
 * }</pre>
 */
@FunctionalInterface
public interface ApiFamily {
  /**
   * Registers every route of the family.
   *
   * @param routes the registry to add routes to
   */
  void register(Routes routes);

  /**
   * Returns how the family's routes answer refusals and failures.
   *
   * @return the renderer; {@link ErrorRenderer#STANDARD} unless the family speaks another dialect
   */
  default ErrorRenderer errorRenderer() {
    return ErrorRenderer.STANDARD;
  }

  /**
   * Returns whether a path belongs to the family even when none of its routes matches it, so that
   * the miss (404) is answered in the family's dialect.
   *
   * @param rawPath the request's raw path
   * @return false unless the family claims the path, e.g. everything under its prefix
   */
  default boolean owns(String rawPath) {
    return false;
  }

  /**
   * Returns whether the family's paths may end with a slash ({@code /v2/meters/}); when not, such a
   * path matches none of its routes.
   *
   * @return true unless the family is strict about trailing slashes
   */
  default boolean acceptsTrailingSlash() {
    return true;
  }
}
