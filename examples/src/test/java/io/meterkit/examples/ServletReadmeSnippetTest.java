package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.MeterApi;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.api.servlet.MeterApiServlet;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plain-Jetty snippet of the README's servlet section, compiled and run (the API mounted under
 * a context path and a servlet prefix); the test also checks that the document shows exactly the
 * lines between the markers below. Edit both together.
 */
@Timeout(30)
class ServletReadmeSnippetTest {
  private static final Path README = Path.of("../README.md");
  private static final Path SOURCE =
      Path.of("src/test/java/io/meterkit/examples/ServletReadmeSnippetTest.java");

  @Test
  void theSnippetServesTheApiBelowItsPrefix() throws Exception {
    MeterStore store = MeterStore.inMemory();
    int port = 0;
    // --- README: mount MeterApiServlet in Jetty ---
    MeterApi api = MeterApi.builder(store).authenticator(TrustedHeaders.fromLoopback()).build();
    Server jetty = new Server(port);
    ServletContextHandler context = new ServletContextHandler("/app");
    context.addServlet(new ServletHolder(new MeterApiServlet(api)), "/meterkit/*");
    jetty.setHandler(context);
    jetty.start();
    // --- end ---
    try {
      int bound = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> meters =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + bound + "/app/meterkit/v2/meters"))
                  .header("X-Roles", "admin")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(meters.statusCode()).isEqualTo(200);
      assertThat(meters.body()).isEqualTo("[]");
      HttpResponse<String> version =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bound + "/app/meterkit"))
                  .header("X-Roles", "admin")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(version.statusCode()).as("the prefix alone is the API's /").isEqualTo(200);
      assertThat(version.body()).contains("\"versions\"");
    } finally {
      jetty.stop();
    }
  }

  @Test
  void theReadmeShowsTheSnippetOfThisTest() throws IOException {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String marker = "    // --- README: mount MeterApiServlet in Jetty ---\n";
    int from = source.indexOf(marker) + marker.length();
    String snippet =
        source
            .substring(from, source.indexOf("    // --- end ---", from))
            .replaceAll("(?m)^    ", "");

    assertThat(Files.readString(README, StandardCharsets.UTF_8))
        .contains("```java\n" + snippet + "```\n");
  }
}
