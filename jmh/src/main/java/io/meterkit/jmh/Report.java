package io.meterkit.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.jmh.Results.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the results of {@code jmh/run.sh} and {@code jmh/run-scale.sh} into the Markdown of {@code
 * jmh/README.md}: per size, every workload's median and range over the measured iterations for
 * meterkit, the peers and the rooflines, meterkit's speed-ups and ratios (of medians), allocation
 * per operation and bytes per sample; query latency under ingest; the scaling of meterkit's costs
 * with the data; meterkit's performance targets with PASS/FAIL; the machine and the command.
 *
 * <p>A meterkit result whose 99.9% confidence half-width exceeds 20% of its mean is never reported:
 * its cell says so and the ratios and targets that need it stay empty. {@code run.sh} re-measures
 * such benchmarks first ({@code --unstable SIZE} prints a JMH regex of them).
 *
 * <p>Usage: {@code Report results.json... [--memory a.json,b.json] [--latency latency.json]
 * [--command "..."] [--note "..."] [--readme README.md]}, or {@code Report --unstable SIZE
 * results.json...}. Prints the Markdown; with {@code --readme}, also replaces the part of that file
 * between {@value #BEGIN} and {@value #END}. Not thread-safe: built once, rendered once.
 */
public final class Report {
  /** Marks the start of the generated part of the README. */
  public static final String BEGIN = "<!-- report:begin -->";

  /** Marks the end of the generated part of the README. */
  public static final String END = "<!-- report:end -->";

  /** The sizes of the main suite; larger ones (run-scale.sh) appear in the scaling table only. */
  static final int MAIN_SIZE_LIMIT = 10_000_000;

  static final String[] QUERIES = {"q1", "q2", "q3", "q4"};
  private static final String[] BILLING = {"increase", "integral", "twa", "percentile"};
  private static final String[] PEERS = {"Naive", "DuckDb", "H2"};
  private static final String[][] ROOFLINES = {
    {"rangeFilterSum", "row scan: range test of every row, sum (Q1's shape)"},
    {"blockSummaryFold", "summary fold: block summaries, edge rows tested (Q1)"},
    {"chunkSummaryFold", "summary fold: chunk summaries, then blocks at the edges (Q1)"},
    {"sumDoubles", "`double[]` sum, 4 accumulators (bandwidth)"}
  };

  final Results results;
  final Map<String, Double> bytesPerSample = new HashMap<>(); // by "name@samples"
  final Map<String, String> memoryMethods = new LinkedHashMap<>();
  final JsonNode latency; // null when not measured

  Report(Results results, List<Path> memory, Path latency) throws IOException {
    this.results = results;
    ObjectMapper json = new ObjectMapper();
    for (Path file : memory) {
      if (Files.exists(file)) {
        for (JsonNode figure : json.readTree(file.toFile()).get("results")) {
          String name = figure.get("name").asText();
          bytesPerSample.put(
              name + "@" + figure.get("samples").asInt(), figure.get("bytesPerSample").asDouble());
          memoryMethods.putIfAbsent(name, figure.get("method").asText());
        }
      }
    }
    this.latency =
        latency != null && Files.exists(latency) ? json.readTree(latency.toFile()) : null;
  }

  /**
   * Prints the report and optionally writes it into a README, or prints the unstable benchmarks.
   *
   * @param args the results files, then options (see the class documentation)
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 1 && args[0].equals("--unstable")) {
      List<Path> files = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        files.add(Path.of(args[i]));
      }
      System.out.println(Results.read(files).unstableMeterkit(Integer.parseInt(args[1])));
      return;
    }
    List<Path> files = new ArrayList<>();
    int i = 0;
    for (; i < args.length && !args[i].startsWith("--"); i++) {
      files.add(Path.of(args[i]));
    }
    Map<String, String> options = new HashMap<>();
    for (; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    List<Path> memory = new ArrayList<>();
    for (String file : options.getOrDefault("--memory", "").split(",")) {
      if (!file.isBlank()) {
        memory.add(Path.of(file));
      }
    }
    String latency = options.get("--latency");
    Report report =
        new Report(Results.read(files), memory, latency == null ? null : Path.of(latency));
    String markdown =
        report.markdown(options.getOrDefault("--command", "jmh/run.sh"), options.get("--note"));
    System.out.print(markdown);
    String readme = options.get("--readme");
    if (readme != null) {
      Path path = Path.of(readme);
      String text = Files.readString(path, StandardCharsets.UTF_8);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        throw new IllegalArgumentException(readme + " lacks the markers " + BEGIN + " " + END);
      }
      String updated =
          text.substring(0, begin + BEGIN.length()) + "\n" + markdown + text.substring(end);
      Files.writeString(path, updated, StandardCharsets.UTF_8);
    }
  }

  /**
   * Renders every table.
   *
   * @param command the command that produced the results
   * @param note a remark on the run (e.g. the load on the machine), or null
   * @return Markdown
   */
  String markdown(String command, String note) {
    StringBuilder out = new StringBuilder();
    int largest = 0;
    for (int size : results.sizes()) {
      if (size <= MAIN_SIZE_LIMIT) {
        out.append(sizeTable(size));
        largest = size;
      }
    }
    out.append(latencyTable());
    out.append(scalingTable());
    out.append(new Targets(this).render(largest));
    out.append("\nMachine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs (nproc), ")
        .append(cpuModel())
        .append(", ")
        .append(results.jvm())
        .append(".  \nCommand: `")
        .append(command)
        .append("`.\n");
    if (note != null && !note.isBlank()) {
      out.append("Note: ").append(note).append("\n");
    }
    return out.toString();
  }

  private String sizeTable(int size) {
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "%n### %,d samples%n%n", size));
    t.append("| workload | meterkit | naive | DuckDB | H2 | speed-up vs naive | vs DuckDB | vs H2")
        .append(" | meterkit alloc B/op |\n");
    t.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (String q : QUERIES) {
      String mine = "MeterkitQueryBenchmark." + q;
      t.append("| ").append(q.toUpperCase(Locale.ROOT)).append(" (ms) | ").append(cell(mine, size));
      for (String peer : PEERS) {
        t.append(" | ").append(cell(peer + "QueryBenchmark." + q, size));
      }
      for (String peer : PEERS) {
        t.append(" | ").append(speedUp(time(peer + "QueryBenchmark." + q, size), time(mine, size)));
      }
      Result result = results.reportable(mine, size);
      t.append(" | ")
          .append(
              result == null || Double.isNaN(result.allocation())
                  ? ""
                  : String.format(Locale.ROOT, "%,.0f", result.allocation()));
      t.append(" |\n");
    }
    t.append(billingRows(size));
    Double batch = rate("MeterkitIngestBenchmark.recordAll", size);
    t.append("| batch ingest (M samples/s) | ")
        .append(rateCell("MeterkitIngestBenchmark.recordAll", size));
    String[] peerIngest = {"naive", "duckDb", "h2"};
    for (String peer : peerIngest) {
      t.append(" | ").append(rateCell("PeerIngestBenchmark." + peer, size));
    }
    for (String peer : peerIngest) {
      t.append(" | ").append(speedUp(batch, rate("PeerIngestBenchmark." + peer, size)));
    }
    t.append(" | |\n");
    t.append("| single `record` (M samples/s) | ")
        .append(perSecondCell("MeterkitIngestBenchmark.record", size))
        .append(" | | | | | | | |\n");
    String bytes = bytes("meterkit", size);
    if (!bytes.equals("–")) {
      t.append("| bytes/sample (heap; DuckDB: `duckdb_memory()`) | ")
          .append(bytes)
          .append(" | ")
          .append(bytes("naive (shared strings)", size))
          .append(" / ")
          .append(bytes("naive (strings per sample)", size))
          .append(" | ")
          .append(bytes("duckdb", size))
          .append(" | ")
          .append(bytes("h2", size))
          .append(" | | | | |\n");
    }
    t.append("\nRooflines on the same data, and Q1's time against each:\n\n");
    t.append("| roofline | time (ms) | meterkit Q1 ÷ roofline |\n| --- | ---: | ---: |\n");
    for (String[] roofline : ROOFLINES) {
      String key = "RooflineBenchmark." + roofline[0];
      t.append("| ")
          .append(roofline[1])
          .append(" | ")
          .append(cell(key, size))
          .append(" | ")
          .append(ratio(time("MeterkitQueryBenchmark.q1", size), time(key, size)))
          .append(" |\n");
    }
    return t.toString();
  }

  // The billing aggregates against the naive baseline, for the runs that include them.
  private String billingRows(int size) {
    StringBuilder t = new StringBuilder();
    for (String aggregate : BILLING) {
      String mine = "MeterkitBillingBenchmark." + aggregate;
      String naive = "NaiveBillingBenchmark." + aggregate;
      if (results.get(mine, size) == null) {
        continue;
      }
      Result result = results.reportable(mine, size);
      t.append("| ")
          .append(aggregate)
          .append(" (ms) | ")
          .append(cell(mine, size))
          .append(" | ")
          .append(cell(naive, size))
          .append(" | | | ")
          .append(speedUp(time(naive, size), time(mine, size)))
          .append(" | | | ")
          .append(
              result == null || Double.isNaN(result.allocation())
                  ? ""
                  : String.format(Locale.ROOT, "%,.0f", result.allocation()))
          .append(" |\n");
    }
    return t.toString();
  }

  private String latencyTable() {
    if (latency == null) {
      return "";
    }
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "%n### Query latency while one thread ingests (%,d samples, %s)%n%n",
            latency.get("size").asInt(),
            String.format(
                Locale.ROOT,
                "target %s M samples/s, reached %s M samples/s",
                number(latency.get("rate").asDouble() / 1e6),
                number(latency.get("achievedRate").asDouble() / 1e6))));
    t.append("| query | idle p50 (µs) | idle p99 (µs) [windows] | ingesting p50 (µs)")
        .append(" | ingesting p99 (µs) [windows] | p99 ingesting ÷ idle |\n");
    t.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (JsonNode row : latency.get("results")) {
      JsonNode idle = row.get("idle");
      JsonNode busy = row.get("ingest");
      t.append("| ")
          .append(row.get("query").asText().toUpperCase(Locale.ROOT))
          .append(" | ")
          .append(number(idle.get("p50").asDouble()))
          .append(" | ")
          .append(percentileCell(idle))
          .append(" | ")
          .append(number(busy.get("p50").asDouble()))
          .append(" | ")
          .append(percentileCell(busy))
          .append(" | ")
          .append(ratio(busy.get("p99").asDouble(), idle.get("p99").asDouble()))
          .append(" |\n");
    }
    return t.toString();
  }

  private static String percentileCell(JsonNode phase) {
    return number(phase.get("p99").asDouble())
        + " ["
        + number(phase.get("windowP99Min").asDouble())
        + "–"
        + number(phase.get("windowP99Max").asDouble())
        + "]";
  }

  private String scalingTable() {
    List<Integer> sizes = new ArrayList<>(results.sizes());
    if (sizes.size() < 2) {
      return "";
    }
    StringBuilder t = new StringBuilder("\n### How meterkit's costs grow with the data\n\n");
    t.append("| samples | bytes/sample | Q1 (ms) | Q2 (ms) | Q3 (ms) | Q4 (ms)")
        .append(" | batch ingest (M samples/s) |\n");
    t.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (int size : sizes) {
      t.append(String.format(Locale.ROOT, "| %,d | ", size)).append(bytes("meterkit", size));
      for (String q : QUERIES) {
        t.append(" | ").append(cell("MeterkitQueryBenchmark." + q, size));
      }
      t.append(" | ").append(rateCell("MeterkitIngestBenchmark.recordAll", size)).append(" |\n");
    }
    return t.toString();
  }

  /** The median time (ms) of a reportable result, or null. */
  Double time(String benchmark, int size) {
    Result result = results.reportable(benchmark, size);
    return result == null ? null : result.median();
  }

  /** The median rate (samples/s) of a reportable whole-data-set result measured in ms/op. */
  Double rate(String benchmark, int size) {
    Double millis = time(benchmark, size);
    return millis == null ? null : size / (millis / 1000);
  }

  /** The median of a reportable throughput result (ops/s), or null. */
  Double perSecond(String benchmark, int size) {
    return time(benchmark, size); // throughputs are stored as operations per second
  }

  Double bytesPerSample(String name, int size) {
    return bytesPerSample.get(name + "@" + size);
  }

  private String cell(String benchmark, int size) {
    Result result = results.get(benchmark, size);
    if (result == null) {
      return "–";
    }
    if (results.reportable(benchmark, size) == null) {
      return "unstable, not reported";
    }
    return number(result.median()) + " [" + number(result.min()) + "–" + number(result.max()) + "]";
  }

  private String rateCell(String benchmark, int size) {
    Result result = results.get(benchmark, size);
    if (result == null) {
      return "–";
    }
    if (results.reportable(benchmark, size) == null) {
      return "unstable, not reported";
    }
    // A shorter time is a higher rate: the range's ends swap.
    return number(size / (result.median() / 1000) / 1e6)
        + " ["
        + number(size / (result.max() / 1000) / 1e6)
        + "–"
        + number(size / (result.min() / 1000) / 1e6)
        + "]";
  }

  private String perSecondCell(String benchmark, int size) {
    Result result = results.get(benchmark, size);
    if (result == null) {
      return "–";
    }
    if (results.reportable(benchmark, size) == null) {
      return "unstable, not reported";
    }
    return number(result.median() / 1e6)
        + " ["
        + number(result.min() / 1e6)
        + "–"
        + number(result.max() / 1e6)
        + "]";
  }

  private String bytes(String name, int size) {
    Double value = bytesPerSample(name, size);
    if (value == null && !name.equals("meterkit")) {
      // Peers are measured on fewer samples (slow loads); bytes/sample hardly depends on N.
      for (Map.Entry<String, Double> entry : bytesPerSample.entrySet()) {
        if (entry.getKey().startsWith(name + "@")) {
          return String.format(Locale.ROOT, "%.1f", entry.getValue())
              + String.format(
                  Locale.ROOT,
                  " (at %,d)",
                  Integer.parseInt(entry.getKey().substring(name.length() + 1)));
        }
      }
    }
    return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
  }

  /** How many times faster meterkit is: the peer's time over meterkit's (or rates, inverted). */
  static String speedUp(Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return "–";
    }
    return number(numerator / denominator) + "×";
  }

  static String ratio(Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return "–";
    }
    return number(numerator / denominator);
  }

  /** Three significant digits, no exponent. */
  static String number(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (magnitude >= 0.01) {
      return String.format(Locale.ROOT, "%.3f", value);
    }
    return String.format(Locale.ROOT, "%.2g", value);
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown CPU (" + e.getMessage() + ")";
    }
    return "unknown CPU";
  }
}
