package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The "mount MeterApi on your own HTTP server" snippet of {@code README.md}, compiled and run; the
 * test also checks that the document shows exactly the lines between the markers below. Edit both
 * together.
 */
class ReadmeApiSnippetTest {
  private static final Path README = Path.of("../README.md");
  private static final Path SOURCE =
      Path.of("src/test/java/io/meterkit/examples/ReadmeApiSnippetTest.java");

  @Test
  void theSnippetServesTheApi() throws Exception {
    MeterStore store = MeterStore.inMemory();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // --- README: mount MeterApi ---
    MeterApi api = MeterApi.builder(store).build();
    server.createContext(
        "/",
        exchange -> {
          ApiRequest request =
              ApiRequest.builder(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath())
                  .rawQuery(exchange.getRequestURI().getRawQuery())
                  .body(exchange.getRequestBody().readAllBytes())
                  .principal(
                      Principal.fromHeaders(exchange.getRequestHeaders()::getFirst).orElse(null))
                  .build();
          ApiResponse response = api.handle(request);
          response.headers().forEach(exchange.getResponseHeaders()::set);
          byte[] body = response.body();
          exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    // --- end ---
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/meters"))
                      .header("X-Roles", "admin")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("[]");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theReadmeShowsTheSnippetOfThisTest() throws IOException {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String marker = "    // --- README: mount MeterApi ---\n";
    int from = source.indexOf(marker) + marker.length();
    String snippet =
        source
            .substring(from, source.indexOf("    // --- end ---", from))
            .replaceAll("(?m)^    ", "");

    assertThat(Files.readString(README, StandardCharsets.UTF_8))
        .contains("```java\n" + snippet + "```\n");
  }
}
