package io.meterkit.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the JMH JSON results of {@code jmh/run.sh} (and the output of {@link
 * io.meterkit.jmh.store.MemoryFootprint}) into the Markdown tables of {@code jmh/README.md}: time
 * or throughput per workload and implementation, meterkit's ratio to the roofline and its speed-up
 * over each peer, bytes per sample, meterkit's performance targets with PASS/FAIL, the machine and
 * the command.
 *
 * <p>Usage: {@code Report results.json... [--memory memory.json] [--command "..."] [--note "..."]
 * [--readme README.md]}. Prints the Markdown; with {@code --readme}, also replaces the part of that
 * file between {@value #BEGIN} and {@value #END}. Thread-safe: stateless apart from the parsed
 * results.
 */
public final class Report {
  /** Marks the start of the generated part of the README. */
  public static final String BEGIN = "<!-- report:begin -->";

  /** Marks the end of the generated part of the README. */
  public static final String END = "<!-- report:end -->";

  private static final String[] QUERIES = {"q1", "q2", "q3", "q4"};
  private static final String[] BILLING = {"increase", "integral", "twa", "percentile"};
  private static final String[] PEERS = {"Naive", "DuckDb", "H2"};
  private static final String[] PEER_NAMES = {"naive", "DuckDB", "H2"};

  /** Score (milliseconds per operation, or operations per second) by "Class.method@size". */
  private final Map<String, Double> scores = new HashMap<>();

  private final Map<String, Double> errors = new HashMap<>();
  private final Map<String, Double> allocation = new HashMap<>();
  private final TreeSet<Integer> sizes = new TreeSet<>();
  private final Map<String, Double> bytesPerSample = new HashMap<>();
  private final Map<String, String> memoryMethods = new java.util.LinkedHashMap<>();
  private int memorySize;
  private String jvm = "unknown";

  /**
   * Reads the results.
   *
   * @param results JMH JSON files ({@code -rf json})
   * @param memory the {@code MemoryFootprint} JSON, or null
   * @throws IOException when a file cannot be read
   */
  Report(List<Path> results, Path memory) throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (Path file : results) {
      read(json.readTree(file.toFile()));
    }
    if (memory != null && Files.exists(memory)) {
      JsonNode root = json.readTree(memory.toFile());
      memorySize = root.get("size").asInt();
      for (JsonNode figure : root.get("results")) {
        bytesPerSample.put(figure.get("name").asText(), figure.get("bytesPerSample").asDouble());
        memoryMethods.put(figure.get("name").asText(), figure.get("method").asText());
      }
    }
  }

  private void read(JsonNode runs) {
    for (JsonNode run : runs) {
      String[] name = run.get("benchmark").asText().split("\\.");
      int size = run.path("params").path("size").asInt();
      String key = name[name.length - 2] + "." + name[name.length - 1] + "@" + size;
      JsonNode metric = run.get("primaryMetric");
      double factor = toMillisOrPerSecond(metric.get("scoreUnit").asText());
      scores.put(key, metric.get("score").asDouble() * factor);
      errors.put(key, metric.path("scoreError").asDouble(0) * factor);
      JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
      if (!alloc.isMissingNode()) {
        allocation.put(key, alloc.get("score").asDouble());
      }
      sizes.add(size);
      jvm = run.path("vmName").asText() + " " + run.path("vmVersion").asText();
    }
  }

  private static double toMillisOrPerSecond(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-6;
      case "us/op" -> 1e-3;
      case "ms/op", "ops/s" -> 1;
      case "s/op" -> 1e3;
      case "ops/ms" -> 1e3;
      case "ops/us" -> 1e6;
      default -> throw new IllegalArgumentException("unsupported score unit: " + unit);
    };
  }

  /**
   * Prints the report and optionally writes it into a README.
   *
   * @param args the results file, then options (see the class documentation)
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    List<Path> results = new ArrayList<>();
    int i = 0;
    for (; i < args.length && !args[i].startsWith("--"); i++) {
      results.add(Path.of(args[i]));
    }
    Map<String, String> options = new HashMap<>();
    for (; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String memory = options.get("--memory");
    Report report = new Report(results, memory == null ? null : Path.of(memory));
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
   * @param note a remark on the run (e.g. other load on the machine), or null
   * @return Markdown
   */
  String markdown(String command, String note) {
    StringBuilder out = new StringBuilder();
    for (int size : sizes) {
      out.append(sizeTable(size));
    }
    out.append(targets(sizes.isEmpty() ? 0 : sizes.last()));
    out.append("\nMachine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs (nproc), ")
        .append(cpuModel())
        .append(", ")
        .append(jvm)
        .append(".  \nCommand: `")
        .append(command)
        .append("`.\n");
    if (note != null && !note.isBlank()) {
      out.append("Note: ").append(note).append("\n");
    }
    return out.toString();
  }

  // The billing aggregates against the naive baseline, for the runs that include them.
  private String billingRows(int size) {
    StringBuilder t = new StringBuilder();
    for (String aggregate : BILLING) {
      String mine = "MeterkitBillingBenchmark." + aggregate + "@" + size;
      String naive = "NaiveBillingBenchmark." + aggregate + "@" + size;
      if (!scores.containsKey(mine)) {
        continue;
      }
      Double alloc = allocation.get(mine);
      t.append("| ")
          .append(aggregate)
          .append(" (ms) | ")
          .append(cell(mine))
          .append(" | ")
          .append(cell(naive))
          .append(" | | | | | ")
          .append(speedUp(scores.get(naive), scores.get(mine)))
          .append(" | | | ")
          .append(alloc == null ? "" : String.format(Locale.ROOT, "%,.0f", alloc))
          .append(" |\n");
    }
    return t.toString();
  }

  private String sizeTable(int size) {
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "%n### %,d samples%n%n", size));
    t.append("| workload | meterkit | naive | DuckDB | H2 | roofline | meterkit ÷ roofline")
        .append(" | speed-up vs naive | vs DuckDB | vs H2 | meterkit alloc B/op |\n");
    t.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (String q : QUERIES) {
      String mine = "MeterkitQueryBenchmark." + q + "@" + size;
      t.append("| ").append(q.toUpperCase(Locale.ROOT)).append(" (ms) | ").append(cell(mine));
      for (String peer : PEERS) {
        t.append(" | ").append(cell(peer + "QueryBenchmark." + q + "@" + size));
      }
      String roof = "RooflineBenchmark.rangeFilterSum@" + size;
      t.append(" | ").append(q.equals("q1") ? cell(roof) : "");
      t.append(" | ").append(q.equals("q1") ? ratio(scores.get(mine), scores.get(roof)) : "");
      for (String peer : PEERS) {
        t.append(" | ")
            .append(
                speedUp(scores.get(peer + "QueryBenchmark." + q + "@" + size), scores.get(mine)));
      }
      Double alloc = allocation.get(mine);
      t.append(" | ").append(alloc == null ? "" : String.format(Locale.ROOT, "%,.0f", alloc));
      t.append(" |\n");
    }
    t.append(billingRows(size));
    t.append(ingestRows(size));
    t.append("| roofline: `double[]` sum, 4 accumulators (ms) | | | | | ")
        .append(cell("RooflineBenchmark.sumDoubles@" + size))
        .append(" | | | | | |\n");
    if (size == memorySize) {
      t.append("| bytes/sample (heap; DuckDB: `duckdb_memory()`) | ")
          .append(bytes("meterkit"))
          .append(" | ")
          .append(bytes("naive (shared strings)"))
          .append(" / ")
          .append(bytes("naive (strings per sample)"))
          .append(" | ")
          .append(bytes("duckdb"))
          .append(" | ")
          .append(bytes("h2"))
          .append(" | | | | | | |\n");
      t.append("\nBytes/sample measured as: ");
      StringBuilder methods = new StringBuilder();
      memoryMethods.forEach(
          (name, method) ->
              methods
                  .append(methods.length() == 0 ? "" : "; ")
                  .append(name)
                  .append(": ")
                  .append(method));
      t.append(methods).append(".\n");
    }
    return t.toString();
  }

  private String ingestRows(int size) {
    StringBuilder t = new StringBuilder();
    Double batch = rate("MeterkitIngestBenchmark.recordAll@" + size, size);
    t.append("| batch ingest (M samples/s) | ").append(millions(batch));
    String[] peerIngest = {"naive", "duckDb", "h2"};
    Double[] peerRates = new Double[3];
    for (int i = 0; i < 3; i++) {
      peerRates[i] = rate("PeerIngestBenchmark." + peerIngest[i] + "@" + size, size);
      t.append(" | ").append(millions(peerRates[i]));
    }
    t.append(" | | ");
    for (int i = 0; i < 3; i++) {
      t.append(" | ").append(speedUp(batch, peerRates[i]));
    }
    t.append(" | |\n");
    Double single = scores.get("MeterkitIngestBenchmark.record@" + size);
    t.append("| single `record` (M samples/s) | ")
        .append(millions(single))
        .append(" | | | | | | | | | |\n");
    return t.toString();
  }

  /** Samples per second of a whole-data-set operation measured in ms/op. */
  private Double rate(String key, int size) {
    Double millis = scores.get(key);
    return millis == null ? null : size / (millis / 1000);
  }

  private String targets(int size) {
    String at = "@" + size;
    Double q1 = scores.get("MeterkitQueryBenchmark.q1" + at);
    List<String[]> rows = new ArrayList<>();
    Double batch = rate("MeterkitIngestBenchmark.recordAll" + at, size);
    rows.add(
        atLeast("batch ingest (`recordAll`, 1 thread)", "≥ 10 M samples/s", batch, 10e6, "M/s"));
    Double single = scores.get("MeterkitIngestBenchmark.record" + at);
    rows.add(atLeast("single `record` (1 thread)", "≥ 3 M samples/s", single, 3e6, "M/s"));
    rows.add(speedTarget("Q1", "DuckDb", 6, at));
    rows.add(speedTarget("Q1", "H2", 500, at));
    Double roof = scores.get("RooflineBenchmark.rangeFilterSum" + at);
    boolean within = q1 != null && roof != null && q1 <= 1.5 * roof;
    rows.add(
        new String[] {
          "Q1 vs sorted range-filter roofline",
          "≤ 1.5× roofline time",
          q1 == null || roof == null ? "–" : ratio(q1, roof) + "×",
          verdict(q1 != null && roof != null, within)
        });
    for (String q : new String[] {"Q2", "Q3"}) {
      rows.add(speedTarget(q, "DuckDb", 5, at));
      rows.add(speedTarget(q, "H2", 100, at));
    }
    Double q4 = scores.get("MeterkitQueryBenchmark.q4" + at);
    rows.add(
        new String[] {
          "Q4 (one resource, one day)",
          "≤ 50 µs",
          q4 == null ? "–" : String.format(Locale.ROOT, "%.1f µs", q4 * 1000),
          verdict(q4 != null, q4 != null && q4 <= 0.050)
        });
    rows.add(speedTarget("Q4", "DuckDb", 200, at));
    Double bytes = size == memorySize ? bytesPerSample.get("meterkit") : null;
    rows.add(
        new String[] {
          "memory, the benchmark data",
          "≤ 12 bytes/sample",
          bytes == null ? "–" : String.format(Locale.ROOT, "%.1f B", bytes),
          verdict(bytes != null, bytes != null && bytes <= 12)
        });
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "%n### Performance targets at %,d samples%n%n", size));
    t.append("| target | wanted | measured | verdict |\n| --- | --- | ---: | --- |\n");
    for (String[] row : rows) {
      t.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return t.toString();
  }

  private String[] speedTarget(String query, String peer, double wanted, String at) {
    String q = query.toLowerCase(Locale.ROOT);
    String mineKey = "MeterkitQueryBenchmark." + q;
    String theirsKey = peer + "QueryBenchmark." + q;
    String where = "";
    if (!scores.containsKey(theirsKey + at)) {
      // The peer may have run at a smaller size only (H2 by default): compare there.
      for (int size : sizes.descendingSet()) {
        if (scores.containsKey(mineKey + "@" + size)
            && scores.containsKey(theirsKey + "@" + size)) {
          at = "@" + size;
          where = String.format(Locale.ROOT, " (at %,d)", size);
          break;
        }
      }
    }
    Double mine = scores.get(mineKey + at);
    Double theirs = scores.get(theirsKey + at);
    boolean known = mine != null && theirs != null;
    String peerName = PEER_NAMES[peer.equals("DuckDb") ? 1 : 2];
    return new String[] {
      query + " vs " + peerName,
      String.format(Locale.ROOT, "≥ %.0f× faster", wanted),
      speedUp(theirs, mine) + where,
      verdict(known, known && theirs / mine >= wanted)
    };
  }

  private static String[] atLeast(
      String what, String wanted, Double value, double threshold, String unit) {
    return new String[] {
      what,
      wanted,
      value == null ? "–" : String.format(Locale.ROOT, "%.2f %s", value / 1e6, unit),
      verdict(value != null, value != null && value >= threshold)
    };
  }

  private static String verdict(boolean known, boolean pass) {
    return !known ? "not measured" : pass ? "PASS" : "**FAIL**";
  }

  private String cell(String key) {
    Double score = scores.get(key);
    if (score == null) {
      return "–";
    }
    double error = errors.getOrDefault(key, Double.NaN);
    // JMH reports no error (NaN) for fewer than two measurement iterations.
    return Double.isFinite(error) ? number(score) + " ± " + number(error) : number(score);
  }

  private String bytes(String name) {
    Double value = bytesPerSample.get(name);
    return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
  }

  /** How many times faster meterkit is: the peer's time over meterkit's (or rates, inverted). */
  private static String speedUp(Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return "–";
    }
    return number(numerator / denominator) + "×";
  }

  private static String ratio(Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return "–";
    }
    return number(numerator / denominator);
  }

  private static String millions(Double perSecond) {
    return perSecond == null ? "–" : number(perSecond / 1e6);
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
