package io.meterkit.api;

import io.meterkit.api.v1.CeilometerV1Api;
import io.meterkit.api.v2.CeilometerV2Api;
import io.meterkit.api.v2.WindowPolicy;
import io.meterkit.core.MeterkitException;
import io.meterkit.query.QueryEngine;
import io.meterkit.store.MeterStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The server-neutral REST API of meterkit: turns an {@link ApiRequest} into an {@link ApiResponse}
 * by routing it to one endpoint family. A host mounts it on its own HTTP server in a few lines.
 *
 * <p>Built from a {@link MeterStore} with {@link #builder(MeterStore)}, it serves the Ceilometer v1
 * ({@link CeilometerV1Api}) and v2 ({@link CeilometerV2Api}) families; further families register
 * through {@link Builder#family(ApiFamily)}.
 *
 * <p>For every request: the path is matched against the registered templates (no match: 404; a
 * match for another method: 405 with {@code Allow}); a request without a {@link Principal} is
 * answered 401; then the endpoint runs. Refusals get their status in one place and their body from
 * the matched family's {@link ErrorRenderer} (every built-in family answers {@code {"error":
 * {"code": N, "message": "..."}}}); any unexpected exception is logged (logger {@code
 * io.meterkit.api}) and answered 500 with a generic message, so {@link #handle} throws no runtime
 * exception.
 *
 * <p>Thread-safe: immutable once built; {@link #handle} may be called from any number of threads.
 *
 * <pre>{@code
 * MeterApi api = MeterApi.builder(store).windowPolicy(WindowPolicy.K5).build();
 * ApiResponse response =
 *     api.handle(
 *         ApiRequest.builder("GET", "/v2/meters/cpu_util/statistics?period=3600")
 *             .principal(Principal.anonymousAdmin())
 *             .build());
 * }</pre>
 */
public final class MeterApi {
  private static final System.Logger LOG = System.getLogger("io.meterkit.api");

  private final Router router;

  private MeterApi(Router router) {
    this.router = router;
  }

  /**
   * Starts a builder over a store.
   *
   * @param store the store every family reads and writes
   * @return a builder with the defaults: window policy {@link WindowPolicy#K5}, the UTC system
   *     clock
   */
  public static Builder builder(MeterStore store) {
    return new Builder(store);
  }

  /**
   * Answers one request.
   *
   * @param request the request
   * @return the response; never null
   */
  public ApiResponse handle(ApiRequest request) {
    ErrorRenderer renderer = ErrorRenderer.STANDARD;
    try {
      Router.Match match = router.resolve(request.method(), request.path());
      renderer = match.route().renderer();
      Principal principal =
          request
              .principal()
              .orElseThrow(
                  () ->
                      new UnauthorizedException(
                          "authentication required: the request names no caller (headers "
                              + Principal.USER_ID_HEADER
                              + ", "
                              + Principal.PROJECT_ID_HEADER
                              + ", "
                              + Principal.ROLES_HEADER
                              + ")"));
      return match
          .route()
          .endpoint()
          .handle(new ApiCall(request, match.pathParameters(), principal));
    } catch (MeterkitException refusal) {
      return ErrorResponses.of(refusal, renderer);
    } catch (RuntimeException unexpected) {
      LOG.log(Level.ERROR, "unexpected failure answering " + request, unexpected);
      return ErrorResponses.of(unexpected, renderer);
    }
  }

  /** Builds a {@link MeterApi}; not thread-safe. */
  public static final class Builder {
    private final MeterStore store;
    private WindowPolicy windowPolicy = WindowPolicy.K5;
    private Clock clock = Clock.systemUTC();
    private final List<ApiFamily> families = new ArrayList<>();

    private Builder(MeterStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Sets the v2 statistics window policy.
     *
     * @param policy {@link WindowPolicy#K5} (the default) or {@link WindowPolicy#NONE}
     * @return this builder
     */
    public Builder windowPolicy(WindowPolicy policy) {
      this.windowPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the clock that gives "now" (default windows of v2 statistics, default sample timestamps,
     * and the latest instant a gauge level holds for integral and twa).
     *
     * @param source the clock
     * @return this builder
     */
    public Builder clock(Clock source) {
      this.clock = Objects.requireNonNull(source, "clock");
      return this;
    }

    /**
     * Adds an endpoint family after the built-in v1 and v2 families.
     *
     * @param family the family; its routes must not collide with registered ones
     * @return this builder
     */
    public Builder family(ApiFamily family) {
      families.add(Objects.requireNonNull(family, "family"));
      return this;
    }

    /**
     * Registers every family's routes and builds the API.
     *
     * @return the API
     * @throws IllegalArgumentException when two families register the same route
     */
    public MeterApi build() {
      QueryEngine engine = new QueryEngine(store, clock);
      Routes routes = new Routes();
      routes.register(new CeilometerV1Api(engine));
      routes.register(new CeilometerV2Api(engine, windowPolicy, clock));
      for (ApiFamily family : families) {
        routes.register(family);
      }
      return new MeterApi(new Router(routes.list()));
    }
  }
}
