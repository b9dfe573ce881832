package io.meterkit.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterkit.jmh.Results.Result;
import io.meterkit.jmh.state.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * meterkit's performance targets on the reference machine class, each judged PASS or FAIL from one
 * run's medians (ratios are of medians measured in the same run). A target whose inputs were not
 * measured, or were too unstable to report, is "not measured".
 *
 * <p>Not thread-safe: renders one {@link Report}.
 */
final class Targets {
  /** Q3's result rows: one per resource and hour of its day. */
  static final int Q3_ROWS = Fleet.RESOURCES * 24;

  private final Report report;
  private final List<String[]> rows = new ArrayList<>();

  Targets(Report report) {
    this.report = report;
  }

  /** Renders the targets at {@code size} (the largest size of the main suite). */
  String render(int size) {
    atLeast(
        "batch ingest (`recordAll`, 1 thread)",
        "≥ 12 M samples/s",
        report.rate("MeterkitIngestBenchmark.recordAll", size),
        12e6);
    atLeast(
        "single `record` (1 thread)",
        "≥ 4 M samples/s",
        report.perSecond("MeterkitIngestBenchmark.record", size),
        4e6);
    speedUp("Q1", 100, size);
    speedUp("Q2", 50, size);
    speedUp("Q3", 15, size);
    Result q3 = report.results.reportable("MeterkitQueryBenchmark.q3", size);
    Double perRow = q3 == null || Double.isNaN(q3.allocation()) ? null : q3.allocation() / Q3_ROWS;
    judge(
        "Q3 allocation per result row (" + String.format(Locale.ROOT, "%,d", Q3_ROWS) + " rows)",
        "≤ 100 B",
        perRow == null ? "–" : String.format(Locale.ROOT, "%.0f B", perRow),
        perRow,
        perRow != null && perRow <= 100);
    Double q4 = report.time("MeterkitQueryBenchmark.q4", size);
    judge(
        "Q4 (one resource, one day)",
        "≤ 10 µs",
        q4 == null ? "–" : String.format(Locale.ROOT, "%.1f µs", q4 * 1000),
        q4,
        q4 != null && q4 <= 0.010);
    speedUp("Q4", 300, size);
    for (String q : new String[] {"q1", "q4"}) {
      Result result = report.results.reportable("MeterkitQueryBenchmark." + q, size);
      Double alloc =
          result == null || Double.isNaN(result.allocation()) ? null : result.allocation();
      judge(
          q.toUpperCase(Locale.ROOT) + " allocation (`-prof gc`; one result row)",
          "≈ 0 B/op beyond the result row (≤ 1 KB)",
          alloc == null ? "–" : String.format(Locale.ROOT, "%,.0f B", alloc),
          alloc,
          alloc != null && alloc <= 1024);
    }
    latency();
    memory(size);
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "%n### Performance targets at %,d samples%n%n", size));
    t.append("| target | wanted | measured | verdict |\n| --- | --- | ---: | --- |\n");
    for (String[] row : rows) {
      t.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return t.toString();
  }

  private void atLeast(String what, String wanted, Double perSecond, double threshold) {
    judge(
        what,
        wanted,
        perSecond == null ? "–" : String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6),
        perSecond,
        perSecond != null && perSecond >= threshold);
  }

  private void speedUp(String query, double wanted, int size) {
    String q = query.toLowerCase(Locale.ROOT);
    Double mine = report.time("MeterkitQueryBenchmark." + q, size);
    Double theirs = report.time("DuckDbQueryBenchmark." + q, size);
    Double ratio = mine == null || theirs == null ? null : theirs / mine;
    judge(
        query + " vs DuckDB",
        String.format(Locale.ROOT, "≥ %.0f× faster", wanted),
        Report.speedUp(theirs, mine),
        ratio,
        ratio != null && ratio >= wanted);
  }

  private void latency() {
    JsonNode latency = report.latency;
    for (String q : Report.QUERIES) {
      Double ratio = null;
      if (latency != null) {
        for (JsonNode row : latency.get("results")) {
          if (row.get("query").asText().equals(q)) {
            ratio = row.get("ingest").get("p99").asDouble() / row.get("idle").get("p99").asDouble();
          }
        }
      }
      judge(
          q.toUpperCase(Locale.ROOT) + " p99 while one thread ingests at 1 M samples/s",
          "≤ 2× idle p99",
          ratio == null ? "–" : Report.number(ratio) + "×",
          ratio,
          ratio != null && ratio <= 2);
    }
  }

  private void memory(int size) {
    Double bytes = report.bytesPerSample("meterkit", size);
    judge(
        "memory, the benchmark data",
        "≤ 12 bytes/sample",
        bytes == null ? "–" : String.format(Locale.ROOT, "%.1f B", bytes),
        bytes,
        bytes != null && bytes <= 12);
    Double scaled = report.bytesPerSample("meterkit", 100_000_000);
    judge(
        "memory at 100,000,000 samples",
        "≤ 12 bytes/sample",
        scaled == null ? "–" : String.format(Locale.ROOT, "%.1f B", scaled),
        scaled,
        scaled != null && scaled <= 12);
  }

  private void judge(String what, String wanted, String measured, Double value, boolean pass) {
    rows.add(
        new String[] {
          what, wanted, measured, value == null ? "not measured" : pass ? "PASS" : "**FAIL**"
        });
  }
}
