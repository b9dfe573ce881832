package io.meterkit.examples;

import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The example server's command line: {@code java -jar examples/target/meterkit-server.jar --port
 * 8080 [--demo] [--data FILE.jsonl] [--dev-admin] [--window-policy k5|none] [--burst-config FILE]}.
 *
 * <p>Bad flags print the usage and exit with status 2; a bad data file exits with status 1. The
 * server logs one line per request and stops cleanly on SIGTERM (a shutdown hook stops the HTTP
 * server and its thread pool). Not meant to be called concurrently.
 */
public final class Main {
  /** Worker threads of the HTTP server. */
  static final int THREADS = 8;

  private Main() {}

  /**
   * Starts the server; returns once it listens, leaving it running in its own threads.
   *
   * @param args the command line, see {@link ServerOptions#USAGE}
   */
  public static void main(String[] args) {
    int status = launch(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Parses the flags, loads data and starts the server.
   *
   * @param args the command line
   * @param out receives the startup and request log lines
   * @param err receives usage and errors
   * @return 0 when started (or when only {@code --help} was asked), 2 for bad flags, 1 when data
   *     cannot be loaded or the port cannot be bound
   */
  static int launch(String[] args, PrintStream out, PrintStream err) {
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(ServerOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(ServerOptions.USAGE);
      return 0;
    }
    Clock clock = Clock.systemUTC();
    MeterStore store;
    try {
      store = openStore(options, out);
    } catch (IOException e) {
      err.println("error: cannot open the store in " + options.dataDir() + ": " + e.getMessage());
      return 1;
    }
    try {
      UsageEvents usage = new UsageEvents(store, UsageEvents.DEFAULT_ACTIVE_STATES, clock);
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
              .family(new UsageEventsApi(usage))
              .family(new BurstUsageApi(new BurstCalculator(store, burstConfig(options), clock)))
              .build();
      ExampleServer server =
          ExampleServer.start(
              api,
              new InetSocketAddress(options.port()),
              options.devAdmin() ? Principal.anonymousAdmin() : null,
              THREADS,
              out::println);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    closeStore(store, err);
                    out.println("meterkit server stopped");
                  },
                  "meterkit-shutdown"));
      out.println(
          "meterkit server listening on port "
              + server.port()
              + " (window policy "
              + options.windowPolicy()
              + (options.devAdmin() ? ", dev admin" : "")
              + ")");
      return 0;
    } catch (IOException | MeterkitException e) {
      err.println("error: " + e.getMessage());
      closeStore(store, err);
      return 1;
    }
  }

  // In memory by default; with --data-dir, durable (recovering what the directory holds).
  private static MeterStore openStore(ServerOptions options, PrintStream out) throws IOException {
    if (options.dataDir() == null) {
      return MeterStore.inMemory();
    }
    MeterStore store = MeterStore.open(options.dataDir());
    RecoveryReport report = store.recoveryReport().orElseThrow();
    out.println(
        "opened durable store in "
            + options.dataDir()
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
