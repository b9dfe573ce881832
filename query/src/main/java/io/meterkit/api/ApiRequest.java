package io.meterkit.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as {@link MeterApi} sees it, independent of any server: the method, the raw
 * (still percent-encoded) path, the query parameters, the body bytes and the authenticated caller.
 *
 * <p>Authentication is the host's job: it sets {@link #principal()} (see {@link
 * Principal#fromHeaders}) or leaves it null, which {@link MeterApi} answers with 401.
 *
 * <p>Immutable and thread-safe (the body is copied in and out).
 */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final QueryParameters query;
  private final byte[] body;
  private final Principal principal;

  private ApiRequest(Builder builder) {
    this.method = builder.method;
    this.path = builder.path;
    this.query = builder.query;
    this.body = builder.body.clone();
    this.principal = builder.principal;
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
   * Returns a copy of the body.
   *
   * @return the body bytes; empty when there is none
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body decoded as UTF-8.
   *
   * @return the body text; empty when there is none
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
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
    private byte[] body = new byte[0];
    private Principal principal;

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
     * Sets the authenticated caller.
     *
     * @param caller the principal, or null when nobody was authenticated
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
        && Arrays.equals(body, that.body)
        && Objects.equals(principal, that.principal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, query, Arrays.hashCode(body), principal);
  }
}
