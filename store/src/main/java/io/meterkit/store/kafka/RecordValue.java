package io.meterkit.store.kafka;

import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.BinaryWriter;
import io.meterkit.store.internal.io.CorruptFileException;
import io.meterkit.store.internal.io.StoreFormat;
import io.meterkit.store.internal.log.LogEntry;
import io.meterkit.store.internal.log.LogEntryCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The value of a record of the ingest topic: one log entry in the encoding the local write-ahead
 * log uses for its payloads, framed with a magic, the format version and a CRC32C, so a damaged or
 * foreign record is found, never applied. Integers little-endian.
 *
 * <pre>
 *   offset size
 *        0    4  magic, ASCII "MKLE" (meterkit log entry)
 *        4    4  int32 format version
 *        8    1  entry type: 1 batch, 2 retention
 *        9    P  payload: the entry, as LogEntryCodec writes it
 *      9+P    4  int32 CRC32C of bytes [0, 9 + P)
 * </pre>
 *
 * <p>The record's offset is not in the value: the partition numbers its records, and an entry's log
 * position is its offset + 1.
 *
 * <p>Not thread-safe: an encoder reuses its buffers, so it belongs to one thread at a time; {@link
 * #decode} is static and stateless.
 */
final class RecordValue {
  private static final byte[] MAGIC = "MKLE".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_BYTES = 9;
  private static final int TRAILER_BYTES = 4;

  private final LogEntryCodec codec = new LogEntryCodec();
  private final BinaryWriter out = new BinaryWriter(1 << 14);

  /** Encodes {@code entry} into a new array. */
  byte[] encode(LogEntry entry) {
    out.reset();
    out.writeBytes(MAGIC);
    out.writeInt(StoreFormat.CURRENT);
    out.writeByte(LogEntryCodec.typeOf(entry));
    codec.encode(entry, out);
    out.writeInt(out.crc32c(0));
    return Arrays.copyOf(out.array(), out.size());
  }

  /**
   * Decodes a record value.
   *
   * @param value the record's value
   * @param what names the record in error messages, e.g. {@code "meterkit-7 offset 42"}
   * @throws CorruptFileException when the value is damaged or not a meterkit entry
   * @throws IOException when it is intact but of a format version this meterkit does not read
   */
  static LogEntry decode(byte[] value, String what) throws IOException {
    if (value == null || value.length < HEADER_BYTES + TRAILER_BYTES) {
      throw new CorruptFileException(
          what + ": not a meterkit log entry (" + (value == null ? 0 : value.length) + " bytes)");
    }
    if (!Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new CorruptFileException(what + ": not a meterkit log entry (magic)");
    }
    int end = value.length - TRAILER_BYTES;
    BinaryReader in = new BinaryReader(value, MAGIC.length, end, what);
    int stored = new BinaryReader(value, end, value.length, what).readInt();
    if (stored != BinaryReader.crc32c(value, 0, end)) {
      throw new CorruptFileException(what + ": CRC mismatch");
    }
    StoreFormat.checkReadable(what, in.readInt());
    int type = in.readByte();
    return LogEntryCodec.decode(type, in);
  }
}
