package io.meterkit.examples;

import io.meterkit.api.Authenticator;
import io.meterkit.api.Cors;
import io.meterkit.api.MeterApi;
import io.meterkit.api.burst.BurstCalculator;
import io.meterkit.api.burst.BurstConfig;
import io.meterkit.api.burst.BurstUsageApi;
import io.meterkit.api.usage.UsageEvents;
import io.meterkit.api.usage.UsageEventsApi;
import io.meterkit.core.MeterkitException;
import io.meterkit.store.MeterStore;
import io.meterkit.store.RecoveryReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The example server's command line: {@code java -jar examples/target/meterkit-server.jar [flags]}
 * (see {@link ServerOptions#USAGE}), or one of the subcommands {@code hash-token} and {@code
 * hash-password} ({@link HashCommand}).
 *
 * <p>Bad flags print the usage and exit with status 2, and so does {@code --dev-admin} on an
 * address other than loopback; a bad data, credentials or keystore file exits with status 1. The
 * server logs one line per request and stops cleanly on SIGTERM (a shutdown hook stops the HTTP
 * server and its threads). Not meant to be called concurrently.
 */
public final class Main {
  private Main() {}

  /**
   * Starts the server; returns once it listens, leaving it running in its own threads.
   *
   * @param args the command line, see {@link ServerOptions#USAGE}
   */
  public static void main(String[] args) {
    int status =
        HashCommand.handles(args)
            ? HashCommand.run(args, System.in, System.console(), System.out, System.err)
            : launch(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Parses the flags, loads data and starts the server.
   *
   * @param args the command line
   * @param out receives the startup and request log lines
   * @param err receives usage, warnings and errors
   * @return 0 when started (or when only {@code --help} was asked), 2 for bad flags, 1 when data,
   *     credentials or the keystore cannot be loaded or the port cannot be bound
   */
  static int launch(String[] args, PrintStream out, PrintStream err) {
    Started started = start(args, out, err);
    if (started.server() != null) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close(err);
                    out.println("meterkit server stopped");
                  },
                  "meterkit-shutdown"));
    }
    return started.status();
  }

  /**
   * A server {@link #start} started, or the status it failed with.
   *
   * @param status 0 when started or only the usage was asked for, else the exit status
   * @param server the running server, or null
   * @param store its store of Ceilometer samples, or null
   * @param usageStore its store of usage events, or null
   */
  record Started(int status, ExampleServer server, MeterStore store, MeterStore usageStore) {
    /** Stops the server and closes the stores. */
    void close(PrintStream err) {
      if (server != null) {
        server.close();
        closeStore(store, err);
        closeStore(usageStore, err);
      }
    }
  }

  /**
   * Parses the flags, loads data and starts the server, without a shutdown hook: {@link #launch}
   * for the command line, this for tests that stop the server themselves.
   *
   * @param args the command line
   * @param out receives the startup and request log lines
   * @param err receives usage, warnings and errors
   * @return the started server, or the exit status
   */
  static Started start(String[] args, PrintStream out, PrintStream err) {
    ServerOptions options;
    InetAddress host;
    try {
      options = ServerOptions.parse(args);
      host = ServerSecurity.host(options);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(ServerOptions.USAGE);
      return new Started(2, null, null, null);
    }
    if (options.help()) {
      out.println(ServerOptions.USAGE);
      return new Started(0, null, null, null);
    }
    ServerSecurity.warnings(options, host).forEach(warning -> err.println("warning: " + warning));
    Authenticator authenticator;
    SSLContext tls = null;
    try {
      authenticator = ServerSecurity.authenticator(options);
      if (options.security().tlsKeystore() != null) {
        tls = Tls.context(options.security().tlsKeystore(), options.security().tlsPasswordFile());
      }
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return new Started(1, null, null, null);
    }
    Clock clock = Clock.systemUTC();
    MeterStore store;
    MeterStore usageStore;
    try {
      store = openStore(options.dataDir(), out);
    } catch (IOException e) {
      err.println("error: cannot open the store in " + options.dataDir() + ": " + e.getMessage());
      return new Started(1, null, null, null);
    }
    try {
      usageStore =
          openStore(
              options.dataDir() == null ? null : options.dataDir().resolve(USAGE_EVENTS_DIR), out);
    } catch (IOException e) {
      err.println("error: cannot open the usage-events store: " + e.getMessage());
      closeStore(store, err);
      return new Started(1, null, null, null);
    }
    try {
      // Usage events live in a store of their own: never in Ceilometer listings or statistics.
      UsageEvents usage = new UsageEvents(usageStore, UsageEvents.DEFAULT_ACTIVE_STATES, clock);
      if (options.demo() && store.snapshot().sampleCount() > 0) {
        out.println("the store holds samples already: --demo skipped");
      } else if (options.demo()) {
        out.println("loaded " + DemoData.load(store, clock.millis()) + " demo samples");
        out.println(
            "loaded " + UsageDemoData.load(store, usage, clock.millis()) + " demo usage samples");
      }
      if (options.dataFile().isPresent()) {
        long loaded = JsonLinesLoader.load(options.dataFile().get(), store, clock.millis());
        out.println("loaded " + loaded + " samples from " + options.dataFile().get());
      }
      MeterApi api =
          MeterApi.builder(store)
              .windowPolicy(options.windowPolicy())
              .clock(clock)
              .authenticator(authenticator)
              .maxBatchSamples(options.limits().maxBatchSamples())
              .maxQueryTerms(options.limits().maxQueryTerms())
              .cors(Cors.allowing(options.corsOrigins()))
              .family(new UsageEventsApi(usage))
              .family(new BurstUsageApi(new BurstCalculator(store, burstConfig(options), clock)))
              .build();
      ExampleServer server =
          ExampleServer.start(
              api,
              new InetSocketAddress(host, options.port()),
              tls,
              options.limits().http(),
              out::println);
      out.println(
          "meterkit server listening on "
              + (tls == null ? "http" : "https")
              + "://"
              + hostText(host)
              + ":"
              + server.port()
              + " (port "
              + server.port()
              + ", window policy "
              + options.windowPolicy()
              + ", auth "
              + ServerSecurity.describe(options)
              + (options.devAdmin() ? ", dev admin" : "")
              + ")");
      return new Started(0, server, store, usageStore);
    } catch (IOException | MeterkitException e) {
      err.println("error: " + e.getMessage());
      closeStore(store, err);
      closeStore(usageStore, err);
      return new Started(1, null, null, null);
    }
  }

  private static String hostText(InetAddress host) {
    String text = host.getHostAddress();
    return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
  }

  /** The subdirectory of {@code --data-dir} holding the usage-events store. */
  static final String USAGE_EVENTS_DIR = "usage-events";

  // In memory by default; with --data-dir, durable (recovering what the directory holds).
  private static MeterStore openStore(Path dataDir, PrintStream out) throws IOException {
    if (dataDir == null) {
      return MeterStore.inMemory();
    }
    MeterStore store = MeterStore.open(dataDir);
    RecoveryReport report = store.recoveryReport().orElseThrow();
    out.println(
        "opened durable store in "
            + dataDir
            + ": "
            + store.snapshot().sampleCount()
            + " samples, recovered in "
            + report.elapsedMillis()
            + " ms ("
            + report.recordsReplayed()
            + " log records replayed"
            + (report.truncated() ? "; log truncated: " + report.truncationReason() : "")
            + ")");
    return store;
  }

  private static void closeStore(MeterStore store, PrintStream err) {
    try {
      store.close();
    } catch (RuntimeException e) {
      err.println("error: closing the store: " + e.getMessage());
    }
  }

  // The --burst-config file; with --demo and no file, the bundled demo file; else no prices.
  private static BurstConfig burstConfig(ServerOptions options) throws IOException {
    if (options.burstConfig() != null) {
      return BurstConfig.read(options.burstConfig());
    }
    if (options.demo()) {
      try (InputStream demo = Main.class.getResourceAsStream("/burst-config-demo.json")) {
        return BurstConfig.parse(new String(demo.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return new BurstConfig(Map.of(), Map.of());
  }
}
