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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server-neutral REST API of meterkit: turns an {@link ApiRequest} into an {@link ApiResponse}
 * by routing it to one endpoint family. A host mounts it on its own HTTP server in a few lines.
 *
 * <p>Built from a {@link MeterStore} with {@link #builder(MeterStore)}, it serves the Ceilometer v1
 * ({@link CeilometerV1Api}) and v2 ({@link CeilometerV2Api}) families; further families register
 * through {@link Builder#family(ApiFamily)}.
 *
 * <p>For every request: the path is matched against the registered templates (no match: 404; a
 * match for another method: 405 with {@code Allow}; a miss is answered in the dialect of the family
 * that {@link ApiFamily#owns owns} the path); the caller is the request's {@link
 * ApiRequest#principal()} when the host set one, or else whom the {@link Builder#authenticator
 * authenticator} names; a request nobody authenticated, or whose credentials are wrong, is answered
 * 401 with {@code WWW-Authenticate}; the request's limits are checked (at most {@value
 * #DEFAULT_MAX_QUERY_TERMS} query terms and {@value #DEFAULT_MAX_BATCH_SAMPLES} samples per batch
 * by default, see {@link Builder#maxQueryTerms} and {@link Builder#maxBatchSamples}); then the
 * endpoint runs. Refusals get their status in one place and their body from the matched family's
 * {@link ErrorRenderer} (the Ceilometer families answer {@code {"error_message": {"faultcode",
 * "faultstring", "debuginfo"}}}, the standard dialect {@code {"error": {"code": N, "message":
 * "..."}}}); any unexpected exception is logged (logger {@code io.meterkit.api}) and answered 500
 * with a generic message, so {@link #handle} throws no runtime exception.
 *
 * <p>Every response carries a fresh {@value #REQUEST_ID_HEADER} ({@code req-} and a UUID), except
 * the empty 200 that answers any {@code OPTIONS} request (a CORS preflight); responses to allowed
 * browser origins carry the CORS headers of {@link Builder#cors}.
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

  /** The header carrying each response's request id. */
  public static final String REQUEST_ID_HEADER = "x-openstack-request-id";

  private final Router router;
  private final List<ApiFamily> families;
  private final Authenticator authenticator;
  private final RequestLimits limits;
  private final Cors cors;

  private MeterApi(
      Router router,
      List<ApiFamily> families,
      Authenticator authenticator,
      RequestLimits limits,
      Cors cors) {
    this.router = router;
    this.families = List.copyOf(families);
    this.authenticator = authenticator;
    this.limits = limits;
    this.cors = cors;
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
    if (request.method().equals("OPTIONS")) {
      return cors.preflight(request);
    }
    return finish(request, answer(request));
  }

  private ApiResponse answer(ApiRequest request) {
    ErrorRenderer renderer = ErrorRenderer.STANDARD;
    Principal principal = null;
    try {
      renderer = rendererOf(request.path());
      Router.Match match = router.resolve(request.method(), request.path());
      renderer = match.route().renderer();
      principal = authenticate(request);
      limits.check(request);
      return match
          .route()
          .endpoint()
          .handle(new ApiCall(request, match.pathParameters(), principal))
          .withCaller(principal);
    } catch (MethodNotAllowedException refusal) {
      return refuse(request, refusal, refusal.renderer()).withCaller(principal);
    } catch (MeterkitException refusal) {
      return refuse(request, refusal, renderer).withCaller(principal);
    } catch (RuntimeException unexpected) {
      LOG.log(Level.ERROR, "unexpected failure answering " + request, unexpected);
      return ErrorResponses.of(unexpected, renderer, request).withCaller(principal);
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
    ErrorRenderer renderer = rendererOf(request.path());
    try {
      renderer = router.resolve(request.method(), request.path()).route().renderer();
    } catch (MeterkitException noRoute) {
      // No family's route matches: the family owning the path, or the standard dialect, answers.
    }
    return finish(request, refuse(request, refusal, renderer));
  }

  private ApiResponse refuse(
      ApiRequest request, MeterkitException refusal, ErrorRenderer renderer) {
    ApiResponse response = ErrorResponses.of(refusal, renderer, request);
    List<String> challenges = authenticator.challenges();
    if (response.status() == 401 && !challenges.isEmpty()) {
      response = response.withHeader("WWW-Authenticate", String.join(", ", challenges));
    }
    return response;
  }

  // The renderer of the family that owns a path no route matches, else the standard one.
  private ErrorRenderer rendererOf(String path) {
    for (ApiFamily family : families) {
      if (family.owns(path)) {
        return family.errorRenderer();
      }
    }
    return ErrorRenderer.STANDARD;
  }

  // Every response gets a fresh request id, then the CORS headers of an allowed origin.
  private ApiResponse finish(ApiRequest request, ApiResponse response) {
    return cors.decorate(request, response.withHeader(REQUEST_ID_HEADER, requestId()));
  }

  /** {@code req-} and a random (version 4) UUID; not a secret, so a fast generator does. */
  static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return "req-" + new UUID(high, low);
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
    private Cors cors = Cors.NONE;

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
     * Sets which browser origins may call the API (CORS); see {@link Cors}. Preflight {@code
     * OPTIONS} requests are answered with an empty 200 whatever the policy.
     *
     * @param policy e.g. {@code Cors.allowing(List.of("https://dashboard.example.com"))}; default
     *     {@link Cors#NONE}
     * @return this builder
     */
    public Builder cors(Cors policy) {
      this.cors = Objects.requireNonNull(policy, "cors");
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
      QueryEngine engine = new QueryEngine(store, clock);
      Routes routes = new Routes();
      List<ApiFamily> all = new ArrayList<>();
      all.add(new CeilometerV1Api(engine));
      all.add(new CeilometerV2Api(engine, windowPolicy, clock));
      all.addAll(families);
      for (ApiFamily family : all) {
        routes.register(family);
      }
      return new MeterApi(new Router(routes.list()), all, authenticator, limits, cors);
    }
  }
}
