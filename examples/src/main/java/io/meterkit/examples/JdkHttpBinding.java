package io.meterkit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import java.io.IOException;
import java.util.Objects;

/**
 * Mounts a {@link MeterApi} on the JDK's {@code com.sun.net.httpserver}: the whole binding. The
 * caller comes from the identity headers; without them it is {@code anonymous} (null: 401).
 * Thread-safe: immutable.
 */
public final class JdkHttpBinding implements HttpHandler {
  private final MeterApi api;
  private final Principal anonymous;

  /** Serves {@code api}; {@code anonymous} (or null) is the caller without identity headers. */
  public JdkHttpBinding(MeterApi api, Principal anonymous) {
    this.api = Objects.requireNonNull(api, "api");
    this.anonymous = anonymous;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      ApiRequest request =
          ApiRequest.builder(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath())
              .rawQuery(exchange.getRequestURI().getRawQuery())
              .body(exchange.getRequestBody().readAllBytes())
              .principal(
                  Principal.fromHeaders(exchange.getRequestHeaders()::getFirst).orElse(anonymous))
              .build();
      ApiResponse response = api.handle(request);
      response.headers().forEach(exchange.getResponseHeaders()::set);
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    } finally {
      exchange.close();
    }
  }
}
