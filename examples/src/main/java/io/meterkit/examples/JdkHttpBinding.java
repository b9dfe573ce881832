package io.meterkit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.MeterApi;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Mounts a {@link MeterApi} on the JDK's {@code com.sun.net.httpserver}: turns each exchange into
 * an {@link ApiRequest} (method, raw path and query, every header, the body, the client's address),
 * lets the {@link RequestGate} refuse what the binding's limits forbid, and writes the {@link
 * ApiResponse} back, then one {@link AccessLog} line. Authentication is the API's: its
 * authenticator reads the headers and the address.
 *
 * <p>Thread-safe: immutable apart from the gate, which is thread-safe.
 */
public final class JdkHttpBinding implements HttpHandler {
  private final MeterApi api;
  private final RequestGate gate;
  private final Consumer<String> log;

  JdkHttpBinding(MeterApi api, RequestGate gate, Consumer<String> log) {
    this.api = Objects.requireNonNull(api, "api");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    ApiResponse response = null;
    String refusal = null;
    try {
      ApiRequest.Builder request =
          ApiRequest.builder(
                  exchange.getRequestMethod(),
                  Objects.requireNonNullElse(exchange.getRequestURI().getRawPath(), "/"))
              .rawQuery(exchange.getRequestURI().getRawQuery())
              .headers(exchange.getRequestHeaders())
              .scheme(exchange instanceof HttpsExchange ? "https" : "http")
              .remoteAddress(exchange.getRemoteAddress().getAddress());
      try (RequestGate.Passage passage = gate.pass(exchange)) {
        if (passage.refusal != null) {
          refusal = passage.refusal.getMessage();
          response = api.refuse(request.build(), passage.refusal);
        } else {
          response = api.handle(request.body(passage.body).build());
        }
      }
      write(exchange, response);
    } finally {
      exchange.close();
      log.accept(AccessLog.line(exchange, response, refusal, System.nanoTime() - start));
    }
  }

  private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
    if (response.status() == 413) {
      // The rest of the body is not read: the connection cannot be reused.
      response = response.withHeader("Connection", "close");
    } else if (response.status() == 503) {
      response = response.withHeader("Retry-After", RequestGate.RETRY_AFTER_SECONDS);
    }
    response.headers().forEach(exchange.getResponseHeaders()::set);
    int length = exchange.getRequestMethod().equals("HEAD") ? 0 : response.bodyLength();
    exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
    if (length > 0) {
      response.writeBody(exchange.getResponseBody());
    }
  }
}
