package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.Authenticator;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.api.TokenAuthenticator;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.store.MeterStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "For library hosts" snippet of README.md's Security section; edit both. */
class SecurityReadmeSnippetTest {

  @Test
  void theSnippetAuthenticatesWithTokensAndLoopbackHeaders(@TempDir Path dir) throws Exception {
    MeterStore store = MeterStore.inMemory();
    Path tokensFile =
        Files.writeString(
            dir.resolve("tokens.json"),
            "{\"tokens\": ["
                + TokenAuthenticator.entry(
                    "0123456789abcdef", new Principal("alice", "acme", List.of("member")))
                + "]}");
    List<String> callers = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // --- README: for library hosts ---
    MeterApi api =
        MeterApi.builder(store)
            .authenticator(
                Authenticator.chain(
                    TokenAuthenticator.read(tokensFile),
                    TrustedHeaders.fromLoopbackAnd(List.of("10.0.0.7"))))
            .maxBatchSamples(10_000)
            .build();
    // --- end ---
    server.createContext(
        "/",
        exchange -> {
          // --- README: for library hosts, continued ---
          ApiResponse response =
              api.handle(
                  ApiRequest.builder(
                          exchange.getRequestMethod(), exchange.getRequestURI().getRawPath())
                      .rawQuery(exchange.getRequestURI().getRawQuery())
                      .headers(exchange.getRequestHeaders())
                      .remoteAddress(exchange.getRemoteAddress().getAddress())
                      .body(exchange.getRequestBody().readAllBytes())
                      .build());
          String caller = response.caller().map(Principal::userId).orElse("-");
          // --- end ---
          callers.add(caller);
          byte[] body = response.body();
          exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI meters = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/meters");
      HttpResponse<String> token =
          client.send(
              HttpRequest.newBuilder(meters).header("X-Auth-Token", "0123456789abcdef").build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> headers =
          client.send(
              HttpRequest.newBuilder(meters)
                  .header("X-User-Id", "ops")
                  .header("X-Roles", "admin")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> nobody =
          client.send(HttpRequest.newBuilder(meters).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(List.of(token.statusCode(), headers.statusCode(), nobody.statusCode()))
          .containsExactly(200, 200, 401);
      assertThat(callers).containsExactly("alice", "ops", "-");
    } finally {
      server.stop(0);
    }
  }
}
