package io.meterkit.store.internal.durable;

import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.log.IngestLog;
import io.meterkit.store.internal.snapshot.SnapshotWriter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides when a durable store writes a snapshot, and writes it: once enough chunks were sealed
 * since the last one, on a fixed interval, soon after a retention change, on {@code checkpoint()}
 * and on close. A snapshot holds a state captured under the store's write lock and the log position
 * it covers; once written, the log before the oldest retained snapshot is discarded. Nothing is
 * written when nothing changed since the last snapshot.
 *
 * <p>Concurrency contract: snapshots run one at a time, serialised by the scheduler's lock, on its
 * maintenance thread or on the thread that calls {@link #snapshot}; {@link #afterWrite} and {@link
 * #request} may be called from any thread and never wait for a snapshot.
 */
final class SnapshotScheduler {
  private static final System.Logger LOGGER = System.getLogger(StoreFiles.LOGGER_NAME);

  private final StoreWriter writer;
  private final IngestLog log;
  private final SnapshotWriter snapshots;
  private final Clock clock;
  private final int everySealedChunks; // 0: sealing never triggers a snapshot
  private final ScheduledExecutorService maintenance;
  private final String where; // the store directory, for log messages

  private final Object lock = new Object();
  private long lastPosition; // the log position the last snapshot covers: lock
  private boolean stopped; // lock
  private volatile long sealedAtLastSnapshot;
  private final AtomicBoolean queued = new AtomicBoolean();

  /**
   * @param lastPosition the log position the snapshot recovery started from covers (0: none)
   * @param maintenance the thread requested snapshots run on
   */
  SnapshotScheduler(
      StoreWriter writer,
      IngestLog log,
      SnapshotWriter snapshots,
      int everySealedChunks,
      long lastPosition,
      ScheduledExecutorService maintenance,
      String where) {
    this.writer = writer;
    this.log = log;
    this.snapshots = snapshots;
    this.clock = writer.config().clock();
    this.everySealedChunks = everySealedChunks;
    this.lastPosition = lastPosition;
    this.sealedAtLastSnapshot = writer.state().sealedChunks();
    this.maintenance = maintenance;
    this.where = where;
  }

  /** Writes a snapshot every {@code intervalMillis} (when anything changed). */
  void every(long intervalMillis) {
    maintenance.scheduleWithFixedDelay(
        this::snapshotQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Requests a snapshot when the chunks sealed since the last one reached the threshold. */
  void afterWrite() {
    if (everySealedChunks > 0
        && writer.state().sealedChunks() - sealedAtLastSnapshot >= everySealedChunks) {
      request();
    }
  }

  /** Runs a snapshot soon on the maintenance thread, unless one is queued already. */
  void request() {
    if (!queued.compareAndSet(false, true)) {
      return;
    }
    try {
      maintenance.execute(
          () -> {
            queued.set(false);
            snapshotQuietly();
          });
    } catch (RejectedExecutionException e) {
      queued.set(false); // closing
    }
  }

  /**
   * Writes a snapshot now, on this thread, unless nothing changed since the last one.
   *
   * @throws IOException when it cannot be written; the log still holds everything
   * @throws IllegalStateException when the log failed
   */
  void snapshot() throws IOException {
    synchronized (lock) {
      if (stopped) {
        throw new IllegalStateException("the store is closed");
      }
      snapshotLocked();
    }
  }

  /**
   * Writes the last snapshot, when {@code write} is set, and refuses every later one. The
   * maintenance thread must be stopped already.
   */
  void stop(boolean write) throws IOException {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (write) {
        snapshotLocked();
      }
    }
  }

  private void snapshotLocked() throws IOException {
    StoreWriter.Captured captured = writer.capture();
    sealedAtLastSnapshot = captured.state().sealedChunks();
    if (captured.logPosition() == lastPosition) {
      return; // nothing changed
    }
    long keepFrom = snapshots.write(captured.state(), captured.logPosition(), clock.millis());
    lastPosition = captured.logPosition();
    log.discardThrough(keepFrom);
  }

  private void snapshotQuietly() {
    try {
      snapshot();
    } catch (IOException | RuntimeException e) {
      LOGGER.log(
          Level.WARNING,
          "could not write a snapshot of " + where + "; the log still holds every batch",
          e);
    }
  }
}
