/**
 * The server-neutral REST layer of meterkit: {@link io.meterkit.api.MeterApi} turns an {@link
 * io.meterkit.api.ApiRequest} into an {@link io.meterkit.api.ApiResponse}, so any HTTP server can
 * host the API in a few lines.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>{@link io.meterkit.api.ApiRequest}: method, raw path, query parameters as an ordered
 *       multimap ({@link io.meterkit.api.QueryParameters}), headers, body bytes, the client's
 *       address, and the {@link io.meterkit.api.Principal} when the host authenticated the caller
 *       itself.
 *   <li>Authentication: an {@link io.meterkit.api.Authenticator} given to the builder names the
 *       caller from the headers and the address: {@link io.meterkit.api.TrustedHeaders} (identity
 *       headers from an authenticating proxy), {@link io.meterkit.api.TokenAuthenticator}, {@link
 *       io.meterkit.api.BasicAuthenticator}, chained with {@link
 *       io.meterkit.api.Authenticator#chain}. Nobody authenticated, or wrong credentials: 401 with
 *       {@code WWW-Authenticate}.
 *   <li>Limits: samples per request (413) and query terms (400), and the host's own ({@link
 *       io.meterkit.api.LimitExceededException} through {@link io.meterkit.api.MeterApi#refuse}).
 *   <li>{@link io.meterkit.api.ApiResponse}: status, headers and a JSON body.
 *   <li>Endpoint families ({@link io.meterkit.api.ApiFamily}) register routes with {@link
 *       io.meterkit.api.Routes}: path templates with {@code {param}} segments, percent-decoded.
 *       Unknown path: 404; known path, other method: 405 with {@code Allow}.
 *   <li>Endpoints throw {@link io.meterkit.core.MeterkitException} subtypes; one place maps them to
 *       statuses: 400 invalid query or sample, 401 no principal or wrong credentials, 403
 *       forbidden, 404 not found, 405 method not allowed, 409 conflict, 500 (generic message) for
 *       anything unexpected. The body is rendered by the matched family's {@link
 *       io.meterkit.api.ErrorRenderer}; every built-in family answers {@code {"error": {"code": N,
 *       "message": "..."}}}. Refusals of bad input carry a {@link io.meterkit.core.Violation}, so a
 *       renderer words them from facts, not from text.
 * </ul>
 *
 * <p>The families share helpers (JSON, parameters, query terms, access rules, the one time-window
 * parser) that live in {@code io.meterkit.api.internal}: they are not part of the API a host uses.
 * {@link io.meterkit.api.CounterForm} reads samples in the counter form, e.g. from a data file.
 *
 * <h2>Time</h2>
 *
 * <p>Timestamps are read by {@link io.meterkit.core.IsoTime#parse} (ISO-8601, UTC when no offset)
 * and written as {@code yyyy-MM-ddTHH:mm:ss}, with a fraction only when it is not zero. Ranges are
 * half-open, as everywhere in meterkit (see {@link io.meterkit.core.TimeRange}).
 *
 * <h2>Thread safety</h2>
 *
 * <p>A built {@link io.meterkit.api.MeterApi} is immutable; requests may be handled concurrently.
 *
 * <pre>{@code
 * MeterApi api = MeterApi.builder(MeterStore.inMemory()).build();
 * ApiResponse response =
 *     api.handle(
 *         ApiRequest.builder("GET", "/v2/meters?limit=10")
 *             .principal(Principal.fromHeaders(headers::get).orElse(null))
 *             .build());
 * int status = response.status(); // 200, or 401 without identity headers
 * }</pre>
 */
package io.meterkit.api;
