package io.meterkit.examples;

import io.meterkit.api.v2.WindowPolicy;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line of the example server, parsed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param port the TCP port, 0..65535 (0 picks a free one)
 * @param demo whether to load the generated demo data set
 * @param data a JSON-lines file of v2 samples to load, or null
 * @param devAdmin whether requests without identity headers act as an admin
 * @param windowPolicy the v2 statistics window policy
 * @param burstConfig the burst prices and subscriptions file, or null
 * @param dataDir the directory of a durable store, or null for an in-memory store
 * @param help whether only the usage was asked for
 */
record ServerOptions(
    int port,
    boolean demo,
    Path data,
    boolean devAdmin,
    WindowPolicy windowPolicy,
    Path burstConfig,
    Path dataDir,
    boolean help) {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: java -jar meterkit-server.jar [--port N] [--demo] [--data FILE.jsonl]"
              + " [--dev-admin] [--window-policy k5|none] [--burst-config FILE]"
              + " [--data-dir DIR]",
          "  --port N                 TCP port to listen on (default 8080; 0 picks a free port)",
          "  --demo                   load a generated data set covering the last 30 days",
          "  --data FILE              load v2 samples, one JSON object per line (counter_* fields)",
          "  --dev-admin              treat requests without identity headers as an admin",
          "                           (otherwise they get 401)",
          "  --window-policy k5|none  v2 statistics window rules (default k5)",
          "  --burst-config FILE      burst prices and subscriptions (JSON; --demo without it uses"
              + " the bundled burst-config-demo.json)",
          "  --data-dir DIR           keep the store durable in DIR (write-ahead log, snapshots);"
              + " --demo loads only into an empty store",
          "  --help                   print this message",
          "identity headers: X-User-Id, X-Project-Id, X-Roles (comma-separated; 'admin' sees all)");

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the bad flag or value
   */
  static ServerOptions parse(String... args) {
    int port = 8080;
    boolean demo = false;
    Path data = null;
    boolean devAdmin = false;
    WindowPolicy policy = WindowPolicy.K5;
    Path burstConfig = null;
    Path dataDir = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--port":
          port = port(value(args, ++i, flag));
          break;
        case "--demo":
          demo = true;
          break;
        case "--data":
          data = Path.of(value(args, ++i, flag));
          break;
        case "--dev-admin":
          devAdmin = true;
          break;
        case "--window-policy":
          policy = WindowPolicy.parse(value(args, ++i, flag));
          break;
        case "--help":
        case "-h":
          return new ServerOptions(port, demo, data, devAdmin, policy, burstConfig, dataDir, true);
        case "--burst-config":
          burstConfig = Path.of(value(args, ++i, flag));
          break;
        case "--data-dir":
          dataDir = Path.of(value(args, ++i, flag));
          break;
        default:
          throw new IllegalArgumentException("unknown flag: " + flag);
      }
    }
    return new ServerOptions(port, demo, data, devAdmin, policy, burstConfig, dataDir, false);
  }

  /** Returns the data file, if any. */
  Optional<Path> dataFile() {
    return Optional.ofNullable(data);
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port must be an integer in 0..65535, got: " + text);
  }
}
