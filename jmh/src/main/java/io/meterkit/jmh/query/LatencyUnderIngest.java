package io.meterkit.jmh.query;

import io.meterkit.jmh.state.DataState;
import io.meterkit.jmh.state.LiveFeed;
import io.meterkit.jmh.state.MeterkitQueries;
import io.meterkit.jmh.state.MeterkitState;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.StatisticsQuery;
import io.meterkit.store.MeterStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Query latency while one thread ingests, against the same queries on an idle store: Q1–Q4 on a
 * store loaded with the benchmark data, each query on a fresh {@code store.snapshot()} (so that it
 * sees what was recorded up to then), timed one by one.
 *
 * <p>Method, per query: warm up for {@value #WARMUP_SECONDS} s; measure {@value #WINDOWS} windows
 * of one second with the store idle; start a thread that records {@link LiveFeed} samples (after
 * the data set, in time) in batches of {@value #BATCH} through {@link MeterStore#recordAll}, paced
 * to {@value #RATE} samples a second; after a second of it, measure {@value #WINDOWS} windows
 * again; stop the thread. Reports p50, p99 and p99.9 over all windows of each phase, the range of
 * the windows' p99, and the rate the ingesting thread reached. Everything runs in one JVM, so the
 * queries share a JIT profile with the ingest path, as in an application.
 *
 * <p>What it measures: the interference of a live writer with readers on 2 vCPUs (CPU, memory
 * bandwidth, allocation and GC, the publication of a new state per batch). The live samples lie
 * after the data set and so outside Q1–Q4's ranges, and a scan skips the head without encoding it
 * when its time span misses the range.
 *
 * <p>Usage: {@code java -Xms2g -Xmx2g -cp benchmarks.jar io.meterkit.jmh.query.LatencyUnderIngest
 * [samples [out.json]]}, default 10,000,000 samples. Not thread-safe; a main.
 */
public final class LatencyUnderIngest {
  static final int WARMUP_SECONDS = 2;
  static final int WINDOWS = 5;
  static final int RATE = 1_000_000;
  static final int BATCH = 1_000;

  private LatencyUnderIngest() {}

  /** Latencies of one phase, in nanoseconds: all of them, sorted, and each window's p99, sorted. */
  static final class Phase {
    private final long[] sorted;
    private final long[] windowP99;

    private Phase(long[] sorted, long[] windowP99) {
      this.sorted = sorted;
      this.windowP99 = windowP99;
    }

    long[] sorted() {
      return sorted;
    }

    long[] windowP99() {
      return windowP99;
    }

    static Phase of(long[][] windows) {
      long[] all = Arrays.stream(windows).flatMapToLong(Arrays::stream).sorted().toArray();
      long[] p99 = new long[windows.length];
      for (int w = 0; w < windows.length; w++) {
        long[] window = windows[w].clone();
        Arrays.sort(window);
        p99[w] = percentile(window, 0.99);
      }
      Arrays.sort(p99);
      return new Phase(all, p99);
    }

    String json() {
      return String.format(
          Locale.ROOT,
          "{\"count\": %d, \"p50\": %.3f, \"p99\": %.3f, \"p999\": %.3f, \"windowP99Min\": %.3f,"
              + " \"windowP99Max\": %.3f}",
          sorted.length,
          micros(percentile(sorted, 0.5)),
          micros(percentile(sorted, 0.99)),
          micros(percentile(sorted, 0.999)),
          micros(windowP99[0]),
          micros(windowP99[windowP99.length - 1]));
    }
  }

  /**
   * Runs the measurement.
   *
   * @param args optional sample count and output path
   * @throws Exception when the output cannot be written or the ingest thread fails
   */
  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    DataState data = DataState.of(size);
    MeterStore store = MeterkitState.load(data.samples());
    QueryEngine engine = new QueryEngine(store);
    MeterkitQueries queries = MeterkitQueries.of(data.workload);
    List<StatisticsQuery> all = List.of(queries.q1(), queries.q2(), queries.q3(), queries.q4());
    LiveFeed feed = new LiveFeed(size);
    for (StatisticsQuery query : all) {
      run(engine, store, query, TimeUnit.SECONDS.toNanos(WARMUP_SECONDS));
    }
    StringBuilder json =
        new StringBuilder(
            String.format(
                Locale.ROOT, "{\"size\": %d, \"rate\": %d, \"results\": [%n", size, RATE));
    long ingested = 0;
    long ingestNanos = 0;
    for (int q = 0; q < all.size(); q++) {
      Phase idle = measure(engine, store, all.get(q));
      Ingester ingester = new Ingester(store, feed);
      Thread thread = new Thread(ingester, "ingest");
      thread.start();
      run(engine, store, all.get(q), TimeUnit.SECONDS.toNanos(1));
      Phase busy = measure(engine, store, all.get(q));
      ingester.stop.set(true);
      thread.join();
      if (ingester.failure != null) {
        throw new IllegalStateException("the ingesting thread failed", ingester.failure);
      }
      ingested += ingester.recorded;
      ingestNanos += ingester.elapsedNanos;
      String name = "q" + (q + 1);
      System.out.printf(
          Locale.ROOT,
          "%s idle %s%n%s ingesting %s (%.2f M samples/s)%n",
          name,
          idle.json(),
          name,
          busy.json(),
          ingester.recorded / (ingester.elapsedNanos / 1e9) / 1e6);
      json.append(
          String.format(
              Locale.ROOT,
              "  {\"query\": \"%s\", \"idle\": %s, \"ingest\": %s}%s%n",
              name,
              idle.json(),
              busy.json(),
              q + 1 < all.size() ? "," : ""));
    }
    json.append(
        String.format(Locale.ROOT, "], \"achievedRate\": %.0f}%n", ingested / (ingestNanos / 1e9)));
    if (args.length > 1) {
      Files.writeString(Path.of(args[1]), json, StandardCharsets.UTF_8);
    }
  }

  private static Phase measure(QueryEngine engine, MeterStore store, StatisticsQuery query) {
    long[][] windows = new long[WINDOWS][];
    for (int w = 0; w < WINDOWS; w++) {
      windows[w] = run(engine, store, query, TimeUnit.SECONDS.toNanos(1));
    }
    return Phase.of(windows);
  }

  // Runs the query back to back for the given time; returns each run's latency.
  private static long[] run(
      QueryEngine engine, MeterStore store, StatisticsQuery query, long nanos) {
    long[] latencies = new long[1024];
    int n = 0;
    long end = System.nanoTime() + nanos;
    long sink = 0;
    for (long now = System.nanoTime(); now < end; ) {
      sink += engine.statistics(store.snapshot(), query).size();
      long done = System.nanoTime();
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = done - now;
      now = done;
    }
    if (sink < 0) {
      throw new AssertionError("unreachable");
    }
    return Arrays.copyOf(latencies, n);
  }

  static long percentile(long[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double micros(long nanos) {
    return nanos / 1e3;
  }

  /** Records the feed at {@link #RATE} samples a second until stopped. */
  private static final class Ingester implements Runnable {
    private final MeterStore store;
    private final LiveFeed feed;
    final AtomicBoolean stop = new AtomicBoolean();
    volatile Throwable failure;
    volatile long recorded;
    volatile long elapsedNanos;

    Ingester(MeterStore store, LiveFeed feed) {
      this.store = store;
      this.feed = feed;
    }

    @Override
    public void run() {
      long interval = TimeUnit.SECONDS.toNanos(1) * BATCH / RATE;
      long start = System.nanoTime();
      long deadline = start;
      long count = 0;
      try {
        while (!stop.get()) {
          count += store.recordAll(feed.next(BATCH));
          deadline += interval;
          long wait = deadline - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      recorded = count;
      elapsedNanos = System.nanoTime() - start;
    }
  }
}
