package io.meterkit.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The durable side of a {@link MeterStore}: writes its log, takes its snapshots, runs its
 * background threads (fsync interval, snapshot and retention schedules) and closes it.
 *
 * <p>The store calls the hooks {@link #startBatch} and {@link #logBatch} from {@code apply} and
 * {@link #logRetention} before dropping chunks, all under its write lock, and {@link #afterWrite}
 * after releasing it. While {@link Recovery} replays the log the hooks do nothing: replayed batches
 * are not logged again.
 *
 * <p>Concurrency contract: the hooks run under the store's write lock; {@link #checkpoint}, the
 * background tasks and {@link #close} may run on any thread. Snapshots are serialised by their own
 * lock and hold the write lock only to capture the published state and log position.
 */
final class Durability {
  private static final System.Logger LOGGER = System.getLogger(MeterStore.class.getName());

  private final StoreFiles files;
  private final DurabilityOptions options;
  private MeterStore store;
  private BatchLog log; // null while recovering; set under the write lock
  private SnapshotWriter snapshots;
  private RecoveryReport report;
  private final LogRecords.BatchRows rows = new LogRecords.BatchRows();
  private final LogRecords.Encoder encoder = new LogRecords.Encoder();

  private final Object snapshotLock = new Object();
  private long snapshotPosition; // the log position of the last snapshot: snapshotLock
  private long sealedSinceSnapshot; // write lock
  private boolean closed; // write lock
  private final AtomicBoolean snapshotQueued = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private ScheduledExecutorService maintenance;
  private ScheduledExecutorService flusher;

  Durability(StoreFiles files, DurabilityOptions options) {
    this.files = files;
    this.options = options;
  }

  void bind(MeterStore owner) {
    this.store = owner;
  }

  /** Ends recovery: from now on batches are logged, and the background threads run. */
  void start(
      BatchLog openedLog,
      SnapshotWriter writer,
      long recoveredSnapshotPosition,
      RecoveryReport recovery) {
    store.underWriteLock(
        state -> {
          log = openedLog;
          snapshots = writer;
          report = recovery;
          return null;
        });
    synchronized (snapshotLock) {
      snapshotPosition = recoveredSnapshotPosition;
    }
    String name = "meterkit-" + files.root.getFileName();
    maintenance = Executors.newSingleThreadScheduledExecutor(daemon(name + "-maintenance"));
    long snapshotMillis = options.snapshotInterval().toMillis();
    if (snapshotMillis > 0) {
      maintenance.scheduleWithFixedDelay(
          this::snapshotQuietly, snapshotMillis, snapshotMillis, TimeUnit.MILLISECONDS);
    }
    RetentionPolicy retention = options.retention();
    if (retention.dropsAnything()) {
      long checkMillis = Math.max(1, retention.checkInterval().toMillis());
      maintenance.scheduleWithFixedDelay(
          this::retentionQuietly, 0, checkMillis, TimeUnit.MILLISECONDS);
    }
    if (options.fsyncPolicy() == DurabilityOptions.FsyncPolicy.INTERVAL) {
      long fsyncMillis = options.fsyncInterval().toMillis();
      flusher = Executors.newSingleThreadScheduledExecutor(daemon(name + "-fsync"));
      flusher.scheduleWithFixedDelay(
          this::syncQuietly, fsyncMillis, fsyncMillis, TimeUnit.MILLISECONDS);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  RecoveryReport report() {
    return report;
  }

  // --- hooks, under the store's write lock ---

  /**
   * Starts collecting the rows a batch stores.
   *
   * @return the collector, or null while recovering
   * @throws IllegalStateException when the store is closed or its log failed
   */
  LogRecords.BatchRows startBatch(long recordedAtMillis) {
    if (log == null) {
      return null;
    }
    checkWritable();
    rows.reset(recordedAtMillis);
    return rows;
  }

  /** Writes the record of a batch that stored at least one row; before it is published. */
  void logBatch(LogRecords.BatchRows batch, List<MeterTable> touched) {
    if (batch.size == 0) {
      return;
    }
    write(LogRecords.BATCH, batch, -1, 0);
    int threshold = options.snapshotEverySealedChunks();
    for (MeterTable table : touched) {
      // Chunks sealed by this batch: the table's chunks minus those it last published.
      sealedSinceSnapshot += table.chunks().length - table.published().chunks.length;
    }
    if (threshold > 0 && sealedSinceSnapshot >= threshold) {
      sealedSinceSnapshot = 0;
      requestSnapshot();
    }
  }

  /** Writes the record of a retention change; before it is applied. */
  void logRetention(int meterOrdinal, long cutoffMillis) {
    if (log == null) {
      return;
    }
    checkWritable();
    write(LogRecords.RETENTION, null, meterOrdinal, cutoffMillis);
    if (options.snapshotEverySealedChunks() > 0 || !options.snapshotInterval().isZero()) {
      requestSnapshot(); // automatic snapshots are on: let the dropped chunks' files go soon
    }
  }

  private void write(int type, LogRecords.BatchRows batch, int meterOrdinal, long cutoffMillis) {
    try {
      BinaryWriter out = log.startRecord(type);
      if (batch != null) {
        encoder.encodeBatch(batch, out);
      } else {
        LogRecords.encodeRetention(meterOrdinal, cutoffMillis, out);
      }
      log.finishRecord();
    } catch (IOException | RuntimeException e) {
      IOException cause = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      log.markFailed(cause);
      LOGGER.log(Level.ERROR, "could not write to the log of " + files.root, e);
      throw new UncheckedIOException(
          "could not write the batch to the log; the store accepts no more writes until it is"
              + " reopened: "
              + e.getMessage(),
          cause);
    }
    if (log.shouldRotate()) {
      try {
        log.rotate();
      } catch (IOException e) {
        LOGGER.log(
            Level.WARNING, "could not start a new log segment; continuing the current one", e);
      }
    }
  }

  private void checkWritable() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    IOException failure = log.failure();
    if (failure != null) {
      throw new IllegalStateException(
          "the store's log failed ("
              + failure.getMessage()
              + "); it accepts no more writes, reopen it to recover",
          failure);
    }
  }

  // --- after the write lock is released ---

  /** Waits until the log is on disk when every batch must be: {@code EVERY_BATCH}. */
  void afterWrite() {
    if (log == null || options.fsyncPolicy() != DurabilityOptions.FsyncPolicy.EVERY_BATCH) {
      return;
    }
    try {
      log.sync();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not force the log to disk; the batch may not be durable and the store accepts no"
              + " more writes: "
              + e.getMessage(),
          e);
    }
  }

  // --- snapshots ---

  void checkpoint() {
    if (closing.get()) {
      throw new IllegalStateException("the store is closed");
    }
    try {
      snapshot();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a snapshot: " + e.getMessage(), e);
    }
  }

  private void snapshot() throws IOException {
    synchronized (snapshotLock) {
      SnapshotWriter.Capture capture = store.underWriteLock(this::capture);
      if (capture == null) {
        return;
      }
      long keepFrom = snapshots.write(capture);
      snapshotPosition = capture.logPosition();
      log.deleteSegmentsCoveredBy(keepFrom);
    }
  }

  // Under the write lock: no batch is half applied, and the published state holds exactly the
  // log records up to the last one written.
  private SnapshotWriter.Capture capture(StoreState state) {
    if (log.failure() != null) {
      throw new IllegalStateException(
          "the store's log failed; no snapshot is taken", log.failure());
    }
    long position = log.lastPosition();
    sealedSinceSnapshot = 0;
    if (position == snapshotPosition) {
      return null; // nothing changed
    }
    if (log.activeHasRecords()) {
      try {
        log.rotate(); // so the segments before this snapshot can be deleted as a whole
      } catch (IOException e) {
        LOGGER.log(Level.WARNING, "could not start a new log segment for a snapshot", e);
      }
    }
    return new SnapshotWriter.Capture(
        state,
        position,
        store.arrivals(),
        SnapshotWriter.dictionarySizes(state.dictionaries),
        options.storeConfig().clock().millis());
  }

  private void requestSnapshot() {
    if (maintenance == null || !snapshotQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      maintenance.execute(
          () -> {
            snapshotQueued.set(false);
            snapshotQuietly();
          });
    } catch (RejectedExecutionException e) {
      snapshotQueued.set(false); // closing
    }
  }

  private void snapshotQuietly() {
    try {
      snapshot();
    } catch (IOException | RuntimeException e) {
      LOGGER.log(
          Level.WARNING,
          "could not write a snapshot of " + files.root + "; the log still holds every batch",
          e);
    }
  }

  private void retentionQuietly() {
    try {
      RetentionPolicy policy = options.retention();
      if (policy.maxAgeByMeter().isEmpty()) {
        store.dropChunksOlderThan(policy.maxAge());
        return;
      }
      for (String meter : store.snapshot().meterNames()) {
        Duration age = policy.maxAgeOf(meter);
        if (age != null) {
          store.dropChunksOlderThan(meter, age);
        }
      }
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "could not apply the retention policy to " + files.root, e);
    }
  }

  private void syncQuietly() {
    try {
      log.sync();
    } catch (IOException e) {
      LOGGER.log(
          Level.ERROR,
          "could not force the log of " + files.root + "; it accepts no more writes",
          e);
    }
  }

  // --- closing ---

  // Refuses writes from now on; false when another close got here first.
  private boolean markClosed() {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    store.underWriteLock(
        state -> {
          closed = true;
          return null;
        });
    return true;
  }

  void close() {
    if (!markClosed()) {
      return;
    }
    stop(maintenance, false);
    stop(flusher, false);
    Exception failure = null;
    try {
      if (options.checkpointOnClose() && log.failure() == null) {
        snapshot();
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
    try {
      log.close();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    try {
      files.close();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      throw new UncheckedIOException(
          "closing the store in " + files.root + " failed: " + failure.getMessage(),
          failure instanceof IOException io ? io : new IOException(failure));
    }
  }

  /**
   * Stops like a killed process would: no snapshot, no fsync; the files are closed and unlocked.
   * For tests that simulate a crash.
   */
  void closeAbruptly() throws IOException {
    if (!markClosed()) {
      return;
    }
    stop(maintenance, true);
    stop(flusher, true);
    try {
      log.closeWithoutSync();
    } finally {
      files.close();
    }
  }

  private static void stop(ScheduledExecutorService executor, boolean now) {
    if (executor == null) {
      return;
    }
    if (now) {
      executor.shutdownNow();
    } else {
      executor.shutdown();
    }
    boolean interrupted = false;
    while (true) {
      try {
        if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
        LOGGER.log(Level.WARNING, "still waiting for a background task of the store to finish");
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
