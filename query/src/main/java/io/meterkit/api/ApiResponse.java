package io.meterkit.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP response as {@link MeterApi} produces it: a status, headers and body bytes (JSON, CSV
 * for the listings that offer it, or empty for 204), and for the host's access log the {@link
 * #caller()} it was produced for (never sent, not part of equality).
 *
 * <p>Immutable and thread-safe (the body is copied in and out).
 */
public final class ApiResponse {
  /** The content type of every JSON body. */
  public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private final Principal caller;

  private ApiResponse(int status, Map<String, String> headers, byte[] body) {
    this(status, headers, body, null);
  }

  private ApiResponse(int status, Map<String, String> headers, byte[] body, Principal caller) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be in 100..599, got: " + status);
    }
    this.status = status;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body; // the public factories copy; derived responses share the array
    this.caller = caller;
  }

  /**
   * Creates a response with a JSON body.
   *
   * @param status the HTTP status, 100..599
   * @param json the UTF-8 JSON bytes (copied)
   * @return the response, with {@code Content-Type: application/json; charset=utf-8}
   */
  public static ApiResponse json(int status, byte[] json) {
    return new ApiResponse(
        status,
        Map.of("Content-Type", JSON_CONTENT_TYPE),
        Objects.requireNonNull(json, "json").clone());
  }

  /**
   * Creates a response with a body of any type.
   *
   * @param status the HTTP status, 100..599
   * @param contentType the {@code Content-Type}, e.g. {@code text/csv; charset=utf-8}
   * @param body the body bytes (copied)
   * @return the response
   */
  public static ApiResponse of(int status, String contentType, byte[] body) {
    return new ApiResponse(
        status,
        Map.of("Content-Type", Objects.requireNonNull(contentType, "contentType")),
        Objects.requireNonNull(body, "body"));
  }

  /**
   * Creates a response with neither body nor headers, e.g. the empty 200 of a CORS preflight.
   *
   * @param status the HTTP status, 100..599
   * @return the response
   */
  public static ApiResponse empty(int status) {
    return new ApiResponse(status, Map.of(), new byte[0]);
  }

  /**
   * Creates a 204 No Content response.
   *
   * @return the response, without body or headers
   */
  public static ApiResponse noContent() {
    return new ApiResponse(204, Map.of(), new byte[0]);
  }

  /**
   * Returns this response with one more header.
   *
   * @param name the header name
   * @param value the header value
   * @return a new response
   */
  public ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new ApiResponse(status, more, body, caller);
  }

  /** This response, marked as produced for {@code principal}. */
  ApiResponse withCaller(Principal principal) {
    return new ApiResponse(status, headers, body, principal);
  }

  /**
   * Returns the authenticated caller this response was produced for, so that a host can name it in
   * its access log. It is never sent to the client.
   *
   * @return the caller, or empty when the request was refused before or during authentication
   */
  public Optional<Principal> caller() {
    return Optional.ofNullable(caller);
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status, e.g. 200
   */
  public int status() {
    return status;
  }

  /**
   * Returns the headers.
   *
   * @return an immutable map, in insertion order
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns a copy of the body.
   *
   * @return the bytes; empty for 204
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the length of the body.
   *
   * @return the number of bytes; 0 for 204
   */
  public int bodyLength() {
    return body.length;
  }

  /**
   * Writes the body, without copying it first.
   *
   * @param out where to write it
   * @throws IOException when {@code out} cannot be written
   */
  public void writeBody(OutputStream out) throws IOException {
    out.write(body);
  }

  /**
   * Returns the body decoded as UTF-8.
   *
   * @return the body text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiResponse that
        && status == that.status
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return status + " " + bodyText();
  }
}
