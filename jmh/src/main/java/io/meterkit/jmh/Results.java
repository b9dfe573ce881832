package io.meterkit.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JMH JSON results of one or more runs, by benchmark and size: per benchmark its mean, the
 * 99.9% confidence half-width JMH computed, every measured iteration (for the median and the
 * range), and the allocation per operation. A benchmark measured again (a later file) replaces the
 * earlier measurement. Times are in milliseconds per operation, throughputs in operations per
 * second.
 *
 * <p>Not thread-safe: filled once, then read.
 */
final class Results {
  /**
   * A meterkit row whose half-width exceeds this share of its mean is re-measured, not reported.
   */
  static final double MAX_RELATIVE_ERROR = 0.2;

  /**
   * One benchmark at one size.
   *
   * @param benchmark the full JMH name, e.g. {@code
   *     io.meterkit.jmh.query.MeterkitQueryBenchmark.q1}
   * @param mean JMH's score
   * @param error JMH's 99.9% confidence half-width (NaN for a single iteration)
   * @param iterations every measured iteration's score, sorted
   * @param allocation bytes allocated per operation, or NaN when not profiled
   */
  record Result(
      String benchmark, double mean, double error, double[] iterations, double allocation) {
    double median() {
      int n = iterations.length;
      return n % 2 == 1 ? iterations[n / 2] : (iterations[n / 2 - 1] + iterations[n / 2]) / 2;
    }

    double min() {
      return iterations[0];
    }

    double max() {
      return iterations[iterations.length - 1];
    }

    /** Whether the confidence interval is too wide to report (or unknown). */
    boolean unstable() {
      return !(error <= MAX_RELATIVE_ERROR * Math.abs(mean));
    }
  }

  private final Map<String, Result> byKey = new HashMap<>();
  private final TreeSet<Integer> sizes = new TreeSet<>();
  private String jvm = "unknown";

  /** Reads {@code files} in order; a later measurement of a benchmark replaces an earlier one. */
  static Results read(List<Path> files) throws IOException {
    Results results = new Results();
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      results.add(json.readTree(file.toFile()));
    }
    return results;
  }

  private void add(JsonNode runs) {
    for (JsonNode run : runs) {
      String benchmark = run.get("benchmark").asText();
      String[] name = benchmark.split("\\.");
      int size = run.path("params").path("size").asInt();
      JsonNode metric = run.get("primaryMetric");
      double factor = toMillisOrPerSecond(metric.get("scoreUnit").asText());
      List<Double> iterations = new ArrayList<>();
      for (JsonNode fork : metric.path("rawData")) {
        for (JsonNode value : fork) {
          iterations.add(value.asDouble() * factor);
        }
      }
      double mean = metric.get("score").asDouble() * factor;
      if (iterations.isEmpty()) {
        iterations.add(mean);
      }
      double[] sorted = iterations.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      JsonNode error = metric.get("scoreError");
      JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
      byKey.put(
          name[name.length - 2] + "." + name[name.length - 1] + "@" + size,
          new Result(
              benchmark,
              mean,
              error == null || !error.isNumber() ? Double.NaN : error.asDouble() * factor,
              sorted,
              alloc.isMissingNode() ? Double.NaN : alloc.asDouble()));
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
   * Returns a benchmark's result.
   *
   * @param benchmark class and method, e.g. {@code MeterkitQueryBenchmark.q1}
   * @return the result, or null when not measured at that size
   */
  Result get(String benchmark, int size) {
    return byKey.get(benchmark + "@" + size);
  }

  /**
   * Returns a benchmark's result when it may be reported: measured, and, for meterkit's own
   * benchmarks, with a confidence interval within {@link #MAX_RELATIVE_ERROR} of its mean.
   */
  Result reportable(String benchmark, int size) {
    Result result = get(benchmark, size);
    return result == null || (isMeterkit(benchmark) && result.unstable()) ? null : result;
  }

  static boolean isMeterkit(String benchmark) {
    return benchmark.startsWith("Meterkit");
  }

  /** Returns the sizes measured, ascending. */
  TreeSet<Integer> sizes() {
    return sizes;
  }

  String jvm() {
    return jvm;
  }

  /**
   * Returns a JMH include regex of meterkit's benchmarks at {@code size} that are too unstable to
   * report, or an empty string when there is none.
   */
  String unstableMeterkit(int size) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Result> entry : byKey.entrySet()) {
      String key = entry.getKey();
      if (isMeterkit(key) && key.endsWith("@" + size) && entry.getValue().unstable()) {
        names.add(entry.getValue().benchmark().replace(".", "\\."));
      }
    }
    names.sort(null);
    return names.isEmpty() ? "" : "^(" + String.join("|", names) + ")$";
  }

  @Override
  public String toString() {
    return "Results" + Arrays.toString(byKey.keySet().toArray());
  }
}
