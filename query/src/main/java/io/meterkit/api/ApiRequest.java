package io.meterkit.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as {@link MeterApi} sees it, independent of any server: the method, the raw
 * (still percent-encoded) path, the query parameters, the headers (names compared ignoring case,
 * each with all its values), the body bytes, the client's address and, when the host authenticated
 * the caller itself, the {@link Principal}.
 *
 * <p>Authentication is either the host's job, which then sets {@link #principal()} (see {@link
 * Principal#fromHeaders}), or the {@link Authenticator} given to {@link MeterApi.Builder}, which
 * reads the headers and the remote address. Without either, {@link MeterApi} answers 401. {@link
 * #toString()} never prints headers, so credentials do not end up in logs.
 *
 * <p>Immutable and thread-safe (the body is copied in and out).
 */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final QueryParameters query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final InetAddress remoteAddress;
  private final Principal principal;
  private final String scheme;

  private ApiRequest(Builder builder) {
    this.method = builder.method;
    this.path = builder.path;
    this.query = builder.query;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = builder.body.clone();
    this.remoteAddress = builder.remoteAddress;
    this.principal = builder.principal;
    this.scheme = builder.scheme;
  }

  /**
   * Returns the scheme the client used to reach the host, for absolute links in responses.
   *
   * @return {@code http} (the default) or {@code https}
   */
  public String scheme() {
    return scheme;
  }

  /**
   * Returns the application URL the client reached: the scheme, then the {@code Host} header
   * ({@code localhost} when absent), as the Ceilometer families print it before their links.
   *
   * @return e.g. {@code http://localhost:8080}
   */
  public String baseUrl() {
    return scheme + "://" + header("Host").map(String::strip).orElse("localhost");
  }

  /**
   * Starts a request. A {@code ?} in {@code pathAndQuery} starts the raw query string, so {@code
   * builder("GET", "/v2/meters?limit=10")} works as a browser would send it.
   *
   * @param method the HTTP method, any case (stored upper-case)
   * @param pathAndQuery the raw path, e.g. {@code /v2/meters/cpu_util/statistics}, optionally
   *     followed by {@code ?} and a raw query string
   * @return a builder
   */
  public static Builder builder(String method, String pathAndQuery) {
    return new Builder(method, pathAndQuery);
  }

  /**
   * Returns the HTTP method.
   *
   * @return the method, upper-case, e.g. {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the raw path, still percent-encoded; the router decodes each segment.
   *
   * @return the path, starting with {@code /}
   */
  public String path() {
    return path;
  }

  /**
   * Returns the query parameters.
   *
   * @return the decoded parameters, in request order
   */
  public QueryParameters query() {
    return query;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, any case
   * @return the first value, or empty when the header is absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns every value of a header, in the order received.
   *
   * @param name the header name, any case
   * @return the values; empty when the header is absent
   */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /**
   * Returns every header.
   *
   * @return an immutable map from name (looked up ignoring case) to its values
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the address of the client connected to the host (for a request through a proxy: the
   * proxy's).
   *
   * @return the address, or empty when the host did not give it
   */
  public Optional<InetAddress> remoteAddress() {
    return Optional.ofNullable(remoteAddress);
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes; empty when there is none
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the length of the body.
   *
   * @return the number of bytes; 0 when there is none
   */
  public int bodyLength() {
    return body.length;
  }

  /**
   * Returns a stream over the body, without copying it.
   *
   * @return a new stream positioned at the first byte
   */
  public InputStream bodyStream() {
    return new ByteArrayInputStream(body);
  }

  /**
   * Returns the body decoded as UTF-8.
   *
   * @return the body text; empty when there is none
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body itself, not a copy: for reading inside this package only, never to be changed. */
  byte[] bodyBytes() {
    return body;
  }

  /**
   * Returns the authenticated caller.
   *
   * @return the principal, or empty when the host authenticated nobody
   */
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : " " + query);
  }

  /** Builds an {@link ApiRequest}; not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String path;
    private QueryParameters query;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];
    private InetAddress remoteAddress;
    private Principal principal;
    private String scheme = "http";

    private Builder(String method, String pathAndQuery) {
      this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
      Objects.requireNonNull(pathAndQuery, "pathAndQuery");
      int question = pathAndQuery.indexOf('?');
      this.path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
      this.query =
          question < 0
              ? QueryParameters.EMPTY
              : QueryParameters.parse(pathAndQuery.substring(question + 1));
    }

    /**
     * Replaces the query parameters with those of a raw query string.
     *
     * @param rawQuery the percent-encoded text after {@code ?}, or null for none
     * @return this builder
     */
    public Builder rawQuery(String rawQuery) {
      this.query = QueryParameters.parse(rawQuery);
      return this;
    }

    /**
     * Replaces the query parameters.
     *
     * @param parameters decoded parameters
     * @return this builder
     */
    public Builder query(QueryParameters parameters) {
      this.query = Objects.requireNonNull(parameters, "parameters");
      return this;
    }

    /**
     * Appends one decoded query parameter.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder queryParameter(String name, String value) {
      this.query = query.plus(name, value);
      return this;
    }

    /**
     * Appends one value of a header.
     *
     * @param name the header name, any case
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, "value");
      headers
          .computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new ArrayList<>())
          .add(value);
      return this;
    }

    /**
     * Appends every value of several headers, e.g. a server's header map.
     *
     * @param all header name to its values
     * @return this builder
     */
    public Builder headers(Map<String, ? extends Collection<String>> all) {
      all.forEach((name, values) -> values.forEach(value -> header(name, value)));
      return this;
    }

    /**
     * Sets the scheme the client used.
     *
     * @param name {@code http} or {@code https}
     * @return this builder
     * @throws IllegalArgumentException for another scheme
     */
    public Builder scheme(String name) {
      if (!"http".equals(name) && !"https".equals(name)) {
        throw new IllegalArgumentException("scheme must be http or https, got: " + name);
      }
      this.scheme = name;
      return this;
    }

    /**
     * Sets the address of the connected client.
     *
     * @param address the client's (or proxy's) address, or null when unknown
     * @return this builder
     */
    public Builder remoteAddress(InetAddress address) {
      this.remoteAddress = address;
      return this;
    }

    /**
     * Sets the body.
     *
     * @param bytes the body bytes (copied), or null for none
     * @return this builder
     */
    public Builder body(byte[] bytes) {
      this.body = bytes == null ? new byte[0] : bytes.clone();
      return this;
    }

    /**
     * Sets the body from text.
     *
     * @param text the body, encoded as UTF-8
     * @return this builder
     */
    public Builder body(String text) {
      return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the caller the host authenticated itself; {@link MeterApi} then skips its {@link
     * Authenticator}.
     *
     * @param caller the principal, or null to leave authentication to {@link MeterApi}
     * @return this builder
     */
    public Builder principal(Principal caller) {
      this.principal = caller;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the immutable request
     */
    public ApiRequest build() {
      return new ApiRequest(this);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiRequest that
        && method.equals(that.method)
        && path.equals(that.path)
        && query.equals(that.query)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && Objects.equals(remoteAddress, that.remoteAddress)
        && Objects.equals(principal, that.principal)
        && scheme.equals(that.scheme);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        method, path, query, headers, Arrays.hashCode(body), remoteAddress, principal, scheme);
  }
}
