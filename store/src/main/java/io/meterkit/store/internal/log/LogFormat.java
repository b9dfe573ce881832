package io.meterkit.store.internal.log;

import java.nio.charset.StandardCharsets;

/**
 * The file format of the local write-ahead log: segment files under {@code DIR/log/}, each holding
 * records back to back.
 *
 * <p>{@code log/<first position, 20 decimal digits>.wal}; integers little-endian.
 *
 * <pre>
 *   header, 24 bytes
 *   offset size
 *        0    8  magic, ASCII "METERWAL"
 *        8    4  int32 format version (see StoreFormat)
 *       12    8  int64 the position of the segment's first record (equals the file name)
 *       20    4  int32 CRC32C of bytes 0..19
 *   then records, back to back, to the end of the file; a record of payload length P:
 *        0    4  int32 P, in [0, 2^30]
 *        4    1  record type: 1 batch, 2 retention (payloads: see LogEntryCodec)
 *        5    8  int64 the record's log position: the segment's first, then one more each
 *       13    P  payload
 *     13+P    4  int32 CRC32C of the record's bytes [0, 13 + P)
 * </pre>
 *
 * <p>Records are numbered by their log position: 1 for the first record the store ever wrote, then
 * one more per record, across segments. A record is written with one {@code write} call and never
 * rewritten, so a crash can leave only the last record incomplete; recovery detects that by its
 * length or its CRC and cuts the segment there. A segment grows past the configured segment size by
 * at most one record, then the log continues in a new one; it also starts a new one where a
 * snapshot begins. Segments whose every record a retained snapshot covers are deleted.
 *
 * <p>Thread-safe: constants.
 */
final class LogFormat {
  static final byte[] MAGIC = "METERWAL".getBytes(StandardCharsets.US_ASCII);
  static final int SEGMENT_HEADER_BYTES = 24;
  static final int RECORD_HEADER_BYTES = 13;
  static final int RECORD_TRAILER_BYTES = 4;
  static final int MAX_PAYLOAD_BYTES = 1 << 30;

  private LogFormat() {}
}
