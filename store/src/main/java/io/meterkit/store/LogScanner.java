package io.meterkit.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the log at recovery: hands every intact record after the snapshot's position to a handler,
 * in order, and cuts the log at the first damaged one.
 *
 * <p>The segment and record formats are those of {@link BatchLog}. A record is damaged when the
 * bytes left in its segment cannot hold its length field ("short length") or its whole body ("short
 * record"), when its length is out of range or its position is not the next one ("bad record
 * header"), or when its CRC does not match ("CRC mismatch"). A segment is damaged when its header
 * is incomplete or wrong ("bad segment header"). The log ends at the first damaged record: the
 * segment is truncated right before it (a segment whose header is damaged is deleted), and every
 * later segment is deleted, since nothing after a damaged record can be trusted to follow it. A
 * record whose CRC matches but whose type or payload this version cannot decode is not damage but
 * an incompatible log: recovery then fails rather than cut it.
 *
 * <p>Thread-safe: stateless; recovery runs it once, before the store is shared.
 */
final class LogScanner {
  private LogScanner() {}

  /** Receives the records to replay. */
  @FunctionalInterface
  interface Handler {
    /**
     * Replays one record.
     *
     * @param type the record type
     * @param payload the payload, to be read completely
     * @return how many samples it stored
     */
    long replay(int type, BinaryReader payload) throws IOException;
  }

  /** What a scan found. */
  record Result(
      long lastPosition,
      long recordsReplayed,
      long samplesReplayed,
      Path appendSegment,
      long appendOffset,
      long bytesTruncated,
      String truncationReason) {}

  /**
   * Scans the segments of {@code directory}.
   *
   * @param snapshotPosition the last position the snapshot covers; earlier records are skipped
   * @throws IOException when the log misses records after the snapshot, cannot be read, or holds a
   *     record this version cannot decode
   */
  static Result scan(Path directory, long snapshotPosition, Handler handler) throws IOException {
    TreeMap<Long, Path> segments = StoreFiles.list(directory, "", StoreFiles.SEGMENT_SUFFIX);
    long next = snapshotPosition + 1; // the position of the next record to replay
    long replayed = 0;
    long samples = 0;
    List<Map.Entry<Long, Path>> entries = new ArrayList<>(segments.entrySet());
    for (int i = 0; i < entries.size(); i++) {
      long first = entries.get(i).getKey();
      Path path = entries.get(i).getValue();
      if (i + 1 < entries.size() && entries.get(i + 1).getKey() <= next) {
        continue; // every record of this segment precedes the next segment's first: covered
      }
      if (first > next) {
        throw new IOException(
            "the log misses records "
                + next
                + " to "
                + (first - 1)
                + ": it continues only at "
                + path.getFileName()
                + " (the snapshot covers up to "
                + snapshotPosition
                + ")");
      }
      byte[] bytes = Files.readAllBytes(path);
      String name = path.getFileName().toString();
      String damage = checkHeader(bytes, first);
      int offset = BatchLog.SEGMENT_HEADER_BYTES;
      long position = first;
      while (damage == null && offset < bytes.length) {
        int length = recordLength(bytes, offset);
        damage = checkRecord(bytes, offset, length, position);
        if (damage != null) {
          break;
        }
        int type = bytes[offset + 4];
        if (position >= next) {
          BinaryReader payload =
              new BinaryReader(
                  bytes,
                  offset + BatchLog.RECORD_HEADER_BYTES,
                  offset + BatchLog.RECORD_HEADER_BYTES + length,
                  "log record " + position + " in " + name);
          samples += handler.replay(type, payload);
          replayed++;
          next = position + 1;
        }
        position++;
        offset += BatchLog.RECORD_HEADER_BYTES + length + BatchLog.RECORD_TRAILER_BYTES;
      }
      if (damage != null) {
        long truncated =
            cut(path, bytes.length, damage.startsWith("bad segment header") ? 0 : offset);
        for (int later = i + 1; later < entries.size(); later++) {
          Path doomed = entries.get(later).getValue();
          truncated += Files.size(doomed);
          Files.delete(doomed);
        }
        StoreFiles.fsyncDirectory(directory);
        String reason =
            damage
                + (damage.startsWith("bad segment header")
                    ? " of log segment " + name
                    : " in the record at byte " + offset + " of log segment " + name)
                + " (position "
                + position
                + "); cut "
                + truncated
                + " bytes"
                + (i + 1 < entries.size()
                    ? ", with " + (entries.size() - i - 1) + " later segments"
                    : "");
        boolean segmentKept = !damage.startsWith("bad segment header");
        boolean continues = segmentKept && position == next;
        return new Result(
            next - 1, replayed, samples, continues ? path : null, offset, truncated, reason);
      }
      if (i == entries.size() - 1) {
        boolean continues = position == next;
        return new Result(next - 1, replayed, samples, continues ? path : null, offset, 0, null);
      }
    }
    return new Result(next - 1, replayed, samples, null, 0, 0, null);
  }

  private static String checkHeader(byte[] bytes, long first) throws IOException {
    if (bytes.length < BatchLog.SEGMENT_HEADER_BYTES) {
      return "bad segment header ("
          + bytes.length
          + " of "
          + BatchLog.SEGMENT_HEADER_BYTES
          + " bytes)";
    }
    BinaryReader header = new BinaryReader(bytes, 8, 24, "segment header");
    int version = header.readInt();
    long headerFirst = header.readLong();
    int crc = header.readInt();
    if (!Arrays.equals(bytes, 0, 8, BatchLog.MAGIC, 0, 8)
        || crc != BinaryReader.crc32c(bytes, 0, 20)) {
      return "bad segment header (magic or CRC)";
    }
    if (version != BatchLog.VERSION) {
      throw new IOException(
          "log segment format version "
              + version
              + " is not supported (this version reads "
              + BatchLog.VERSION
              + ")");
    }
    if (headerFirst != first) {
      return "bad segment header (first position "
          + headerFirst
          + " in a segment named "
          + first
          + ")";
    }
    return null;
  }

  /** Returns the payload length of the record at {@code offset}, or -1 when its field is cut. */
  private static int recordLength(byte[] bytes, int offset) throws CorruptFileException {
    if (bytes.length - offset < 4) {
      return -1;
    }
    return new BinaryReader(bytes, offset, offset + 4, "record length").readInt();
  }

  /** Returns why the record at {@code offset} is damaged, or null when it is intact. */
  private static String checkRecord(byte[] bytes, int offset, int length, long position)
      throws IOException {
    int left = bytes.length - offset;
    if (left < 4) {
      return "short length (" + left + " of 4 bytes)";
    }
    if (length < 0 || length > BatchLog.MAX_PAYLOAD_BYTES) {
      return "bad record header (payload length " + length + ")";
    }
    long total = (long) BatchLog.RECORD_HEADER_BYTES + length + BatchLog.RECORD_TRAILER_BYTES;
    if (left < total) {
      return "short record (" + left + " of " + total + " bytes)";
    }
    int end = offset + BatchLog.RECORD_HEADER_BYTES + length;
    int stored = new BinaryReader(bytes, end, end + 4, "record CRC").readInt();
    if (stored != BinaryReader.crc32c(bytes, offset, end)) {
      return "CRC mismatch";
    }
    long recordPosition =
        new BinaryReader(bytes, offset + 5, offset + 13, "record position").readLong();
    if (recordPosition != position) {
      return "bad record header (position " + recordPosition + ", expected " + position + ")";
    }
    int type = bytes[offset + 4];
    if (type != LogRecords.BATCH && type != LogRecords.RETENTION) {
      throw new IOException(
          "log record "
              + position
              + " has type "
              + type
              + ", which this version does not know; a newer meterkit wrote it");
    }
    return null;
  }

  /** Truncates {@code path} to {@code offset} bytes (deletes it for 0) and returns bytes cut. */
  private static long cut(Path path, long size, long offset) throws IOException {
    if (offset == 0) {
      Files.delete(path);
      return size;
    }
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(offset);
      file.getFD().sync();
    }
    return size - offset;
  }
}
