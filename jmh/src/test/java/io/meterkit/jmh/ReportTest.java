package io.meterkit.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  private static String result(String benchmark, String mode, double score, String unit) {
    return """
           {"benchmark": "io.meterkit.jmh.%s", "mode": "%s", "params": {"size": "1000"},
            "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15+6",
            "primaryMetric": {"score": %s, "scoreError": 0.1, "scoreUnit": "%s"},
            "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 512.0, "scoreUnit": "B/op"}}}
           """
        .formatted(benchmark, mode, score, unit);
  }

  private Path results() throws IOException {
    String json =
        "["
            + String.join(
                ",",
                result("query.MeterkitQueryBenchmark.q1", "avgt", 10, "us/op"),
                result("query.DuckDbQueryBenchmark.q1", "avgt", 100, "us/op"),
                result("query.H2QueryBenchmark.q1", "avgt", 10, "ms/op"),
                result("query.RooflineBenchmark.rangeFilterSum", "avgt", 20, "us/op"),
                result("query.MeterkitQueryBenchmark.q4", "avgt", 40, "us/op"),
                result("store.MeterkitIngestBenchmark.recordAll", "avgt", 0.05, "ms/op"),
                result("store.MeterkitIngestBenchmark.record", "thrpt", 4e6, "ops/s"))
            + "]";
    Path path = dir.resolve("results.json");
    Files.writeString(path, json);
    return path;
  }

  @Test
  void rendersTimesRatiosAndTargetVerdicts() throws IOException {
    Path memory = dir.resolve("memory.json");
    Files.writeString(
        memory,
        """
        {"size": 1000, "results": [{"name": "meterkit", "method": "heap delta", "bytes": 11000,
         "samples": 1000, "bytesPerSample": 11.00}]}
        """);
    String markdown =
        new Report(List.of(results()), memory).markdown("jmh/run.sh", "quiet machine");

    assertThat(markdown)
        .contains("### 1,000 samples")
        .contains("| Q1 (ms) | 0.010 ± 0.00010 | – | 0.100 ± 0.00010 | 10.0 ± 0.100 | 0.020")
        .contains("| 0.500 | – | 10.0× | 1,000× | 512 |")
        .contains("| batch ingest (M samples/s) | 20.0 |")
        .contains("| single `record` (M samples/s) | 4.00 |")
        .contains("| Q1 vs DuckDB | ≥ 6× faster | 10.0× | PASS |")
        .contains("| Q1 vs H2 | ≥ 500× faster | 1,000× | PASS |")
        .contains("| Q4 (one resource, one day) | ≤ 50 µs | 40.0 µs | PASS |")
        .contains("| Q2 vs DuckDB | ≥ 5× faster | – | not measured |")
        .contains("| memory, the benchmark data | ≤ 12 bytes/sample | 11.0 B | PASS |")
        .contains("Command: `jmh/run.sh`")
        .contains("Note: quiet machine");
  }

  @Test
  void replacesOnlyTheMarkedPartOfTheReadme() throws IOException {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "intro\n" + Report.BEGIN + "\nold\n" + Report.END + "\noutro\n");
    Report.main(new String[] {results().toString(), "--readme", readme.toString()});
    String text = Files.readString(readme);
    assertThat(text).startsWith("intro\n" + Report.BEGIN + "\n").endsWith(Report.END + "\noutro\n");
    assertThat(text).doesNotContain("old").contains("### 1,000 samples");
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
