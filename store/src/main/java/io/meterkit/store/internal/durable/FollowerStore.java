package io.meterkit.store.internal.durable;

import io.meterkit.store.StoreConfig;
import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.log.LogEntry;
import io.meterkit.store.internal.snapshot.LoadedSnapshot;
import io.meterkit.store.internal.snapshot.SnapshotReader;
import io.meterkit.store.internal.snapshot.SnapshotWriter;
import io.meterkit.store.internal.state.StoreState;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A store that follows a log another process writes: its state is the newest snapshot in its own
 * directory (or nothing) plus the entries {@link #apply applied} since, and it writes a snapshot of
 * itself when asked. It appends nothing: the log is someone else's (one partition of a replicated
 * log, say), so there is no local log to replay or discard.
 *
 * <p>Positions are the log's (see {@code IngestLog}): {@link #position()} is that of the last entry
 * applied, or the one the loaded snapshot covers, and every snapshot records it. For a Kafka
 * partition that is the partition's next offset to consume.
 *
 * <p>Concurrency contract: not thread-safe, except {@link #state()}. One thread opens, applies,
 * snapshots and closes; any thread may read the published state.
 */
public final class FollowerStore implements Closeable {
  private final StoreFiles files; // null: in memory, never snapshotted
  private final StoreWriter writer;
  private final SnapshotWriter snapshots;
  private final LoadedSnapshot loaded;
  private final List<String> problems;
  private long position;
  private long snapshotPosition;

  private FollowerStore(
      StoreFiles files,
      StoreWriter writer,
      SnapshotWriter snapshots,
      LoadedSnapshot loaded,
      List<String> problems) {
    this.files = files;
    this.writer = writer;
    this.snapshots = snapshots;
    this.loaded = loaded;
    this.problems = List.copyOf(problems);
    this.position = loaded == null ? 0 : loaded.logPosition();
    this.snapshotPosition = position;
  }

  /**
   * Opens the follower whose snapshots live in {@code directory}: locks the directory (created when
   * missing) and loads its newest intact snapshot, if any.
   *
   * @param directory the follower's own directory; null for one that lives in memory only
   * @param config the layout and clock (the clock only dates snapshots: every row's recorded-at
   *     comes from its entry)
   * @throws IOException when the directory cannot be used or locked, or holds an intact snapshot of
   *     a format version this one does not read
   */
  public static FollowerStore open(Path directory, StoreConfig config) throws IOException {
    List<String> problems = new ArrayList<>();
    if (directory == null) {
      return new FollowerStore(
          null, new StoreWriter(config, StoreState.empty(), null), null, null, problems);
    }
    StoreFiles files = StoreFiles.open(directory, problems);
    try {
      LoadedSnapshot loaded = new SnapshotReader(files).loadLatest(problems);
      StoreState initial = loaded == null ? StoreState.empty() : loaded.state();
      return new FollowerStore(
          files,
          new StoreWriter(config, initial, null),
          new SnapshotWriter(files, loaded),
          loaded,
          problems);
    } catch (IOException | RuntimeException e) {
      try {
        files.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** Returns the position of the last entry applied, or the one the loaded snapshot covers. */
  public long position() {
    return position;
  }

  /** Returns the position the loaded snapshot covers: 0 when none was loaded. */
  public long loadedPosition() {
    return loaded == null ? 0 : loaded.logPosition();
  }

  /** Returns the manifest name of the loaded snapshot, or null when none was loaded. */
  public String loadedSnapshot() {
    return loaded == null ? null : loaded.manifestName();
  }

  /** Returns what opening noted: snapshots skipped as damaged, leftover temporary files removed. */
  public List<String> problems() {
    return problems;
  }

  /** Returns the position the newest snapshot written or loaded covers. */
  public long snapshotPosition() {
    return snapshotPosition;
  }

  /** Returns the published state: everything applied so far. Any thread. */
  public StoreState state() {
    return writer.state();
  }

  /**
   * Applies the entry at {@code position}, exactly as the store that accepted it did. The position
   * advances even when the entry is refused: every follower of the log refuses it the same way.
   *
   * @param position the entry's position; greater than {@link #position()}
   * @return the number of samples it stored
   * @throws IllegalArgumentException when {@code position} is not past {@link #position()}
   * @throws io.meterkit.core.InvalidSampleException when the batch does not fit the state (a meter
   *     of another type or unit, an unknown assigned id); nothing changed then
   */
  public long apply(long position, LogEntry entry) {
    if (position <= this.position) {
      throw new IllegalArgumentException(
          "an entry's position must be past " + this.position + ", got: " + position);
    }
    this.position = position;
    return writer.applyLogged(position, entry);
  }

  /**
   * Moves the position to {@code position} without applying anything: the log holds no entry
   * between the current position and it (a gap in a log's numbering).
   *
   * @throws IllegalArgumentException when {@code position} is behind {@link #position()}
   */
  public void advanceTo(long position) {
    if (position < this.position) {
      throw new IllegalArgumentException(
          "position must not go back, at " + this.position + ", got: " + position);
    }
    this.position = position;
  }

  /**
   * Writes a snapshot of the state at {@link #position()}, unless the newest snapshot covers it
   * already. The manifest is written to a temporary file and renamed into place, so a crash leaves
   * either the previous snapshot or this one.
   *
   * @return whether a snapshot was written
   * @throws IOException when it cannot be written; the previous snapshot stays
   * @throws IllegalStateException when the follower lives in memory only
   */
  public boolean snapshot() throws IOException {
    if (files == null) {
      throw new IllegalStateException("a follower without a directory takes no snapshot");
    }
    if (position == snapshotPosition) {
      return false;
    }
    snapshots.write(writer.state(), position, writer.config().clock().millis());
    snapshotPosition = position;
    return true;
  }

  /** Returns whether the follower has a directory to write snapshots to. */
  public boolean hasDirectory() {
    return files != null;
  }

  /** Releases the directory, writing nothing. Closing twice does nothing. */
  @Override
  public void close() throws IOException {
    writer.close();
    if (files != null) {
      files.close();
    }
  }
}
