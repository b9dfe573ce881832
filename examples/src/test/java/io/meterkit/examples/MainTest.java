package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meterkit.api.TokenAuthenticator;
import io.meterkit.api.v2.WindowPolicy;
import io.meterkit.store.MeterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @Test
  void flagsAreParsed() {
    ServerOptions options =
        ServerOptions.parse("--port", "9090", "--demo", "--dev-admin", "--window-policy", "NONE");
    assertThat(options.port()).isEqualTo(9090);
    assertThat(options.demo()).isTrue();
    assertThat(options.devAdmin()).isTrue();
    assertThat(options.windowPolicy()).isEqualTo(WindowPolicy.NONE);
    ServerOptions files =
        ServerOptions.parse("--burst-config", "prices.json", "--data-dir", "/var/lib/meterkit");
    assertThat(files.burstConfig()).isEqualTo(Path.of("prices.json"));
    assertThat(files.dataDir()).isEqualTo(Path.of("/var/lib/meterkit"));
    assertThat(ServerOptions.parse().dataDir()).isNull();
    assertThat(ServerOptions.parse().port()).isEqualTo(8080);
    assertThat(ServerOptions.parse().windowPolicy()).isEqualTo(WindowPolicy.K5);
  }

  @Test
  void securityAndLimitFlagsAreParsedWithSafeDefaults() {
    ServerOptions defaults = ServerOptions.parse();
    assertThat(defaults.host()).isEqualTo("127.0.0.1");
    assertThat(defaults.security().auth())
        .containsExactly(new ServerOptions.Auth(ServerOptions.AuthKind.PROXY, null));
    assertThat(defaults.security().hasCredentials()).isFalse();
    assertThat(defaults.limits().maxBatchSamples()).isEqualTo(100_000);
    assertThat(defaults.limits().maxQueryTerms()).isEqualTo(100);
    HttpLimits http = defaults.limits().http();
    assertThat(http.maxBodyBytes()).isEqualTo(16 << 20);
    assertThat(
            List.of(
                http.threads(),
                http.queue(),
                http.readTimeoutSeconds(),
                http.idleTimeoutSeconds(),
                http.maxConnections()))
        .containsExactly(8, 64, 30, 30, 1000);

    ServerOptions options =
        ServerOptions.parse(
            "--host", "0.0.0.0",
            "--auth", "tokens:/etc/meterkit/tokens.json",
            "--auth", "proxy",
            "--auth", "basic:users.json",
            "--trusted-proxy", "10.0.0.7,192.168.0.0/16",
            "--trusted-proxy", "fd00::1",
            "--tls-keystore", "server.p12",
            "--tls-keystore-password-file", "password.txt",
            "--max-body-bytes", "1000",
            "--max-batch-samples", "10",
            "--max-query-terms", "5",
            "--max-url-bytes", "2048",
            "--max-header-bytes", "4096",
            "--threads", "3",
            "--queue", "0",
            "--read-timeout", "5",
            "--idle-timeout", "7",
            "--max-connections", "50");
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.security().auth())
        .containsExactly(
            new ServerOptions.Auth(
                ServerOptions.AuthKind.TOKENS, Path.of("/etc/meterkit/tokens.json")),
            new ServerOptions.Auth(ServerOptions.AuthKind.PROXY, null),
            new ServerOptions.Auth(ServerOptions.AuthKind.BASIC, Path.of("users.json")));
    assertThat(options.security().hasCredentials()).isTrue();
    assertThat(options.security().trustedProxies())
        .containsExactly("10.0.0.7", "192.168.0.0/16", "fd00::1");
    assertThat(options.security().tlsKeystore()).isEqualTo(Path.of("server.p12"));
    assertThat(options.security().tlsPasswordFile()).isEqualTo(Path.of("password.txt"));
    assertThat(options.limits().maxBatchSamples()).isEqualTo(10);
    assertThat(options.limits().maxQueryTerms()).isEqualTo(5);
    HttpLimits set = options.limits().http();
    assertThat(
            List.of(
                set.maxBodyBytes(),
                set.maxUrlBytes(),
                set.maxHeaderBytes(),
                set.threads(),
                set.queue(),
                set.readTimeoutSeconds(),
                set.idleTimeoutSeconds(),
                set.maxConnections()))
        .containsExactly(1000, 2048, 4096, 3, 0, 5, 7, 50);
  }

  @Test
  void badSecurityFlagsAreNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--auth", "ldap"))
        .withMessage("--auth must be proxy, tokens:FILE or basic:FILE, got: ldap");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--auth", "tokens:"))
        .withMessage("--auth must be proxy, tokens:FILE or basic:FILE, got: tokens:");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--trusted-proxy", "10.0.0.1,proxy.example.com"))
        .withMessage(
            "a trusted proxy must be an IP address or a block like 10.0.0.0/8, got: 'proxy.example.com'");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> ServerOptions.parse("--auth", "tokens:t.json", "--trusted-proxy", "10.0.0.1"))
        .withMessage("--trusted-proxy needs --auth proxy");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--tls-keystore", "server.p12"))
        .withMessage("--tls-keystore and --tls-keystore-password-file go together");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--threads", "0"))
        .withMessage("--threads must be an integer in 1..1024, got: 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--max-body-bytes", "16M"))
        .withMessage("--max-body-bytes must be an integer in 1..2147483639, got: 16M");
  }

  @Test
  void aNonLoopbackBindWarnsWithoutRealCredentialsOrWithoutTls() throws Exception {
    InetAddress any = InetAddress.getByName("0.0.0.0");
    assertThat(ServerSecurity.warnings(ServerOptions.parse("--host", "0.0.0.0"), any))
        .singleElement()
        .asString()
        .startsWith("listening on 0.0.0.0 with identity headers only (--auth proxy)");
    assertThat(
            ServerSecurity.warnings(
                ServerOptions.parse("--host", "0.0.0.0", "--auth", "tokens:t.json"), any))
        .singleElement()
        .asString()
        .startsWith("listening on 0.0.0.0 without TLS");
    assertThat(
            ServerSecurity.warnings(
                ServerOptions.parse(
                    "--host",
                    "0.0.0.0",
                    "--auth",
                    "basic:u.json",
                    "--tls-keystore",
                    "k.p12",
                    "--tls-keystore-password-file",
                    "p.txt"),
                any))
        .isEmpty();
    assertThat(ServerSecurity.warnings(ServerOptions.parse(), InetAddress.getLoopbackAddress()))
        .isEmpty();
  }

  @Test
  void theHashSubcommandsReadTheSecretFromStandardInputOnly() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        HashCommand.run(
            new String[] {
              "hash-token", "--user", "alice", "--project", "acme", "--roles", "member, reader"
            },
            new ByteArrayInputStream(
                "0123456789abcdef-token\r\nignored".getBytes(StandardCharsets.UTF_8)),
            null,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(
            "{\"sha256\":\""
                + TokenAuthenticator.sha256Hex("0123456789abcdef-token")
                + "\",\"user\":\"alice\",\"project\":\"acme\",\"roles\":[\"member\",\"reader\"]}");
    for (String[] bad :
        List.of(
            new String[] {"hash-token", "--project", "acme"},
            new String[] {"hash-password", "--user", "bob"},
            new String[] {"hash-token", "--user", "a", "--token", "secret"},
            new String[] {"hash-password", "--name", "bob", "--iterations", "lots"})) {
      ByteArrayOutputStream complaint = new ByteArrayOutputStream();
      assertThat(
              HashCommand.run(
                  bad,
                  new ByteArrayInputStream(
                      "0123456789abcdef-token".getBytes(StandardCharsets.UTF_8)),
                  null,
                  new PrintStream(new ByteArrayOutputStream()),
                  new PrintStream(complaint, true, StandardCharsets.UTF_8)))
          .as(String.join(" ", bad))
          .isEqualTo(2);
      assertThat(complaint.toString(StandardCharsets.UTF_8)).startsWith("error: ");
    }
    ByteArrayOutputStream shortToken = new ByteArrayOutputStream();
    HashCommand.run(
        new String[] {"hash-token", "--user", "a"},
        new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)),
        null,
        new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(shortToken, true, StandardCharsets.UTF_8));
    assertThat(shortToken.toString(StandardCharsets.UTF_8))
        .startsWith("error: a token must be at least 16 characters");
  }

  @Test
  void badFlagsAreNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--port", "70000"))
        .withMessage("--port must be an integer in 0..65535, got: 70000");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--data"))
        .withMessage("--data needs a value");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--window-policy", "k6"))
        .withMessage("window policy must be k5 or none, got: 'k6'");
  }

  @Test
  void badFlagsPrintTheUsageAndExitWith2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.launch(
            new String[] {"--colour"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: unknown flag: --colour" + System.lineSeparator() + "usage: ");
  }

  @Test
  void aDataFileOfV2SamplesIsLoaded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("samples.jsonl");
    Files.writeString(
        file,
        "{\"counter_name\":\"cpu_util\",\"counter_type\":\"gauge\",\"counter_unit\":\"%\","
            + "\"counter_volume\":1,\"resource_id\":\"vm-1\",\"timestamp\":\"2014-10-22T00:00:00\","
            + "\"resource_metadata\":{\"properties\":{\"prop_1\":true}},\"message_id\":\"a\"}\n"
            + "\n"
            + "{\"counter_name\":\"cpu_util\",\"counter_type\":\"gauge\",\"counter_unit\":\"%\","
            + "\"counter_volume\":2,\"resource_id\":\"vm-1\",\"message_id\":\"a\"}\n");
    MeterStore store = MeterStore.inMemory();
    assertThat(JsonLinesLoader.load(file, store, 0L)).isEqualTo(1);
    assertThat(store.sample("a").orElseThrow().sample().metadata())
        .containsEntry("properties.prop_1", "True");
  }

  @Test
  void theDemoDataCoversThirtyDaysOfFiveMeters() {
    MeterStore store = MeterStore.inMemory();
    long now = 1_700_000_000_000L;
    assertThat(DemoData.load(store, now)).isEqualTo(8L * 5 * 30 * 144);
    assertThat(store.snapshot().meterNames())
        .containsExactly(
            "cpu_util", "disk.read.bytes", "instance", "memory.usage", "network.incoming.bytes");
  }
}
