package io.meterkit.examples;

import io.meterkit.api.MeterApi;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.api.v2.WindowPolicy;
import io.meterkit.examples.ServerOptions.Auth;
import io.meterkit.examples.ServerOptions.AuthKind;
import io.meterkit.examples.ServerOptions.Limits;
import io.meterkit.examples.ServerOptions.Security;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the flags of {@link ServerOptions#USAGE} into {@link ServerOptions}; every mistake is an
 * {@link IllegalArgumentException} naming the flag and the value. One instance parses one command
 * line; not thread-safe.
 */
final class ServerFlags {
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
  private final List<String> corsOrigins = new ArrayList<>();
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

  ServerFlags(String[] args) {
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
        List.copyOf(corsOrigins),
        new Security(List.copyOf(auth), List.copyOf(trustedProxies), tlsKeystore, tlsPasswordFile),
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
      case "--cors-origin":
        corsOrigins.add(value(flag));
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
