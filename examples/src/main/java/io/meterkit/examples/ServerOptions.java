package io.meterkit.examples;

import io.meterkit.api.v2.WindowPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line of the example server, parsed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param port the TCP port, 0..65535 (0 picks a free one)
 * @param host the address to listen on (default {@code 127.0.0.1})
 * @param demo whether to load the generated demo data set
 * @param data a JSON-lines file of v2 samples to load, or null
 * @param devAdmin whether requests without credentials act as an admin (loopback only)
 * @param windowPolicy the v2 statistics window policy
 * @param burstConfig the burst prices and subscriptions file, or null
 * @param dataDir the directory of a durable store, or null for an in-memory store
 * @param corsOrigins the browser origins allowed by CORS ({@code *} for any); empty for none
 * @param security how callers are authenticated and whether TLS is on
 * @param limits what a request may cost
 * @param help whether only the usage was asked for
 */
record ServerOptions(
    int port,
    String host,
    boolean demo,
    Path data,
    boolean devAdmin,
    WindowPolicy windowPolicy,
    Path burstConfig,
    Path dataDir,
    List<String> corsOrigins,
    Security security,
    Limits limits,
    boolean help) {

  /** One {@code --auth} of the chain. */
  enum AuthKind {
    /** Identity headers from loopback or a trusted proxy. */
    PROXY,
    /** A tokens file. */
    TOKENS,
    /** A users file for HTTP Basic. */
    BASIC
  }

  /**
   * One authenticator of the chain.
   *
   * @param kind which
   * @param file its file, or null for {@link AuthKind#PROXY}
   */
  record Auth(AuthKind kind, Path file) {}

  /**
   * Authentication and TLS.
   *
   * @param auth the chain, in order; {@code proxy} when no {@code --auth} is given
   * @param trustedProxies addresses or blocks whose identity headers are honoured (with loopback)
   * @param tlsKeystore the PKCS12 keystore, or null for plain HTTP
   * @param tlsPasswordFile the file holding its password, or null
   */
  record Security(
      List<Auth> auth, List<String> trustedProxies, Path tlsKeystore, Path tlsPasswordFile) {
    /** Whether a tokens or users file authenticates callers (not identity headers alone). */
    boolean hasCredentials() {
      return auth.stream().anyMatch(a -> a.kind() != AuthKind.PROXY);
    }
  }

  /**
   * The limits: the API's (batch samples, query terms) and the binding's.
   *
   * @param maxBatchSamples the most samples of one request
   * @param maxQueryTerms the most query terms of one request
   * @param http the binding's limits
   */
  record Limits(int maxBatchSamples, int maxQueryTerms, HttpLimits http) {}

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: java -jar meterkit-server.jar [flags]",
          "       java -jar meterkit-server.jar hash-token --user U [--project P] [--roles R,...]",
          "       java -jar meterkit-server.jar hash-password --name N [--user U] [--project P]"
              + " [--roles R,...] [--iterations N]",
          "  --port N                 TCP port to listen on (default 8080; 0 picks a free port)",
          "  --host ADDR              address to listen on (default 127.0.0.1, loopback only)",
          "  --demo                   load a generated data set covering the last 30 days",
          "  --data FILE              load v2 samples, one JSON object per line (counter_* fields)",
          "  --dev-admin              treat requests without credentials as an admin (loopback only)",
          "  --window-policy k5|none  v2 statistics window rules (default k5)",
          "  --burst-config FILE      burst prices and subscriptions (JSON; --demo without it uses"
              + " the bundled burst-config-demo.json)",
          "  --data-dir DIR           keep the stores durable in DIR (write-ahead log, snapshots;"
              + " usage events in DIR/usage-events); --demo loads only into an empty store",
          "  --cors-origin ORIGIN     let browser scripts from ORIGIN call the API (repeatable;"
              + " * for any origin)",
          "  --auth proxy|tokens:FILE|basic:FILE",
          "                           authenticate callers; repeat to chain (default proxy:"
              + " identity headers from loopback and --trusted-proxy only)",
          "  --trusted-proxy ADDR,... addresses or blocks (10.0.0.0/8) whose identity headers count",
          "  --tls-keystore FILE.p12  serve HTTPS with this PKCS12 keystore",
          "  --tls-keystore-password-file FILE   the keystore's password, on the first line",
          "  --max-body-bytes N       largest request body (default 16777216; more: 413)",
          "  --max-batch-samples N    most samples per request (default 100000; more: 413)",
          "  --max-query-terms N      most query terms per request (default 100; more: 400)",
          "  --max-url-bytes N        longest path and query (default 16384; more: 414)",
          "  --max-header-bytes N     most header bytes (default 65536; more: 431)",
          "  --threads N              requests answered at once (default 8)",
          "  --queue N                requests waiting for a thread (default 64; more: 503)",
          "  --read-timeout SECONDS   time a request may take to arrive (default 30)",
          "  --idle-timeout SECONDS   time a kept-alive connection may stay idle (default 30)",
          "  --max-connections N      most open connections (default 1000)",
          "  --help                   print this message",
          "identity headers (proxy): X-User-Id, X-Project-Id, X-Roles (comma-separated; 'admin'"
              + " sees all)");

  /** Returns the data file, if any. */
  Optional<Path> dataFile() {
    return Optional.ofNullable(data);
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the bad flag or value
   */
  static ServerOptions parse(String... args) {
    return new ServerFlags(args).parse();
  }
}
