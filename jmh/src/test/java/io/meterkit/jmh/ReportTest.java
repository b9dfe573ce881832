package io.meterkit.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  // One benchmark result as JMH writes it: mean, half-width, the iterations of one fork.
  private static String result(
      String benchmark, int size, String mode, String unit, double error, double... iterations) {
    double mean = 0;
    List<String> raw = new ArrayList<>();
    for (double value : iterations) {
      mean += value / iterations.length;
      raw.add(Double.toString(value));
    }
    return """
           {"benchmark": "io.meterkit.jmh.%s", "mode": "%s", "params": {"size": "%d"},
            "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15+6",
            "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "%s",
                              "rawData": [[%s]]},
            "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 512.0, "scoreUnit": "B/op"}}}
           """
        .formatted(benchmark, mode, size, mean, error, unit, String.join(", ", raw));
  }

  private Path file(String name, String... results) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, "[" + String.join(",", results) + "]");
    return path;
  }

  private Path results() throws IOException {
    int n = 10_000_000;
    return file(
        "results.json",
        result("query.MeterkitQueryBenchmark.q1", n, "avgt", "us/op", 0.5, 9, 10, 11, 10, 10),
        result("query.DuckDbQueryBenchmark.q1", n, "avgt", "us/op", 900, 500, 2_000, 1_000),
        result("query.MeterkitQueryBenchmark.q3", n, "avgt", "us/op", 1_000, 100, 2_000, 1_000),
        result("query.DuckDbQueryBenchmark.q3", n, "avgt", "us/op", 1, 20_000, 20_000, 20_000),
        result("query.RooflineBenchmark.chunkSummaryFold", n, "avgt", "us/op", 0.1, 4, 5, 6),
        result("query.MeterkitQueryBenchmark.q4", n, "avgt", "us/op", 0.1, 4, 5, 6),
        result("store.MeterkitIngestBenchmark.recordAll", n, "avgt", "ms/op", 10, 500, 800, 1000),
        result("store.MeterkitIngestBenchmark.record", n, "thrpt", "ops/s", 1e5, 3e6, 4e6, 5e6));
  }

  private Path memory() throws IOException {
    Path memory = dir.resolve("memory.json");
    Files.writeString(
        memory,
        """
        {"size": 10000000, "results": [
         {"name": "meterkit", "method": "heap delta", "bytes": 110000000, "samples": 10000000,
          "bytesPerSample": 11.00},
         {"name": "h2", "method": "heap delta at 1000000 samples", "bytes": 230000000,
          "samples": 1000000, "bytesPerSample": 230.0}]}
        """);
    return memory;
  }

  @Test
  void reportsMediansWithTheirRangeAndRatiosOfMedians() throws IOException {
    String markdown =
        new Report(Results.read(List.of(results())), List.of(memory()), null)
            .markdown("jmh/run.sh", "quiet machine");

    assertThat(markdown)
        .contains("### 10,000,000 samples")
        // meterkit's median 10 µs of 9..11; DuckDB's 1,000 µs of 500..2,000: 100× (of medians)
        .contains("| Q1 (ms) | 0.010 [0.0090–0.011] | – | 1.00 [0.500–2.00] | – | – | 100× | – |")
        // rates from times: the range's ends swap
        .contains("| batch ingest (M samples/s) | 12.5 [10.0–20.0] |")
        .contains("| single `record` (M samples/s) | 4.00 [3.00–5.00] |")
        .contains("| bytes/sample (heap; DuckDB: `duckdb_memory()`) | 11.0 | – / – | – |")
        .contains("230.0 (at 1,000,000)")
        .contains("| summary fold: chunk summaries, then blocks at the edges (Q1) | 0.0050")
        .contains("| 2.00 |")
        .contains("Command: `jmh/run.sh`")
        .contains("Note: quiet machine");
  }

  @Test
  void judgesTheTargetsFromTheMedians() throws IOException {
    String markdown =
        new Report(Results.read(List.of(results())), List.of(memory()), null).markdown("x", null);

    assertThat(markdown)
        .contains("| batch ingest (`recordAll`, 1 thread) | ≥ 12 M samples/s | 12.50 M/s | PASS |")
        .contains("| single `record` (1 thread) | ≥ 4 M samples/s | 4.00 M/s | PASS |")
        .contains("| Q1 vs DuckDB | ≥ 100× faster | 100× | PASS |")
        .contains("| Q2 vs DuckDB | ≥ 50× faster | – | not measured |")
        .contains("| Q4 (one resource, one day) | ≤ 10 µs | 5.0 µs | PASS |")
        .contains("| Q1 allocation (`-prof gc`; one result row) |")
        .contains("| 512 B | PASS |")
        .contains("| memory, the benchmark data | ≤ 12 bytes/sample | 11.0 B | PASS |")
        .contains("| memory at 100,000,000 samples | ≤ 12 bytes/sample | – | not measured |")
        .contains("| Q1 p99 while one thread ingests at 1 M samples/s | ≤ 2× idle p99 | – |");
  }

  @Test
  void neverReportsAMeterkitRowWhoseConfidenceIntervalIsTooWide() throws IOException {
    // Q3: mean 1,033 µs, half-width 1,000 µs, 97% of the mean.
    Results results = Results.read(List.of(results()));
    String markdown = new Report(results, List.of(), null).markdown("x", null);

    assertThat(markdown)
        .contains("| Q3 (ms) | unstable, not reported | – | 20.0 [20.0–20.0] | – | – | – | – |  |")
        .contains("| Q3 vs DuckDB | ≥ 15× faster | – | not measured |");
    assertThat(results.unstableMeterkit(10_000_000))
        .isEqualTo("^(io\\.meterkit\\.jmh\\.query\\.MeterkitQueryBenchmark\\.q3)$");
    assertThat(results.unstableMeterkit(1_000_000)).isEmpty();
  }

  @Test
  void aRemeasurementReplacesTheEarlierResult() throws IOException {
    Path again =
        file(
            "again.json",
            result(
                "query.MeterkitQueryBenchmark.q3",
                10_000_000,
                "avgt",
                "us/op",
                20,
                990,
                1_000,
                1_010));
    Results results = Results.read(List.of(results(), again));

    assertThat(results.unstableMeterkit(10_000_000)).isEmpty();
    assertThat(new Report(results, List.of(), null).markdown("x", null))
        .contains("| Q3 (ms) | 1.00 [0.990–1.01] |")
        .contains("| Q3 vs DuckDB | ≥ 15× faster | 20.0× | PASS |");
  }

  @Test
  void printsTheUnstableBenchmarksOfASizeAsAJmhRegex() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Report.main(new String[] {"--unstable", "10000000", results().toString()});
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8).trim())
        .isEqualTo("^(io\\.meterkit\\.jmh\\.query\\.MeterkitQueryBenchmark\\.q3)$");
  }

  @Test
  void rendersLatencyUnderIngestAndTheScalingTable() throws IOException {
    Path latency = dir.resolve("latency.json");
    Files.writeString(
        latency,
        """
        {"size": 10000000, "rate": 1000000, "results": [
          {"query": "q4", "idle": {"count": 5, "p50": 5.0, "p99": 8.0, "p999": 9.0,
                                   "windowP99Min": 7.5, "windowP99Max": 8.5},
                          "ingest": {"count": 5, "p50": 6.0, "p99": 20.0, "p999": 30.0,
                                     "windowP99Min": 15.0, "windowP99Max": 25.0}}],
         "achievedRate": 998000}
        """);
    Path small =
        file(
            "small.json",
            result("query.MeterkitQueryBenchmark.q1", 1_000_000, "avgt", "us/op", 0.1, 2, 2, 2));
    Report report = new Report(Results.read(List.of(small, results())), List.of(), latency);
    String markdown = report.markdown("x", null);

    assertThat(markdown)
        .contains("target 1.00 M samples/s, reached 0.998 M samples/s")
        .contains("| Q4 | 5.00 | 8.00 [7.50–8.50] | 6.00 | 20.0 [15.0–25.0] | 2.50 |")
        .contains(
            "| Q4 p99 while one thread ingests at 1 M samples/s | ≤ 2× idle p99 | 2.50× | **FAIL** |")
        .contains("### How meterkit's costs grow with the data")
        .contains("| 1,000,000 | – | 0.0020 [0.0020–0.0020] | – | – | – | – |")
        .contains("| 10,000,000 | – | 0.010 [0.0090–0.011] |");
  }

  @Test
  void replacesOnlyTheMarkedPartOfTheReadme() throws IOException {
    Path readme = dir.resolve("README.md");
    Files.writeString(
        readme, "intro\n" + Report.BEGIN + "\nOLD-CONTENT\n" + Report.END + "\noutro\n");
    Report.main(new String[] {results().toString(), "--readme", readme.toString()});
    String text = Files.readString(readme);
    assertThat(text).startsWith("intro\n" + Report.BEGIN + "\n").endsWith(Report.END + "\noutro\n");
    assertThat(text).doesNotContain("OLD-CONTENT").contains("### 10,000,000 samples");
  }

  @Test
  void printsThreeSignificantDigits() {
    assertThat(Report.number(1234.5)).isEqualTo("1,235");
    assertThat(Report.number(12.345)).isEqualTo("12.3");
    assertThat(Report.number(1.2345)).isEqualTo("1.23");
    assertThat(Report.number(0.12345)).isEqualTo("0.123");
    assertThat(Report.number(0.0012345)).isEqualTo("0.0012");
  }
}
