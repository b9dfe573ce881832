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
import java.util.Optional;

/**
 * The server-neutral REST API of meterkit: turns an {@link ApiRequest} into an {@link ApiResponse}
 * by routing it to one endpoint family. A host mounts it on its own HTTP server in a few lines.
 *
 * <p>Built from a {@link MeterStore} with {@link #builder(MeterStore)}, it serves the Ceilometer v1
 * ({@link CeilometerV1Api}) and v2 ({@link CeilometerV2Api}) families; further families register
 * through {@link Builder#family(ApiFamily)}.
 *
 * <p>For every request: the path is matched against the registered templates (no match: 404; a
 * match for another method: 405 with {@code Allow}); the caller is the request's {@link
 * ApiRequest#principal()} when the host set one, or else whom the {@link Builder#authenticator
 * authenticator} names; a request nobody authenticated, or whose credentials are wrong, is answered
 * 401 with {@code WWW-Authenticate}; the request's limits are checked (at most {@value
 * #DEFAULT_MAX_QUERY_TERMS} query terms and {@value #DEFAULT_MAX_BATCH_SAMPLES} samples per batch
 * by default, see {@link Builder#maxQueryTerms} and {@link Builder#maxBatchSamples}); then the
 * endpoint runs. Refusals get their status in one place and their body from the matched family's
 * {@link ErrorRenderer} (every built-in family answers {@code {"error": {"code": N, "message":
 * "..."}}}); any unexpected exception is logged (logger {@code io.meterkit.api}) and answered 500
 * with a generic message, so {@link #handle} throws no runtime exception.
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
  /** The most samples (items of a JSON array body) one request may carry, by default. */
  public static final int DEFAULT_MAX_BATCH_SAMPLES = 100_000;

  /** The most query terms one request may have, by default. */
  public static final int DEFAULT_MAX_QUERY_TERMS = 100;

  private static final System.Logger LOG = System.getLogger("io.meterkit.api");

  private final Router router;
  private final Authenticator authenticator;
  private final RequestLimits limits;

  private MeterApi(Router router, Authenticator authenticator, RequestLimits limits) {
    this.router = router;
    this.authenticator = authenticator;
    this.limits = limits;
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
    Principal principal = null;
    try {
      Router.Match match = router.resolve(request.method(), request.path());
      renderer = match.route().renderer();
      principal = authenticate(request);
      limits.check(request);
      return match
          .route()
          .endpoint()
          .handle(new ApiCall(request, match.pathParameters(), principal))
          .withCaller(principal);
    } catch (MeterkitException refusal) {
      return refuse(refusal, renderer).withCaller(principal);
    } catch (RuntimeException unexpected) {
      LOG.log(Level.ERROR, "unexpected failure answering " + request, unexpected);
      return ErrorResponses.of(unexpected, renderer).withCaller(principal);
    }
  }

  /**
   * Answers a request the host refuses itself, e.g. because its body is too large ({@link
   * LimitExceededException}), with the error body every refusal of this API has. A 401 names the
   * authenticator's challenges in {@code WWW-Authenticate}.
   *
   * @param request the request (its body may be left out)
   * @param refusal why it is refused
   * @return the error response
   */
  public ApiResponse refuse(ApiRequest request, MeterkitException refusal) {
    ErrorRenderer renderer = ErrorRenderer.STANDARD;
    try {
      renderer = router.resolve(request.method(), request.path()).route().renderer();
    } catch (MeterkitException noRoute) {
      // No family's route matches: the standard dialect answers.
    }
    return refuse(refusal, renderer);
  }

  private ApiResponse refuse(MeterkitException refusal, ErrorRenderer renderer) {
    ApiResponse response = ErrorResponses.of(refusal, renderer);
    List<String> challenges = authenticator.challenges();
    if (response.status() == 401 && !challenges.isEmpty()) {
      response = response.withHeader("WWW-Authenticate", String.join(", ", challenges));
    }
    return response;
  }

  // The host's principal, or the authenticator's; 401 when there is none.
  private Principal authenticate(ApiRequest request) {
    if (request.principal().isPresent()) {
      return request.principal().get();
    }
    return authenticator
        .authenticate(request)
        .orElseThrow(
            () ->
                new UnauthorizedException(
                    "authentication required: the request names no caller"
                        + (authenticator.challenges().isEmpty()
                            ? " (headers "
                                + Principal.USER_ID_HEADER
                                + ", "
                                + Principal.PROJECT_ID_HEADER
                                + ", "
                                + Principal.ROLES_HEADER
                                + ")"
                            : "")));
  }

  /** The routes every family registered, for tests that must cover each of them. */
  List<Routes.Route> routes() {
    return router.routes();
  }

  /** Builds a {@link MeterApi}; not thread-safe. */
  public static final class Builder {
    private final MeterStore store;
    private WindowPolicy windowPolicy = WindowPolicy.K5;
    private Clock clock = Clock.systemUTC();
    private final List<ApiFamily> families = new ArrayList<>();
    private Authenticator authenticator = request -> Optional.empty();
    private int maxBatchSamples = DEFAULT_MAX_BATCH_SAMPLES;
    private int maxQueryTerms = DEFAULT_MAX_QUERY_TERMS;

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
     * Sets the clock that gives "now" (default windows of v2 statistics, default sample
     * timestamps).
     *
     * @param source the clock
     * @return this builder
     */
    public Builder clock(Clock source) {
      this.clock = Objects.requireNonNull(source, "clock");
      return this;
    }

    /**
     * Sets how callers are authenticated when the host does not set {@link ApiRequest#principal()}
     * itself; chain several with {@link Authenticator#chain}. By default nobody is, so every
     * request needs a principal from the host.
     *
     * @param source e.g. {@link TrustedHeaders#fromLoopback()} or a {@link TokenAuthenticator}
     * @return this builder
     */
    public Builder authenticator(Authenticator source) {
      this.authenticator = Objects.requireNonNull(source, "authenticator");
      return this;
    }

    /**
     * Sets the most samples one request may carry: a body that is a JSON array with more items is
     * refused with 413 before it is parsed.
     *
     * @param samples at least 1; default {@value MeterApi#DEFAULT_MAX_BATCH_SAMPLES}
     * @return this builder
     */
    public Builder maxBatchSamples(int samples) {
      this.maxBatchSamples = samples;
      return this;
    }

    /**
     * Sets the most query terms one request may have (query parameters, a v2 {@code q.field}/{@code
     * q.op}/{@code q.value}/{@code q.type} group counting once); more is a 400.
     *
     * @param terms at least 1; default {@value MeterApi#DEFAULT_MAX_QUERY_TERMS}
     * @return this builder
     */
    public Builder maxQueryTerms(int terms) {
      this.maxQueryTerms = terms;
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
     * @throws IllegalArgumentException when two families register the same route, or a limit is
     *     below 1
     */
    public MeterApi build() {
      RequestLimits limits = new RequestLimits(maxBatchSamples, maxQueryTerms);
      QueryEngine engine = new QueryEngine(store);
      Routes routes = new Routes();
      routes.register(new CeilometerV1Api(engine));
      routes.register(new CeilometerV2Api(engine, windowPolicy, clock));
      for (ApiFamily family : families) {
        routes.register(family);
      }
      return new MeterApi(new Router(routes.list()), authenticator, limits);
    }
  }
}
