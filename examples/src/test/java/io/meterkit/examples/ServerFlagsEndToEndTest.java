package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every security and limit flag of the example server, over real sockets. */
@Timeout(60)
class ServerFlagsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE =
      "{\"counter_name\": \"cpu_util\", \"counter_type\": \"gauge\", \"counter_unit\": \"%\","
          + " \"counter_volume\": 1, \"resource_id\": \"vm-1\", \"project_id\": \"acme\"}";

  @TempDir Path dir;

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<Main.Started> started = new ArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() {
    started.forEach(server -> server.close(new PrintStream(new ByteArrayOutputStream())));
  }

  /** Starts the server of a command line (on a free port), expecting it to start. */
  private ExampleServer start(String... args) {
    Main.Started server = launch(args);
    assertThat(server.status()).as(errors()).isZero();
    return server.server();
  }

  private Main.Started launch(String... args) {
    List<String> all = new ArrayList<>(List.of("--port", "0"));
    Collections.addAll(all, args);
    PrintStream out = new PrintStream(new LineSink(log::add), true, StandardCharsets.UTF_8);
    Main.Started server =
        Main.start(
            all.toArray(new String[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8));
    started.add(server);
    return server;
  }

  /** A data file with one sample in each of the projects acme, globex and initech. */
  private String threeProjects() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (String project : List.of("acme", "globex", "initech")) {
      lines
          .append(
              SAMPLE
                  .replace("\"acme\"", "\"" + project + "\"")
                  .replace("\"vm-1\"", "\"vm-" + project + "\""))
          .append('\n');
    }
    return Files.writeString(dir.resolve("samples.jsonl"), lines.toString()).toString();
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String base, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String url(ExampleServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  /** A local address that is not loopback, or null when the machine has none. */
  private static InetAddress externalAddress() throws IOException {
    for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (face.isUp() && !face.isLoopback()) {
        for (InetAddress address : Collections.list(face.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return address;
          }
        }
      }
    }
    return null;
  }

  @Test
  void byDefaultTheServerListensOnLoopbackOnlyAndTrustsLoopbackHeaders() throws Exception {
    ExampleServer server = start();
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(get(url(server), "/v2/meters", "X-Roles", "admin").statusCode()).isEqualTo(200);
    HttpResponse<String> anonymous = get(url(server), "/v2/meters");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    InetAddress external = externalAddress();
    assumeThat(external).as("a non-loopback interface").isNotNull();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(external, server.port()), 2000);
      assertThat(socket.isConnected())
          .as("connected to a loopback-only server via " + external)
          .isFalse();
    } catch (IOException refused) {
      assertThat(refused).hasMessageContaining("refused");
    }
  }

  @Test
  void onAnotherAddressIdentityHeadersCountOnlyFromTrustedProxies() throws Exception {
    InetAddress external = externalAddress();
    assumeThat(external).as("a non-loopback interface").isNotNull();
    ExampleServer server = start("--host", "0.0.0.0");
    assertThat(errors()).contains("warning: listening on 0.0.0.0 with identity headers only");
    String direct = "http://" + external.getHostAddress() + ":" + server.port();
    HttpResponse<String> stranger = get(direct, "/v2/meters", "X-Roles", "admin");
    assertThat(stranger.statusCode())
        .as("headers from " + external + " are ignored")
        .isEqualTo(401);
    assertThat(get(url(server), "/v2/meters", "X-Roles", "admin").statusCode()).isEqualTo(200);

    ExampleServer proxied =
        start(
            "--host", "0.0.0.0", "--trusted-proxy", "203.0.113.0/24," + external.getHostAddress());
    String viaProxy = "http://" + external.getHostAddress() + ":" + proxied.port();
    assertThat(get(viaProxy, "/v2/meters", "X-Roles", "admin").statusCode()).isEqualTo(200);
  }

  @Test
  void devAdminWorksOnLoopbackAndIsRefusedElsewhere() throws Exception {
    ExampleServer server = start("--dev-admin", "--data", threeProjects());
    HttpResponse<String> projects = get(url(server), "/v1/projects");
    assertThat(projects.statusCode()).isEqualTo(200);
    assertThat(projects.body()).contains("acme", "globex", "initech");
    HttpResponse<String> member =
        get(url(server), "/v1/projects", "X-Roles", "Member", "X-Project-Id", "acme");
    assertThat(member.body())
        .as("identity headers still win over the dev admin")
        .isEqualTo("{\"projects\":[\"acme\"]}");

    Main.Started refused = launch("--dev-admin", "--host", "0.0.0.0");
    assertThat(refused.status()).isEqualTo(2);
    assertThat(errors())
        .contains(
            "error: --dev-admin makes every caller without credentials an admin, so it is refused"
                + " unless the server listens on loopback (--host 127.0.0.1 or ::1), got --host"
                + " 0.0.0.0");
  }

  private Path hashed(String subcommand, String secret, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(subcommand));
    Collections.addAll(all, args);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        HashCommand.run(
            all.toArray(new String[0]),
            new ByteArrayInputStream((secret + "\n").getBytes(StandardCharsets.UTF_8)),
            null,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as(errors()).isZero();
    String entry = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(entry).doesNotContain(secret);
    String list = subcommand.equals("hash-token") ? "tokens" : "users";
    return Files.writeString(dir.resolve(list + ".json"), "{\"" + list + "\": [" + entry + "]}");
  }

  @Test
  void tokensFromTheHashTokenSubcommandAuthenticateAndHeadersAloneNoLonger() throws Exception {
    String token = "c2VjcmV0LXRva2VuLW9mLWFsaWNl";
    Path tokens =
        hashed("hash-token", token, "--user", "alice", "--project", "acme", "--roles", "member");
    ExampleServer server = start("--auth", "tokens:" + tokens, "--data", threeProjects());
    HttpResponse<String> projects = get(url(server), "/v1/projects", "X-Auth-Token", token);
    assertThat(projects.statusCode()).isEqualTo(200);
    assertThat(projects.body()).isEqualTo("{\"projects\":[\"acme\"]}");
    assertThat(get(url(server), "/v1/projects", "Authorization", "Bearer " + token).body())
        .isEqualTo("{\"projects\":[\"acme\"]}");
    HttpResponse<String> wrong = get(url(server), "/v1/projects", "X-Auth-Token", token + "x");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrong.body()).at("/error_message/faultstring").asText())
        .isEqualTo("authentication failed");
    assertThat(wrong.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"meterkit\"");
    assertThat(get(url(server), "/v1/projects", "X-Roles", "admin").statusCode())
        .as("without --auth proxy, identity headers prove nothing")
        .isEqualTo(401);
    assertThat(
            awaitLog("127.0.0.1 GET /v1/projects 200 \\d+ms user=alice project=acme roles=member"))
        .isTrue();
    assertThat(log).noneMatch(line -> line.contains(token));
  }

  @Test
  void usersFromTheHashPasswordSubcommandAuthenticateWithBasic() throws Exception {
    Path users =
        hashed(
            "hash-password",
            "correct horse",
            "--name",
            "bob",
            "--project",
            "globex",
            "--iterations",
            "1000");
    Path tokens =
        hashed("hash-token", "0123456789abcdef0123", "--user", "carol", "--roles", "admin");
    ExampleServer server =
        start("--auth", "basic:" + users, "--auth", "tokens:" + tokens, "--demo");
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("bob:correct horse".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> projects = get(url(server), "/v1/projects", "Authorization", basic);
    assertThat(projects.body()).isEqualTo("{\"projects\":[\"globex\"]}");
    assertThat(get(url(server), "/v1/projects", "X-Auth-Token", "0123456789abcdef0123").body())
        .contains("acme", "globex", "initech");
    String wrong =
        "Basic " + Base64.getEncoder().encodeToString("bob:horse".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> refused = get(url(server), "/v1/projects", "Authorization", wrong);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .contains("Basic realm=\"meterkit\", charset=\"UTF-8\", Bearer realm=\"meterkit\"");
    HttpResponse<String> unknown =
        get(
            url(server),
            "/v1/projects",
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("mallory:horse".getBytes(StandardCharsets.UTF_8)));
    assertThat(unknown.body())
        .as("an unknown user reads like a wrong password")
        .isEqualTo(refused.body());
  }

  @Test
  void theBodyLimitRefusesWithoutReadingTheRest() throws Exception {
    ExampleServer server = start("--max-body-bytes", "1000", "--dev-admin");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    String declared =
        RawHttp.exchange(
            loopback,
            server.port(),
            "POST /v2/meters/cpu_util HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000000",
            new byte[0]);
    assertThat(declared)
        .startsWith("HTTP/1.1 413")
        .contains("Connection: close")
        .contains("the body may be at most 1000 bytes, got a Content-Length of 100000000");
    byte[] chunk =
        ("[" + (SAMPLE + ",").repeat(20) + SAMPLE + "]").getBytes(StandardCharsets.UTF_8);
    String chunked =
        RawHttp.exchange(
            loopback,
            server.port(),
            "POST /v2/meters/cpu_util HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked",
            (Integer.toHexString(chunk.length)
                    + "\r\n"
                    + new String(chunk, StandardCharsets.UTF_8)
                    + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(chunked).startsWith("HTTP/1.1 413").contains("the body may be at most 1000 bytes\"");
    String small =
        RawHttp.exchange(
            loopback,
            server.port(),
            "POST /v2/meters/cpu_util HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + (SAMPLE.length() + 2),
            ("[" + SAMPLE + "]").getBytes(StandardCharsets.UTF_8));
    assertThat(small).startsWith("HTTP/1.1 201");
    assertThat(
            awaitLog(
                ".* POST /v2/meters/cpu_util 413 \\d+ms user=- project=- roles=- refused: the body may be at most 1000 bytes.*"))
        .isTrue();
  }

  @Test
  void batchQueryTermUrlAndHeaderLimitsAnswer413_400_414_431() throws Exception {
    ExampleServer server =
        start(
            "--dev-admin",
            "--max-batch-samples",
            "2",
            "--max-query-terms",
            "3",
            "--max-url-bytes",
            "200",
            "--max-header-bytes",
            "512");
    HttpResponse<String> batch =
        client.send(
            HttpRequest.newBuilder(URI.create(url(server) + "/v2/meters/cpu_util"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "[" + SAMPLE + "," + SAMPLE + "," + SAMPLE + "]"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(batch.statusCode()).isEqualTo(413);
    assertThat(batch.body()).contains("a batch may hold at most 2 samples, got 3");
    assertThat(get(url(server), "/v2/meters").body()).as("nothing was stored").isEqualTo("[]");
    HttpResponse<String> terms =
        get(
            url(server),
            "/v2/meters?limit=1&unique=False&q.field=user_id&q.value=u&q.field=source&q.value=s");
    assertThat(terms.statusCode()).isEqualTo(400);
    assertThat(terms.body()).contains("a request may have at most 3 query terms, got 4");
    HttpResponse<String> url = get(url(server), "/v2/meters?q.value=" + "x".repeat(200));
    assertThat(url.statusCode()).isEqualTo(414);
    assertThat(url.body()).contains("the URL may be at most 200 bytes, got 219");
    HttpResponse<String> headers = get(url(server), "/v2/meters", "X-Padding", "p".repeat(600));
    assertThat(headers.statusCode()).isEqualTo(431);
    assertThat(headers.body()).contains("the headers may be at most 512 bytes");
  }

  @Test
  void tlsServesHttpsWithAPkcs12Keystore() throws Exception {
    Path keystore = dir.resolve("server.p12");
    TestKeystores.generate(keystore, "changeit-secret");
    Path password = Files.writeString(dir.resolve("password.txt"), "changeit-secret\n");
    ExampleServer server =
        start(
            "--dev-admin",
            "--tls-keystore",
            keystore.toString(),
            "--tls-keystore-password-file",
            password.toString());
    assertThat(log)
        .anyMatch(line -> line.startsWith("meterkit server listening on https://127.0.0.1:"));
    HttpClient https =
        HttpClient.newBuilder()
            .sslContext(TestKeystores.trusting(keystore, "changeit-secret"))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response =
        https.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/v2/meters"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession()).isPresent();
    String plain =
        RawHttp.exchange(
            InetAddress.getLoopbackAddress(),
            server.port(),
            "GET /v2/meters HTTP/1.1\r\nHost: x",
            new byte[0]);
    assertThat(plain)
        .as("plain HTTP gets no answer from the HTTPS port")
        .doesNotStartWith("HTTP/1.1 200");

    Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not-the-password\n");
    Main.Started refused =
        launch(
            "--tls-keystore",
            keystore.toString(),
            "--tls-keystore-password-file",
            wrong.toString());
    assertThat(refused.status()).isEqualTo(1);
    assertThat(errors()).contains("error: " + keystore + ": keystore password was incorrect");
  }

  @Test
  void aFullQueueAnswers503WithRetryAfter() throws Exception {
    ExampleServer server = start("--dev-admin", "--threads", "1", "--queue", "0");
    StringBuilder big = new StringBuilder("[");
    for (int i = 0; i < 20_000; i++) {
      big.append(i == 0 ? "" : ",").append(SAMPLE.replace("\"vm-1\"", "\"vm-" + i + "\""));
    }
    byte[] body = big.append(']').toString().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> busy = null;
    for (int attempt = 0; attempt < 5 && busy == null; attempt++) {
      var posting =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(url(server) + "/v2/meters/cpu_util"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      for (int probe = 0; probe < 200 && busy == null && !posting.isDone(); probe++) {
        HttpResponse<String> response = get(url(server), "/v2/samples?limit=1");
        if (response.statusCode() == 503) {
          busy = response;
        }
        Thread.sleep(5);
      }
      assertThat(posting.get().statusCode()).isIn(201, 503);
    }
    assertThat(busy).as("a 503 while the only worker ingested 20,000 samples").isNotNull();
    assertThat(busy.headers().firstValue("Retry-After")).contains("1");
    assertThat(busy.body()).contains("every worker is busy and the queue is full");
  }

  private boolean awaitLog(String regex) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (log.stream().anyMatch(line -> line.matches(regex))) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
