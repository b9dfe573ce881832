package io.meterkit.api.servlet;

import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.LimitExceededException;
import io.meterkit.api.MeterApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.Objects;

/**
 * Serves a {@link MeterApi} from a Servlet 6 container: turns each request into an {@link
 * ApiRequest} (method, raw path below the servlet's mount point, raw query, every header, the body,
 * the client's address and scheme) and writes the {@link ApiResponse} back. Authentication is the
 * API's: its authenticator reads the headers and the address, so identity headers are honoured only
 * from the addresses {@link io.meterkit.api.TrustedHeaders} trusts.
 *
 * <p>Map it to {@code /*} (the API's paths are then the request paths below the context path) or to
 * a prefix such as {@code /meterkit/*} (the prefix is cut off). A body longer than {@code
 * maxBodyBytes} is refused with 413 and {@code Connection: close}: at once when {@code
 * Content-Length} declares it, otherwise as soon as one byte more than the limit has arrived, so
 * the rest is never read. URL, header and connection limits are the container's.
 *
 * <p>Thread-safe: immutable; the container may call it from any number of threads.
 */
public final class MeterApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The longest body by default: 16 MiB, as the example server. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 << 20;

  private final MeterApi api;
  private final int maxBodyBytes;

  /**
   * Creates the servlet with the default body limit.
   *
   * @param api the API to serve
   */
  public MeterApiServlet(MeterApi api) {
    this(api, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * Creates the servlet.
   *
   * @param api the API to serve
   * @param maxBodyBytes the longest request body, at least 1 byte
   * @throws IllegalArgumentException when {@code maxBodyBytes} is below 1
   */
  public MeterApiServlet(MeterApi api, int maxBodyBytes) {
    this.api = Objects.requireNonNull(api, "api");
    if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "max body bytes must be in 1.." + (Integer.MAX_VALUE - 1) + ", got: " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ApiRequest.Builder built =
        ApiRequest.builder(request.getMethod(), apiPath(request))
            .rawQuery(request.getQueryString())
            .scheme(request.isSecure() ? "https" : "http")
            .remoteAddress(remoteAddress(request));
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        built.header(name, value);
      }
    }
    long declared = request.getContentLengthLong();
    if (declared > maxBodyBytes) {
      write(request, response, tooLarge(built, ", got a Content-Length of " + declared));
      return;
    }
    byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
    if (body.length > maxBodyBytes) {
      write(request, response, tooLarge(built, ""));
      return;
    }
    write(request, response, api.handle(built.body(body).build()));
  }

  private ApiResponse tooLarge(ApiRequest.Builder request, String detail) {
    String message = "the body may be at most " + maxBodyBytes + " bytes" + detail;
    return api.refuse(request.build(), new LimitExceededException(413, message))
        .withHeader("Connection", "close");
  }

  // The client's address (an IP literal, so nothing is looked up), or none when unknown.
  private static InetAddress remoteAddress(HttpServletRequest request) throws IOException {
    String address = request.getRemoteAddr();
    return address == null || address.isEmpty() ? null : InetAddress.getByName(address);
  }

  // The raw request path below the context path and, for a prefix mapping, below the prefix.
  private static String apiPath(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (request.getHttpServletMapping().getMappingMatch() == MappingMatch.PATH) {
      String pattern = request.getHttpServletMapping().getPattern();
      String prefix = pattern.substring(0, pattern.length() - "/*".length());
      if (path.startsWith(prefix)) {
        path = path.substring(prefix.length());
      }
    }
    return path.isEmpty() ? "/" : path;
  }

  private static void write(
      HttpServletRequest request, HttpServletResponse response, ApiResponse answer)
      throws IOException {
    response.setStatus(answer.status());
    answer.headers().forEach(response::setHeader);
    byte[] body = answer.body();
    response.setContentLength(body.length);
    if (!request.getMethod().equals("HEAD")) {
      response.getOutputStream().write(body);
    }
  }
}
