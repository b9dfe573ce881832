package io.meterkit.store.internal.durable;

import io.meterkit.store.DurabilityOptions;
import io.meterkit.store.RecoveryReport;
import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.log.IngestLog;
import io.meterkit.store.internal.log.LogEntry;
import io.meterkit.store.internal.log.LogTruncation;
import io.meterkit.store.internal.log.WriteAheadLog;
import io.meterkit.store.internal.snapshot.LoadedSnapshot;
import io.meterkit.store.internal.snapshot.SnapshotReader;
import io.meterkit.store.internal.snapshot.SnapshotWriter;
import io.meterkit.store.internal.state.StoreState;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a durable store and returns it finished: the newest intact snapshot, then the log entries
 * after it, applied through the store's own apply path.
 *
 * <h2>What is rebuilt</h2>
 *
 * <ul>
 *   <li>From the snapshot, a whole {@link StoreState}: the dictionaries (interned again in id
 *       order, so every id is the same), the meters (in ordinal order), their series (in id order),
 *       their sealed chunks (the very arrays that were written), their head rows and the store's
 *       arrival counter. The writer rebuilds its own structures from that state (see {@code
 *       StoreWriter}), the client-id index included.
 *   <li>From the log: each entry after the snapshot's position is applied again with its logged
 *       recorded-at time and client ids; since applying is deterministic given the state, meter
 *       ordinals, series ids, arrival numbers, tie ordinals and so the assigned message ids come
 *       out as they were. Retention entries drop the same chunks again.
 * </ul>
 *
 * <p>Thread-safe: stateless; the store it builds is not shared before {@link #open} returns.
 */
public final class Recovery {
  private static final System.Logger LOGGER = System.getLogger(StoreFiles.LOGGER_NAME);

  private Recovery() {}

  /**
   * Opens (or creates) the store in {@code directory}.
   *
   * @throws IOException when the directory cannot be used or locked, when the log misses entries
   *     after every intact snapshot, when an entry does not apply, or when a file was written by an
   *     incompatible version
   */
  public static DurableStore open(Path directory, DurabilityOptions options) throws IOException {
    long started = System.nanoTime();
    List<String> problems = new ArrayList<>();
    StoreFiles files = StoreFiles.open(directory, problems);
    WriteAheadLog log = null;
    try {
      LoadedSnapshot snapshot = new SnapshotReader(files).loadLatest(problems);
      log =
          WriteAheadLog.open(
              files.log(),
              options.logSegmentBytes(),
              options.fsyncPolicy(),
              options.fsyncInterval());
      StoreState initial = snapshot == null ? StoreState.empty() : snapshot.state();
      long snapshotPosition = snapshot == null ? 0 : snapshot.logPosition();
      StoreWriter writer = new StoreWriter(options.storeConfig(), initial, log);
      Replay replay = new Replay(writer);
      IngestLog.Replayed replayed = log.replay(snapshotPosition, replay);
      LogTruncation truncation = replayed.truncation();
      RecoveryReport report =
          new RecoveryReport(
              snapshot == null ? null : snapshot.manifestName(),
              snapshotPosition,
              replayed.entriesReplayed(),
              replay.samples,
              replayed.lastPosition(),
              truncation == null ? 0 : truncation.bytesCut(),
              truncation == null ? null : truncation.describe(),
              problems,
              (System.nanoTime() - started) / 1_000_000);
      DurableStore store =
          new DurableStore(
              files,
              log,
              writer,
              new SnapshotWriter(files, snapshot),
              snapshotPosition,
              options,
              report);
      logReport(files.root(), report);
      return store;
    } catch (IOException | RuntimeException e) {
      try {
        if (log != null) {
          log.closeWithoutSync();
        }
        files.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** Applies the replayed entries to the writer and counts the samples they store. */
  private static final class Replay implements IngestLog.EntryConsumer {
    private final StoreWriter writer;
    private long samples;

    Replay(StoreWriter writer) {
      this.writer = writer;
    }

    @Override
    public void accept(long position, LogEntry entry) throws IOException {
      try {
        samples += writer.applyLogged(position, entry);
      } catch (RuntimeException e) {
        throw new IOException(
            "log entry " + position + " does not apply to the recovered state: " + e.getMessage(),
            e);
      }
    }
  }

  private static void logReport(Path root, RecoveryReport report) {
    if (report.truncated()) {
      LOGGER.log(
          Level.WARNING,
          "recovered "
              + root
              + " from a damaged log: "
              + report.truncationReason()
              + "; "
              + report);
    }
    for (String problem : report.problems()) {
      LOGGER.log(Level.WARNING, "recovering " + root + ": " + problem);
    }
    LOGGER.log(Level.INFO, "recovered " + root + ": " + report);
  }
}
