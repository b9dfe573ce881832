package io.meterkit.examples;

import io.meterkit.api.MeterApi;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.api.v2.WindowPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
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
          "  --data-dir DIR           keep the store durable in DIR (write-ahead log, snapshots);"
              + " --demo loads only into an empty store",
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
    Parser parser = new Parser(args);
    return parser.parse();
  }

  /** The parse in progress; not thread-safe. */
  private static final class Parser {
    private final String[] args;
    private int next;
    private int port = 8080;
    private String host = "127.0.0.1";
    private boolean demo;
    private Path data;
    private boolean devAdmin;
    private WindowPolicy policy = WindowPolicy.K5;
    private Path burstConfig;
    private Path dataDir;
    private final List<Auth> auth = new ArrayList<>();
    private final List<String> trustedProxies = new ArrayList<>();
    private Path tlsKeystore;
    private Path tlsPasswordFile;
    private int maxBatchSamples = MeterApi.DEFAULT_MAX_BATCH_SAMPLES;
    private int maxQueryTerms = MeterApi.DEFAULT_MAX_QUERY_TERMS;
    private final HttpLimits defaults = HttpLimits.defaults();
    private int maxBodyBytes = defaults.maxBodyBytes();
    private int maxUrlBytes = defaults.maxUrlBytes();
    private int maxHeaderBytes = defaults.maxHeaderBytes();
    private int threads = defaults.threads();
    private int queue = defaults.queue();
    private int readTimeout = defaults.readTimeoutSeconds();
    private int idleTimeout = defaults.idleTimeoutSeconds();
    private int maxConnections = defaults.maxConnections();

    Parser(String[] args) {
      this.args = args;
    }

    ServerOptions parse() {
      boolean help = false;
      while (next < args.length && !help) {
        String flag = args[next++];
        help = flag.equals("--help") || flag.equals("-h");
        if (!help) {
          flag(flag);
        }
      }
      if (auth.isEmpty()) {
        auth.add(new Auth(AuthKind.PROXY, null));
      }
      if (!trustedProxies.isEmpty() && auth.stream().noneMatch(a -> a.kind() == AuthKind.PROXY)) {
        throw new IllegalArgumentException("--trusted-proxy needs --auth proxy");
      }
      if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
        throw new IllegalArgumentException(
            "--tls-keystore and --tls-keystore-password-file go together");
      }
      HttpLimits http =
          new HttpLimits(
              maxBodyBytes,
              maxUrlBytes,
              maxHeaderBytes,
              threads,
              queue,
              readTimeout,
              idleTimeout,
              maxConnections,
              HttpLimits.bodyBufferFor(maxBodyBytes));
      return new ServerOptions(
          port,
          host,
          demo,
          data,
          devAdmin,
          policy,
          burstConfig,
          dataDir,
          new Security(
              List.copyOf(auth), List.copyOf(trustedProxies), tlsKeystore, tlsPasswordFile),
          new Limits(maxBatchSamples, maxQueryTerms, http),
          help);
    }

    private void flag(String flag) {
      switch (flag) {
        case "--port":
          port = integer(flag, 0, 65535);
          break;
        case "--host":
          host = value(flag);
          break;
        case "--demo":
          demo = true;
          break;
        case "--data":
          data = Path.of(value(flag));
          break;
        case "--dev-admin":
          devAdmin = true;
          break;
        case "--window-policy":
          policy = WindowPolicy.parse(value(flag));
          break;
        case "--burst-config":
          burstConfig = Path.of(value(flag));
          break;
        case "--data-dir":
          dataDir = Path.of(value(flag));
          break;
        case "--auth":
          auth.add(auth(value(flag)));
          break;
        case "--trusted-proxy":
          List<String> proxies = List.of(value(flag).split(",", -1));
          TrustedHeaders.fromLoopbackAnd(proxies); // names a bad entry
          trustedProxies.addAll(proxies);
          break;
        case "--tls-keystore":
          tlsKeystore = Path.of(value(flag));
          break;
        case "--tls-keystore-password-file":
          tlsPasswordFile = Path.of(value(flag));
          break;
        default:
          limit(flag);
      }
    }

    private void limit(String flag) {
      switch (flag) {
        case "--max-body-bytes":
          maxBodyBytes = integer(flag, 1, Integer.MAX_VALUE - 8);
          break;
        case "--max-batch-samples":
          maxBatchSamples = integer(flag, 1, Integer.MAX_VALUE);
          break;
        case "--max-query-terms":
          maxQueryTerms = integer(flag, 1, 100_000);
          break;
        case "--max-url-bytes":
          maxUrlBytes = integer(flag, 64, 1 << 20);
          break;
        case "--max-header-bytes":
          maxHeaderBytes = integer(flag, 256, 1 << 20);
          break;
        case "--threads":
          threads = integer(flag, 1, 1024);
          break;
        case "--queue":
          queue = integer(flag, 0, 100_000);
          break;
        case "--read-timeout":
          readTimeout = integer(flag, 1, 3600);
          break;
        case "--idle-timeout":
          idleTimeout = integer(flag, 1, 86_400);
          break;
        case "--max-connections":
          maxConnections = integer(flag, 1, 100_000);
          break;
        default:
          throw new IllegalArgumentException("unknown flag: " + flag);
      }
    }

    private static Auth auth(String text) {
      if (text.equals("proxy")) {
        return new Auth(AuthKind.PROXY, null);
      }
      for (AuthKind kind : List.of(AuthKind.TOKENS, AuthKind.BASIC)) {
        String prefix = kind.name().toLowerCase(java.util.Locale.ROOT) + ":";
        if (text.startsWith(prefix) && text.length() > prefix.length()) {
          return new Auth(kind, Path.of(text.substring(prefix.length())));
        }
      }
      throw new IllegalArgumentException(
          "--auth must be proxy, tokens:FILE or basic:FILE, got: " + text);
    }

    private String value(String flag) {
      if (next >= args.length || args[next].startsWith("--")) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[next++];
    }

    private int integer(String flag, int min, int max) {
      String text = value(flag);
      try {
        if (text.matches("[0-9]{1,10}")) {
          long value = Long.parseLong(text);
          if (value >= min && value <= max) {
            return (int) value;
          }
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          flag + " must be an integer in " + min + ".." + max + ", got: " + text);
    }
  }
}
