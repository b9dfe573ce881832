package io.meterkit.examples;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one line per request: method, raw path, status and milliseconds, e.g. {@code GET
 * /v2/meters 200 3ms}.
 *
 * <p>Thread-safe when the sink is (e.g. {@code System.out::println}).
 */
final class AccessLog extends Filter {
  private final Consumer<String> sink;

  AccessLog(Consumer<String> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    long start = System.nanoTime();
    try {
      chain.doFilter(exchange);
    } finally {
      long millis = (System.nanoTime() - start) / 1_000_000;
      sink.accept(
          exchange.getRequestMethod()
              + " "
              + exchange.getRequestURI().getRawPath()
              + " "
              + exchange.getResponseCode()
              + " "
              + millis
              + "ms");
    }
  }

  @Override
  public String description() {
    return "one line per request: method, path, status, milliseconds";
  }
}
