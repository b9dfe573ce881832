package io.meterkit.store.internal.log;

import io.meterkit.store.internal.io.BinaryWriter;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.io.StoreFormat;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The segment files of a {@link WriteAheadLog} as it writes them: the active segment records go to,
 * the segments rotated out but not yet forced, and every segment on disk; with the group-commit
 * fsync and the deletion of covered segments.
 *
 * <p>Concurrency contract: {@link #write} and {@link #rotate} are called by one writer at a time;
 * {@link #sync}, {@link #deleteCoveredBy}, {@link #failure} and {@link #close} from any thread. The
 * fields below {@code lock} are guarded by it; syncing is serialised by {@code syncLock}, so
 * callers that arrive during an fsync share the next one. The first write or fsync failure is kept
 * and refuses every later write and fsync.
 */
final class Segments {
  private final Path directory;

  private final Object lock = new Object();
  private final TreeMap<Long, Path> files; // every segment on disk, by first position
  private Segment active;
  private final List<Segment> retired = new ArrayList<>(); // rotated out, not yet forced
  private long writtenPosition;

  private final Object syncLock = new Object();
  private boolean closed; // under syncLock
  private volatile long syncedPosition;
  private volatile IOException failure;

  /** One open segment file. */
  private static final class Segment {
    final Path path;
    final long firstPosition;
    final RandomAccessFile file;
    long size; // writer only
    boolean directorySynced; // under syncLock once published

    Segment(Path path, long firstPosition, RandomAccessFile file, long size) {
      this.path = path;
      this.firstPosition = firstPosition;
      this.file = file;
      this.size = size;
    }
  }

  private Segments(Path directory, TreeMap<Long, Path> files, long lastPosition) {
    this.directory = directory;
    this.files = files;
    this.writtenPosition = lastPosition;
    this.syncedPosition = lastPosition;
  }

  /**
   * Opens the segments for appending after recovery.
   *
   * @param nextPosition the position of the next record
   * @param continued the segment to continue, whose valid records end exactly at {@code
   *     continuedSize} and at position {@code nextPosition - 1}; or null to start a new segment
   */
  static Segments open(Path directory, long nextPosition, Path continued, long continuedSize)
      throws IOException {
    TreeMap<Long, Path> files = StoreFiles.list(directory, "", StoreFiles.SEGMENT_SUFFIX);
    Segments segments = new Segments(directory, files, nextPosition - 1);
    if (continued != null) {
      long first =
          StoreFiles.parseNumber(continued.getFileName().toString(), "", StoreFiles.SEGMENT_SUFFIX);
      RandomAccessFile file = new RandomAccessFile(continued.toFile(), "rw");
      file.setLength(continuedSize);
      file.seek(continuedSize);
      // Its directory entry may never have been forced by the process that created it.
      segments.active = new Segment(continued, first, file, continuedSize);
    } else {
      segments.active = create(directory, nextPosition);
      files.put(nextPosition, segments.active.path);
    }
    return segments;
  }

  private static Segment create(Path directory, long firstPosition) throws IOException {
    Path path = directory.resolve(StoreFiles.segmentName(firstPosition));
    if (Files.exists(path)) {
      throw new IOException("log segment " + path + " exists already");
    }
    BinaryWriter header = new BinaryWriter(LogFormat.SEGMENT_HEADER_BYTES);
    header.writeBytes(LogFormat.MAGIC);
    header.writeInt(StoreFormat.CURRENT);
    header.writeLong(firstPosition);
    header.writeInt(header.crc32c(0));
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
    try {
      file.write(header.array(), 0, header.size());
    } catch (IOException e) {
      file.close();
      Files.deleteIfExists(path);
      throw e;
    }
    return new Segment(path, firstPosition, file, LogFormat.SEGMENT_HEADER_BYTES);
  }

  /**
   * Writes a whole record, at {@code position}, to the active segment with one {@code write} call.
   *
   * @throws IOException when it cannot be written; every later write then fails
   */
  void write(BinaryWriter record, long position) throws IOException {
    checkUsable();
    try {
      active.file.write(record.array(), 0, record.size());
    } catch (IOException e) {
      throw fail(e);
    }
    active.size += record.size();
    synchronized (lock) {
      writtenPosition = position;
    }
  }

  /** Returns the size of the active segment, header included. Writer only. */
  long activeSize() {
    return active.size;
  }

  /** Returns whether the active segment holds a record. Writer only. */
  boolean activeHasRecords() {
    return active.size > LogFormat.SEGMENT_HEADER_BYTES;
  }

  /**
   * Continues the log in a new segment starting at {@code nextPosition}; the old one is forced and
   * closed by the next {@link #sync}. Writer only.
   *
   * @throws IOException when the new segment cannot be created; the log then stays as it was
   */
  void rotate(long nextPosition) throws IOException {
    checkUsable();
    Segment next = create(directory, nextPosition);
    synchronized (lock) {
      retired.add(active);
      active = next;
      files.put(next.firstPosition, next.path);
    }
  }

  /**
   * Forces every record written so far to disk, with the directory entries of new segments, unless
   * every record up to {@code position} is forced already.
   *
   * @throws IOException when the fsync fails; every later write and fsync then fails
   */
  void sync(long position) throws IOException {
    if (position <= syncedPosition && failure == null) {
      return;
    }
    checkUsable();
    synchronized (syncLock) {
      syncLocked();
    }
  }

  private void syncLocked() throws IOException {
    if (closed) {
      if (writtenPosition() > syncedPosition) {
        throw new IOException("the log is closed with records not forced to disk");
      }
      return; // close() forced everything
    }
    long target;
    List<Segment> toForce;
    synchronized (lock) {
      target = writtenPosition;
      if (target <= syncedPosition && retired.isEmpty() && active.directorySynced) {
        return;
      }
      toForce = new ArrayList<>(retired);
      toForce.add(active);
      retired.clear();
    }
    try {
      for (int i = 0; i < toForce.size(); i++) {
        Segment segment = toForce.get(i);
        segment.file.getFD().sync();
        if (!segment.directorySynced) {
          StoreFiles.fsyncDirectory(directory);
          segment.directorySynced = true;
        }
        if (i < toForce.size() - 1) {
          segment.file.close(); // retired: nothing will be written to it again
        }
      }
    } catch (IOException e) {
      throw fail(e);
    }
    syncedPosition = target;
  }

  /**
   * Deletes every segment all of whose records are at or before {@code position}; never the active
   * one.
   */
  void deleteCoveredBy(long position) throws IOException {
    List<Path> doomed = new ArrayList<>();
    synchronized (lock) {
      for (Map.Entry<Long, Path> entry : files.entrySet()) {
        Long nextFirst = files.higherKey(entry.getKey());
        // Every record of a segment comes before the first record of the next segment.
        if (nextFirst != null
            && nextFirst <= position + 1
            && entry.getKey() != active.firstPosition) {
          doomed.add(entry.getValue());
        }
      }
      for (Path path : doomed) {
        files.values().remove(path);
      }
    }
    // Not forced: a segment a crash brings back is covered by the snapshot, skipped by recovery and
    // deleted again by the next snapshot.
    for (Path path : doomed) {
      Files.deleteIfExists(path);
    }
  }

  /** Returns the error that made the log refuse writes, or null. */
  IOException failure() {
    return failure;
  }

  /**
   * Closes every segment, first forcing what was written when {@code force} is set and the log did
   * not fail. Closing twice does nothing.
   */
  void close(boolean force) throws IOException {
    synchronized (syncLock) {
      if (closed) {
        return;
      }
      try {
        if (force && failure == null) {
          syncLocked();
        }
      } finally {
        closed = true;
        closeFiles();
      }
    }
  }

  private void closeFiles() throws IOException {
    List<Segment> open;
    synchronized (lock) {
      open = new ArrayList<>(retired);
      open.add(active);
      retired.clear();
    }
    IOException first = null;
    for (Segment segment : open) {
      try {
        segment.file.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private long writtenPosition() {
    synchronized (lock) {
      return writtenPosition;
    }
  }

  /** Throws when an earlier write or fsync failed. */
  void checkUsable() throws IOException {
    IOException cause = failure;
    if (cause != null) {
      throw new IOException(
          "the log failed earlier and accepts no more writes: " + cause.getMessage(), cause);
    }
  }

  /** Keeps the first failure; returns {@code cause} to throw. */
  IOException fail(IOException cause) {
    if (failure == null) {
      failure = cause;
    }
    return cause;
  }
}
