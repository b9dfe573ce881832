package io.meterkit.store.internal.durable;

import io.meterkit.store.DurabilityOptions;
import io.meterkit.store.RecoveryReport;
import io.meterkit.store.RetentionPolicy;
import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.log.RetentionChange;
import io.meterkit.store.internal.log.WriteAheadLog;
import io.meterkit.store.internal.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The durable side of a recovered store: its directory, its write-ahead log, its snapshots and its
 * background work (the snapshot and retention schedules, on one maintenance thread), and closing it
 * all. {@link Recovery} makes one, finished; the store's writer logs every change itself.
 *
 * <p>Thread-safe: every method may be called from any thread. Closing refuses writes first (under
 * the writer's lock), then stops the maintenance thread, writes the last snapshot and closes the
 * log and the directory.
 */
public final class DurableStore {
  private static final System.Logger LOGGER = System.getLogger(StoreFiles.LOGGER_NAME);

  private final StoreFiles files;
  private final WriteAheadLog log;
  private final StoreWriter writer;
  private final DurabilityOptions options;
  private final RecoveryReport report;
  private final ScheduledExecutorService maintenance;
  private final SnapshotScheduler snapshots;

  /**
   * Starts the background work of a recovered store.
   *
   * @param snapshotPosition the log position the snapshot recovery started from covers (0: none)
   */
  DurableStore(
      StoreFiles files,
      WriteAheadLog log,
      StoreWriter writer,
      SnapshotWriter snapshotWriter,
      long snapshotPosition,
      DurabilityOptions options,
      RecoveryReport report) {
    this.files = files;
    this.log = log;
    this.writer = writer;
    this.options = options;
    this.report = report;
    String thread = "meterkit-" + files.root().getFileName() + "-maintenance";
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread daemon = new Thread(runnable, thread);
              daemon.setDaemon(true);
              return daemon;
            });
    this.snapshots =
        new SnapshotScheduler(
            writer,
            log,
            snapshotWriter,
            options.snapshotEverySealedChunks(),
            snapshotPosition,
            maintenance,
            files.root().toString());
    if (!options.snapshotInterval().isZero()) {
      snapshots.every(options.snapshotInterval().toMillis());
    }
    RetentionPolicy retention = options.retention();
    if (retention.dropsAnything()) {
      long checkMillis = Math.max(1, retention.checkInterval().toMillis());
      maintenance.scheduleWithFixedDelay(
          this::applyRetentionQuietly, 0, checkMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Returns the writer, through which every change goes. */
  public StoreWriter writer() {
    return writer;
  }

  /** Returns what recovery found and did. */
  public RecoveryReport report() {
    return report;
  }

  /** Runs after every write, outside the writer's lock: requests a snapshot when one is due. */
  public void afterWrite() {
    snapshots.afterWrite();
  }

  /**
   * Drops old chunks through the writer (which logs the change first); when automatic snapshots are
   * on, requests one, so the dropped chunks' files are deleted soon.
   *
   * @return the number of samples dropped
   */
  public long dropChunks(int meterOrdinal, long cutoffMillis) {
    long dropped = writer.dropChunks(meterOrdinal, cutoffMillis);
    boolean automatic =
        options.snapshotEverySealedChunks() > 0 || !options.snapshotInterval().isZero();
    if (dropped > 0 && automatic) {
      snapshots.request();
    }
    return dropped;
  }

  /**
   * Writes a snapshot now, unless nothing changed since the last one.
   *
   * @throws IllegalStateException when the store is closed or its log failed
   * @throws UncheckedIOException when the snapshot cannot be written
   */
  public void checkpoint() {
    if (writer.isClosed()) {
      throw new IllegalStateException("the store is closed");
    }
    try {
      snapshots.snapshot();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a snapshot: " + e.getMessage(), e);
    }
  }

  private void applyRetentionQuietly() {
    try {
      RetentionPolicy policy = options.retention();
      if (policy.maxAgeByMeter().isEmpty()) {
        dropChunks(RetentionChange.EVERY_METER, writer.cutoffMillis(policy.maxAge()));
        return;
      }
      // In name order, like every listing of meters.
      for (Map.Entry<String, Integer> meter : new TreeMap<>(writer.state().ordinals()).entrySet()) {
        Duration age = policy.maxAgeOf(meter.getKey());
        if (age != null) {
          dropChunks(meter.getValue(), writer.cutoffMillis(age));
        }
      }
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "could not apply the retention policy to " + files.root(), e);
    }
  }

  /**
   * Refuses writes, stops the background work, writes a snapshot when the options ask for one,
   * forces and closes the log and unlocks the directory. Closing twice does nothing.
   *
   * @throws UncheckedIOException when the snapshot or the fsync fails; everything is released
   *     anyway
   */
  public void close() {
    if (!writer.close()) {
      return;
    }
    stop(maintenance, false);
    Exception failure = null;
    try {
      snapshots.stop(options.checkpointOnClose() && log.failure() == null);
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
          "closing the store in " + files.root() + " failed: " + failure.getMessage(),
          failure instanceof IOException io ? io : new IOException(failure));
    }
  }

  /**
   * Stops like a killed process would: no snapshot, no fsync; the files are closed and unlocked.
   * For tests that simulate a crash.
   */
  public void closeAbruptly() throws IOException {
    if (!writer.close()) {
      return;
    }
    stop(maintenance, true);
    try {
      snapshots.stop(false);
      log.closeWithoutSync();
    } finally {
      files.close();
    }
  }

  private static void stop(ScheduledExecutorService executor, boolean now) {
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
