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
}
