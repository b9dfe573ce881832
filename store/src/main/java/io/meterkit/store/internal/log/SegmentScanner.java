package io.meterkit.store.internal.log;

import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.io.StoreFormat;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the segments of a write-ahead log at recovery: hands every intact record after a snapshot's
 * position to a consumer, in order, and cuts the log at the first damaged one.
 *
 * <p>The formats are those of {@link LogFormat}; the kinds of damage are the {@link LogDamage}s.
 * The log ends at the first damaged record: the segment is truncated right before it (a segment
 * whose header is damaged is deleted), and every later segment is deleted, since nothing after a
 * damaged record can be trusted to follow it. A record whose CRC matches but whose type or payload
 * this version cannot decode is not damage but an incompatible log: recovery then fails rather than
 * cut it.
 *
 * <p>Thread-safe: stateless; recovery runs it once, before the store is shared.
 */
final class SegmentScanner {
  private SegmentScanner() {}

  /**
   * What a scan found: what it replayed and cut, and where appending continues.
   *
   * @param appendSegment the segment whose valid records end exactly at {@code appendOffset} with
   *     the last kept record, to continue; or null to start a new segment
   * @param appendVersion the format version of {@code appendSegment}
   */
  record Result(
      IngestLog.Replayed replayed, Path appendSegment, long appendOffset, int appendVersion) {}

  /** One damaged spot: its kind, the offending value and the value the format requires. */
  private record Damage(LogDamage kind, long found, long expected) {}

  /**
   * Scans the segments of {@code directory}.
   *
   * @param afterPosition the last position the snapshot covers; earlier records are skipped
   * @throws IOException when the log misses records after the snapshot, cannot be read, or holds a
   *     record this version cannot decode
   */
  static Result scan(Path directory, long afterPosition, IngestLog.EntryConsumer consumer)
      throws IOException {
    List<Map.Entry<Long, Path>> entries =
        new ArrayList<>(StoreFiles.list(directory, "", StoreFiles.SEGMENT_SUFFIX).entrySet());
    long next = afterPosition + 1; // the position of the next record to replay
    long replayed = 0;
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
                + afterPosition
                + ")");
      }
      byte[] bytes = Files.readAllBytes(path);
      String name = path.getFileName().toString();
      Damage damage = checkHeader(bytes, first, name);
      int version = damage == null ? readVersion(bytes) : 0;
      int offset = LogFormat.SEGMENT_HEADER_BYTES;
      long position = first;
      while (damage == null && offset < bytes.length) {
        damage = checkRecord(bytes, offset, position);
        if (damage != null) {
          break;
        }
        int length = recordLength(bytes, offset);
        if (position >= next) {
          BinaryReader payload =
              new BinaryReader(
                  bytes,
                  offset + LogFormat.RECORD_HEADER_BYTES,
                  offset + LogFormat.RECORD_HEADER_BYTES + length,
                  "log record " + position + " in " + name);
          consumer.accept(position, LogEntryCodec.decode(bytes[offset + 4], payload));
          replayed++;
          next = position + 1;
        }
        position++;
        offset += LogFormat.RECORD_HEADER_BYTES + length + LogFormat.RECORD_TRAILER_BYTES;
      }
      boolean last = i == entries.size() - 1;
      if (damage == null && !last) {
        continue;
      }
      LogTruncation truncation =
          damage == null
              ? null
              : cut(directory, entries, i, bytes.length, offset, position, damage);
      boolean segmentKept = damage == null || !damage.kind().wholeSegment();
      boolean continues = segmentKept && position == next;
      return new Result(
          new IngestLog.Replayed(next - 1, replayed, truncation),
          continues ? path : null,
          offset,
          version);
    }
    return new Result(new IngestLog.Replayed(next - 1, replayed, null), null, 0, 0);
  }

  // Cuts segment i at the damage (deletes it for header damage) and deletes every later segment.
  private static LogTruncation cut(
      Path directory,
      List<Map.Entry<Long, Path>> entries,
      int i,
      long size,
      int offset,
      long position,
      Damage damage)
      throws IOException {
    Path path = entries.get(i).getValue();
    long bytesCut = truncate(path, size, damage.kind().wholeSegment() ? 0 : offset);
    for (int later = i + 1; later < entries.size(); later++) {
      Path doomed = entries.get(later).getValue();
      bytesCut += Files.size(doomed);
      Files.delete(doomed);
    }
    StoreFiles.fsyncDirectory(directory);
    return new LogTruncation(
        damage.kind(),
        damage.found(),
        damage.expected(),
        path.getFileName().toString(),
        damage.kind().wholeSegment() ? 0 : offset,
        position,
        bytesCut,
        entries.size() - i - 1);
  }

  private static Damage checkHeader(byte[] bytes, long first, String name) throws IOException {
    if (bytes.length < LogFormat.SEGMENT_HEADER_BYTES) {
      return new Damage(
          LogDamage.SHORT_SEGMENT_HEADER, bytes.length, LogFormat.SEGMENT_HEADER_BYTES);
    }
    if (!Arrays.equals(bytes, 0, 8, LogFormat.MAGIC, 0, 8)
        || readInt(bytes, 20) != BinaryReader.crc32c(bytes, 0, 20)) {
      return new Damage(LogDamage.BAD_SEGMENT_HEADER, 0, 0);
    }
    StoreFormat.checkReadable("log segment " + name, readVersion(bytes));
    long headerFirst = readLong(bytes, 12);
    if (headerFirst != first) {
      return new Damage(LogDamage.BAD_SEGMENT_FIRST_POSITION, headerFirst, first);
    }
    return null;
  }

  /** Returns why the record at {@code offset} is damaged, or null when it is intact. */
  private static Damage checkRecord(byte[] bytes, int offset, long position) throws IOException {
    int left = bytes.length - offset;
    if (left < 4) {
      return new Damage(LogDamage.SHORT_LENGTH, left, 4);
    }
    int length = recordLength(bytes, offset);
    if (length < 0 || length > LogFormat.MAX_PAYLOAD_BYTES) {
      return new Damage(LogDamage.BAD_LENGTH, length, 0);
    }
    long total = (long) LogFormat.RECORD_HEADER_BYTES + length + LogFormat.RECORD_TRAILER_BYTES;
    if (left < total) {
      return new Damage(LogDamage.SHORT_RECORD, left, total);
    }
    int end = offset + LogFormat.RECORD_HEADER_BYTES + length;
    if (readInt(bytes, end) != BinaryReader.crc32c(bytes, offset, end)) {
      return new Damage(LogDamage.CRC_MISMATCH, 0, 0);
    }
    long recordPosition = readLong(bytes, offset + 5);
    if (recordPosition != position) {
      return new Damage(LogDamage.BAD_POSITION, recordPosition, position);
    }
    int type = bytes[offset + 4];
    if (type != LogEntryCodec.BATCH && type != LogEntryCodec.RETENTION) {
      throw new IOException(
          "log record "
              + position
              + " has type "
              + type
              + ", which this version does not know; a newer meterkit wrote it");
    }
    return null;
  }

  private static int readVersion(byte[] bytes) {
    return readInt(bytes, 8);
  }

  private static int recordLength(byte[] bytes, int offset) {
    return readInt(bytes, offset);
  }

  // Little-endian fixed-width reads of bytes known to be there.
  private static int readInt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF)
        | (bytes[offset + 1] & 0xFF) << 8
        | (bytes[offset + 2] & 0xFF) << 16
        | (bytes[offset + 3] & 0xFF) << 24;
  }

  private static long readLong(byte[] bytes, int offset) {
    return (readInt(bytes, offset) & 0xFFFFFFFFL) | ((long) readInt(bytes, offset + 4) << 32);
  }

  /** Truncates {@code path} to {@code offset} bytes (deletes it for 0) and returns bytes cut. */
  private static long truncate(Path path, long size, long offset) throws IOException {
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
