package io.meterkit.jmh.store;

import io.meterkit.core.Sample;
import io.meterkit.jmh.peer.DuckDbPeer;
import io.meterkit.jmh.peer.H2Peer;
import io.meterkit.jmh.peer.NaiveStore;
import io.meterkit.jmh.state.DataState;
import io.meterkit.jmh.state.MeterkitState;
import io.meterkit.store.MeterStore;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures bytes per retained sample of meterkit and the peers on the benchmark data.
 *
 * <p>Method: force a few full GCs and read the used heap; load one implementation from the
 * generator, which produces the samples one by one so that only the store stays on the heap; force
 * GCs again and read the used heap; the difference divided by the sample count is what that
 * implementation retains per sample. DuckDB keeps its data off the Java heap, so for it the figure
 * is what {@code duckdb_memory()} reports. Each implementation is dropped (and collected) before
 * the next one is measured.
 *
 * <p>Usage: {@code java -Xmx16g -cp benchmarks.jar io.meterkit.jmh.store.MemoryFootprint [samples
 * [out.json [peer-samples]]] [--meterkit-only]}, default 10,000,000 samples. H2 and DuckDB, which
 * take minutes and half a minute to load 10 M rows here, can be measured on fewer ({@code
 * peer-samples}); their bytes per sample hardly depend on the count. meterkit is measured at both
 * counts (a point of its scaling table each); {@code --meterkit-only} measures nothing else. Prints
 * one line per implementation and writes the figures as JSON when given a path. Run it alone on the
 * machine: other work on the heap would distort it.
 *
 * <p>Reference numbers: see jmh/README.md.
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  /** One measured implementation. */
  private record Figure(String name, String method, long bytes, int samples) {
    double bytesPerSample() {
      return (double) bytes / samples;
    }

    String json() {
      return String.format(
          Locale.ROOT,
          "{\"name\": \"%s\", \"method\": \"%s\", \"bytes\": %d, \"samples\": %d,"
              + " \"bytesPerSample\": %.2f}",
          name,
          method,
          bytes,
          samples,
          bytesPerSample());
    }
  }

  /**
   * Runs the measurement.
   *
   * @param args optional sample count and output path
   * @throws Exception when a database fails or the output cannot be written
   */
  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>(List.of(args));
    boolean meterkitOnly = positional.remove("--meterkit-only");
    int size = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 10_000_000;
    int peerSize = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : size;
    DataState data = DataState.of(size);
    List<Figure> figures = new ArrayList<>();
    figures.add(meterkit(data));
    DataState peerData = peerSize == size ? data : DataState.of(peerSize);
    if (peerSize != size) {
      figures.add(meterkit(peerData)); // a second point of meterkit's scaling
    }
    if (!meterkitOnly) {
      figures.add(naive(data, false));
      figures.add(naive(data, true));
      figures.add(h2(peerData));
      figures.add(duckDb(peerData));
    }
    StringBuilder json = new StringBuilder("{\"size\": " + size + ", \"results\": [\n");
    for (int i = 0; i < figures.size(); i++) {
      Figure f = figures.get(i);
      System.out.printf(
          Locale.ROOT,
          "%-32s %,12d samples %8.1f bytes/sample  (%s)%n",
          f.name,
          f.samples,
          f.bytesPerSample(),
          f.method);
      json.append("  ").append(f.json()).append(i + 1 < figures.size() ? ",\n" : "\n");
    }
    json.append("]}\n");
    if (args.length > 1) {
      Files.writeString(Path.of(args[1]), json, StandardCharsets.UTF_8);
    }
  }

  private static Figure meterkit(DataState data) throws InterruptedException {
    long before = usedHeapAfterGc();
    MeterStore store = MeterkitState.load(data.samples());
    long bytes = usedHeapAfterGc() - before;
    check(store.snapshot().sampleCount(), data.size);
    return new Figure("meterkit", "heap delta", bytes, data.size);
  }

  private static Figure naive(DataState data, boolean ownStrings) throws InterruptedException {
    long before = usedHeapAfterGc();
    NaiveStore store = new NaiveStore();
    for (Sample s : data.samples()) {
      // A list filled from the wire holds its own copy of every id string.
      store.add(ownStrings ? copyStrings(s) : s);
    }
    long bytes = usedHeapAfterGc() - before;
    check(store.size(), data.size);
    return new Figure(
        ownStrings ? "naive (strings per sample)" : "naive (shared strings)",
        "heap delta",
        bytes,
        data.size);
  }

  private static Sample copyStrings(Sample s) {
    return new Sample(
        s.meterName(),
        s.type(),
        s.unit(),
        s.volume(),
        s.timestampMillis(),
        new String(s.resourceId().toCharArray()),
        new String(s.projectId().toCharArray()),
        new String(s.userId().toCharArray()),
        new String(s.source().toCharArray()),
        s.metadata(),
        null);
  }

  private static Figure h2(DataState data) throws InterruptedException, SQLException {
    long before = usedHeapAfterGc();
    try (H2Peer peer = H2Peer.open()) {
      peer.load(data.samples());
      long bytes = usedHeapAfterGc() - before;
      return new Figure("h2", "heap delta at " + data.size + " samples", bytes, data.size);
    }
  }

  private static Figure duckDb(DataState data) throws SQLException {
    try (DuckDbPeer peer = DuckDbPeer.open()) {
      peer.load(data.samples());
      return new Figure(
          "duckdb",
          "duckdb_memory() at " + data.size + " samples",
          peer.reportedBytes(),
          data.size);
    }
  }

  private static void check(long actual, int expected) {
    if (actual != expected) {
      throw new IllegalStateException("expected " + expected + " samples, got: " + actual);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
