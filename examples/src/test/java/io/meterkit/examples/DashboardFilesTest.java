package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.MeterApi;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's static files as the example server serves them, checked over plain HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFilesTest {
  private static final Path FOLDER = Path.of("src/main/resources/ui");
  private final HttpClient client = HttpClient.newHttpClient();
  private ExampleServer server;

  @BeforeAll
  void start() throws IOException {
    MeterApi api = MeterApi.builder(MeterStore.inMemory()).build();
    server =
        ExampleServer.start(
            api,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            HttpLimits.defaults().withPool(2, 8),
            line -> {});
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void theFolderAnswersTheIndexPageAsTheResourceHoldsIt() throws Exception {
    HttpResponse<byte[]> response = get("/ui/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Files.readAllBytes(FOLDER.resolve("index.html")));
    assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .contains(DashboardFiles.CONTENT_SECURITY_POLICY);
  }

  @ParameterizedTest
  @CsvSource({
    "index.html, text/html; charset=utf-8",
    "dashboard.js, text/javascript; charset=utf-8",
    "api.js, text/javascript; charset=utf-8",
    "chart.js, text/javascript; charset=utf-8",
    "dashboard.css, text/css; charset=utf-8",
    "favicon.svg, image/svg+xml"
  })
  void eachFileIsServedWithTheContentTypeOfItsExtension(String name, String type) throws Exception {
    HttpResponse<byte[]> response = get("/ui/" + name);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains(type);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(response.body()).isEqualTo(Files.readAllBytes(FOLDER.resolve(name)));
  }

  @Test
  void theSiteIconBrowsersAskForUnlinkedIsTheDashboardsIcon() throws Exception {
    HttpResponse<byte[]> response = get("/favicon.ico");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("image/svg+xml");
    assertThat(response.body()).isEqualTo(Files.readAllBytes(FOLDER.resolve("favicon.svg")));
  }

  @Test
  void theFolderWithoutItsSlashRedirectsToIt() throws Exception {
    HttpResponse<byte[]> response = get("/ui");

    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Location")).contains("/ui/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/ui/../burst-config-demo.json",
        "/ui/%2e%2e/burst-config-demo.json",
        "/ui/..%2fburst-config-demo.json",
        "/ui/..%5cburst-config-demo.json",
        "/ui/../io/meterkit/examples/Main.class",
        "/ui/../v2/meters",
        "/ui//etc/passwd",
        "/ui/sub/index.html",
        "/ui/.index.html",
        "/ui/index.html/",
        "/ui/index.HTML",
        "/ui/%69ndex.html",
        "/ui/missing.js",
        "/ui/DashboardFiles.class",
        "/uix"
      })
  void nothingButAFileOfTheFolderIsServed(String path) throws IOException {
    assertThat(rawStatusLine("GET", path)).isEqualTo("HTTP/1.1 404 Not Found");
  }

  @Test
  void otherMethodsThanGetAndHeadAre405() throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri("/ui/"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void headAnswersTheHeadersWithoutTheBody() throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri("/ui/dashboard.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void everyFileThePageNamesIsServedAndNothingComesFromElsewhere() throws Exception {
    Pattern reference = Pattern.compile("(?:src|href)=\"([^\"]+)\"|from '([^']+)'");
    Pattern external = Pattern.compile("(?i)(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    List<Path> files;
    try (Stream<Path> listed = Files.list(FOLDER)) {
      files = listed.sorted().toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("index.html");
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      // The only absolute URL allowed is the SVG namespace, which nothing loads.
      String withoutNamespace = text.replace("http://www.w3.org/2000/svg", "");
      assertThat(external.matcher(withoutNamespace).find()).as(file.toString()).isFalse();
      Matcher matcher = reference.matcher(text);
      while (matcher.find()) {
        String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        assertThat(get("/ui/" + name.replaceFirst("^\\./", "")).statusCode())
            .as(file.getFileName() + " names " + name)
            .isEqualTo(200);
      }
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  // The request line exactly as given: no client normalises the path on the way.
  private String rawStatusLine(String method, String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.substring(0, response.indexOf("\r\n"));
    }
  }
}
