package io.meterkit.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The write-ahead log of a durable store: every accepted batch and every retention change, one
 * record each, appended before it becomes visible, in segment files under {@code DIR/log/}.
 *
 * <p>Records are numbered by their <em>log position</em>: 1 for the first record the store ever
 * wrote, then one more per record, across segments. A snapshot names the last position it covers,
 * so recovery replays exactly the records after it.
 *
 * <h2>Segment file format</h2>
 *
 * <p>{@code log/<first position, 20 decimal digits>.wal}; integers little-endian.
 *
 * <pre>
 *   header, 24 bytes
 *   offset size
 *        0    8  magic, ASCII "METERWAL"
 *        8    4  int32 format version: 1
 *       12    8  int64 the position of the segment's first record (equals the file name)
 *       20    4  int32 CRC32C of bytes 0..19
 *   then records, back to back, to the end of the file; a record of payload length P:
 *        0    4  int32 P, in [0, 2^30]
 *        4    1  record type: 1 batch, 2 retention (payloads: see LogRecords)
 *        5    8  int64 the record's log position: the segment's first, then one more each
 *       13    P  payload
 *     13+P    4  int32 CRC32C of the record's bytes [0, 13 + P)
 * </pre>
 *
 * <p>A record is written with one {@code write} call and never rewritten. A crash can leave the
 * last record incomplete; recovery ({@link LogScanner}) detects that by its length or its CRC and
 * cuts the segment there. A segment grows past {@link DurabilityOptions#logSegmentBytes()} by at
 * most one record, then the log continues in a new one. Segments whose every record a retained
 * snapshot covers are deleted.
 *
 * <p>Files are written through {@link RandomAccessFile}, whose writes and {@code fsync}s an
 * interrupt cannot abort (an interrupted {@code FileChannel} closes itself, which would fail the
 * store).
 *
 * <p>Concurrency contract: {@link #startRecord}, {@link #finishRecord} and {@link #rotate} are
 * called by one writer at a time (under the store's write lock). {@link #sync}, {@link
 * #deleteSegmentsCoveredBy} and {@link #close} may be called from any thread. Once a write or a
 * sync failed, the log refuses further writes and syncs: the page cache may have dropped data whose
 * fsync failed, so the only safe way on is to reopen the store and recover.
 */
final class BatchLog {
  static final byte[] MAGIC = "METERWAL".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int SEGMENT_HEADER_BYTES = 24;
  static final int RECORD_HEADER_BYTES = 13;
  static final int RECORD_TRAILER_BYTES = 4;
  static final int MAX_PAYLOAD_BYTES = 1 << 30;

  private final Path directory;
  private final long segmentLimit;
  private final BinaryWriter record = new BinaryWriter(1 << 16);
  private long nextPosition; // writer only

  private final Object segments = new Object(); // guards the fields down to writtenPosition
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
    long size;
    boolean directorySynced; // under syncLock once published

    Segment(Path path, long firstPosition, RandomAccessFile file, long size, boolean synced) {
      this.path = path;
      this.firstPosition = firstPosition;
      this.file = file;
      this.size = size;
      this.directorySynced = synced;
    }
  }

  private BatchLog(
      Path directory, long segmentLimit, long nextPosition, TreeMap<Long, Path> files) {
    this.directory = directory;
    this.segmentLimit = segmentLimit;
    this.nextPosition = nextPosition;
    this.files = files;
    this.writtenPosition = nextPosition - 1;
    this.syncedPosition = nextPosition - 1;
  }

  /**
   * Opens the log for appending after recovery.
   *
   * @param nextPosition the position of the next record
   * @param appendTo the segment to continue, whose valid records end exactly at {@code
   *     appendOffset} and at position {@code nextPosition - 1}; or null to start a new segment
   */
  static BatchLog open(
      Path directory, long segmentLimit, long nextPosition, Path appendTo, long appendOffset)
      throws IOException {
    TreeMap<Long, Path> files = StoreFiles.list(directory, "", StoreFiles.SEGMENT_SUFFIX);
    BatchLog log = new BatchLog(directory, segmentLimit, nextPosition, files);
    if (appendTo != null) {
      long first =
          StoreFiles.parseNumber(appendTo.getFileName().toString(), "", StoreFiles.SEGMENT_SUFFIX);
      RandomAccessFile file = new RandomAccessFile(appendTo.toFile(), "rw");
      file.setLength(appendOffset);
      file.seek(appendOffset);
      // Its directory entry may never have been forced by the process that created it.
      log.active = new Segment(appendTo, first, file, appendOffset, false);
    } else {
      log.active = createSegment(directory, nextPosition);
      files.put(nextPosition, log.active.path);
    }
    return log;
  }

  private static Segment createSegment(Path directory, long firstPosition) throws IOException {
    Path path = directory.resolve(StoreFiles.segmentName(firstPosition));
    if (Files.exists(path)) {
      throw new IOException("log segment " + path + " exists already");
    }
    BinaryWriter header = new BinaryWriter(SEGMENT_HEADER_BYTES);
    header.writeBytes(MAGIC);
    header.writeInt(VERSION);
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
    return new Segment(path, firstPosition, file, SEGMENT_HEADER_BYTES, false);
  }

  /** Returns the position of the last record written, 0 when none ever was. Writer only. */
  long lastPosition() {
    return nextPosition - 1;
  }

  /**
   * Starts the next record: returns the buffer to append its payload to. Writer only.
   *
   * @param type {@link LogRecords#BATCH} or {@link LogRecords#RETENTION}
   */
  BinaryWriter startRecord(int type) {
    record.reset();
    record.writeInt(0); // payload length, set by finishRecord
    record.writeByte(type);
    record.writeLong(nextPosition);
    return record;
  }

  /**
   * Seals the record started by {@link #startRecord} (length, CRC) and writes it. Writer only.
   *
   * @return its log position
   * @throws IOException when it cannot be written; the log then refuses every later write
   */
  long finishRecord() throws IOException {
    checkUsable();
    int payload = record.size() - RECORD_HEADER_BYTES;
    if (payload > MAX_PAYLOAD_BYTES) {
      throw fail(
          new IOException(
              "a log record holds at most "
                  + MAX_PAYLOAD_BYTES
                  + " bytes, this batch needs "
                  + payload));
    }
    record.putInt(0, payload);
    record.writeInt(record.crc32c(0));
    try {
      active.file.write(record.array(), 0, record.size());
    } catch (IOException e) {
      throw fail(e);
    }
    active.size += record.size();
    long position = nextPosition++;
    synchronized (segments) {
      writtenPosition = position;
    }
    return position;
  }

  /** Returns whether the active segment has grown past the segment size. Writer only. */
  boolean shouldRotate() {
    return active.size >= segmentLimit;
  }

  /** Returns whether the active segment holds a record. Writer only. */
  boolean activeHasRecords() {
    return active.size > SEGMENT_HEADER_BYTES;
  }

  /**
   * Continues the log in a new segment starting at the next position; the old one is forced and
   * closed by the next {@link #sync}. Writer only.
   *
   * @throws IOException when the new segment cannot be created; the log then stays as it was
   */
  void rotate() throws IOException {
    checkUsable();
    Segment next = createSegment(directory, nextPosition);
    synchronized (segments) {
      retired.add(active);
      active = next;
      files.put(next.firstPosition, next.path);
    }
  }

  /**
   * Forces every record written so far to disk, with the directory entries of new segments. Calls
   * from several threads share one fsync (group commit).
   *
   * @throws IOException when the fsync fails; the log then refuses every later write and sync
   */
  void sync() throws IOException {
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
    synchronized (segments) {
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

  /** Returns the position of the last record known to be on disk. */
  long syncedPosition() {
    return syncedPosition;
  }

  /**
   * Deletes every segment all of whose records are at or before {@code position}; never the active
   * one.
   *
   * @return how many segments were deleted
   */
  int deleteSegmentsCoveredBy(long position) throws IOException {
    List<Path> doomed = new ArrayList<>();
    synchronized (segments) {
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
    return doomed.size();
  }

  /** Makes the log refuse every later write: a record may have been half written. */
  void markFailed(IOException cause) {
    fail(cause);
  }

  /** Returns the error that made the log refuse writes, or null. */
  IOException failure() {
    return failure;
  }

  private long writtenPosition() {
    synchronized (segments) {
      return writtenPosition;
    }
  }

  /** Forces what was written (unless the log failed) and closes every segment. */
  void close() throws IOException {
    synchronized (syncLock) {
      if (closed) {
        return;
      }
      try {
        if (failure == null) {
          syncLocked();
        }
      } finally {
        closed = true;
        closeFiles();
      }
    }
  }

  /** Closes every segment without forcing anything: what a crashed process leaves behind. */
  void closeWithoutSync() throws IOException {
    synchronized (syncLock) {
      if (!closed) {
        closed = true;
        closeFiles();
      }
    }
  }

  private void closeFiles() throws IOException {
    List<Segment> open;
    synchronized (segments) {
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

  private void checkUsable() throws IOException {
    IOException cause = failure;
    if (cause != null) {
      throw new IOException(
          "the log failed earlier and accepts no more writes: " + cause.getMessage(), cause);
    }
  }

  private IOException fail(IOException cause) {
    if (failure == null) {
      failure = cause;
    }
    return cause;
  }
}
