package io.meterkit.store.internal.chunk;

import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.BinaryWriter;
import io.meterkit.store.internal.io.CorruptFileException;
import io.meterkit.store.internal.io.StoreFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The file form of a {@link Chunk}: its arrays exactly as the encoder made them (no re-encoding),
 * and the checks that make a chunk read from a file as safe to scan as one the encoder made.
 *
 * <p>Integers are little-endian; {@code ints}, {@code longs}, {@code doubles} and {@code bytes} are
 * an {@code int32} element count followed by the elements, and {@code optional string} is defined
 * in {@link BinaryWriter}. A chunk file, {@code chunks/<number, 20 digits>.chunk}:
 *
 * <pre>
 *   8 bytes  magic, ASCII "METERCHK"
 *   int32    format version (see {@link StoreFormat})
 *   int32    rowCount
 *   int32    blockCount
 *   int64    minMillis
 *   int64    maxMillis
 *   int64    recorded-at base seconds
 *   int32    recorded-at bits per row
 *   ints     block series                 (blockCount)
 *   ints     block row start              (blockCount + 1)
 *   longs    block first millis           (blockCount)
 *   longs    block last millis            (blockCount)
 *   longs    block last arrival           (blockCount)
 *   longs    block smallest timestamp delta (blockCount)
 *   bytes    block timestamp bits         (blockCount)
 *   ints     block timestamp bit offset   (blockCount)
 *   doubles  block sum                    (blockCount)
 *   doubles  block sum compensation       (blockCount)
 *   doubles  block min                    (blockCount)
 *   doubles  block max                    (blockCount)
 *   ints     block smallest metadata id   (blockCount)
 *   bytes    block metadata bits          (blockCount)
 *   ints     block metadata bit offset    (blockCount)
 *   longs    timestamp words
 *   doubles  volumes                      (rowCount)
 *   longs    metadata words
 *   longs    recorded-at words
 *   byte     1 when client ids follow, else 0;  then rowCount x optional string
 *   byte     1 when tie ordinals follow, else 0; then ints tie rows, ints tie ordinals
 *   int32    CRC32C of every byte before it
 * </pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class ChunkCodec {
  /** The first bytes of every chunk file. */
  public static final byte[] MAGIC = "METERCHK".getBytes(StandardCharsets.US_ASCII);

  /** The most rows a chunk file may hold: the largest chunk size a store can be configured with. */
  private static final int MAX_ROWS = 1 << 20;

  private ChunkCodec() {}

  /** Appends the chunk file of {@code chunk} to {@code out}, CRC included. */
  public static void write(Chunk chunk, BinaryWriter out) {
    int start = out.size();
    BlockIndex blocks = chunk.blocks;
    int count = blocks.count();
    StoreFormat.writeHeader(out, MAGIC);
    out.writeInt(chunk.rowCount());
    out.writeInt(count);
    out.writeLong(chunk.minMillis);
    out.writeLong(chunk.maxMillis);
    out.writeLong(chunk.recorded.baseSeconds);
    out.writeInt(chunk.recorded.bits);
    out.writeInts(blocks.series, count);
    out.writeInts(blocks.rowStart, count + 1);
    out.writeLongs(blocks.firstMillis, count);
    out.writeLongs(blocks.lastMillis, count);
    out.writeLongs(blocks.lastArrival, count);
    out.writeLongs(chunk.timestamps.minDelta, count);
    out.writeByteArray(chunk.timestamps.bits, count);
    out.writeInts(chunk.timestamps.bitOffset, count);
    out.writeDoubles(blocks.sum, count);
    out.writeDoubles(blocks.sumCompensation, count);
    out.writeDoubles(blocks.min, count);
    out.writeDoubles(blocks.max, count);
    out.writeInts(chunk.metadata.base, count);
    out.writeByteArray(chunk.metadata.bits, count);
    out.writeInts(chunk.metadata.bitOffset, count);
    out.writeLongs(chunk.timestamps.words, chunk.timestamps.words.length);
    out.writeDoubles(chunk.volumes, chunk.rowCount());
    out.writeLongs(chunk.metadata.words, chunk.metadata.words.length);
    out.writeLongs(chunk.recorded.words, chunk.recorded.words.length);
    out.writeByte(chunk.clientIds == null ? 0 : 1);
    if (chunk.clientIds != null) {
      for (String id : chunk.clientIds) {
        out.writeOptionalString(id);
      }
    }
    out.writeByte(chunk.ties == null ? 0 : 1);
    if (chunk.ties != null) {
      out.writeInts(chunk.ties.rows, chunk.ties.rows.length);
      out.writeInts(chunk.ties.ordinals, chunk.ties.ordinals.length);
    }
    out.writeInt(out.crc32c(start));
  }

  /**
   * Reads the chunk file held in {@code bytes[0, length)}, checking its magic, version, CRC and
   * structure.
   *
   * @param name the file name, for error messages
   * @param bounds the ranges the ids and arrival numbers of the chunk must lie in
   * @throws CorruptFileException when the bytes are not an intact chunk file that fits {@code
   *     bounds}
   * @throws IOException when they are an intact chunk file of a format version this one does not
   *     read
   */
  public static Chunk read(byte[] bytes, int length, String name, RowBounds bounds)
      throws IOException {
    BinaryReader in = StoreFormat.openFile(bytes, length, MAGIC, name);
    int rows = in.readInt();
    int count = in.readInt();
    if (rows < 1 || rows > MAX_ROWS || count < 1 || count > rows) {
      throw in.corrupt(
          "a chunk holds 1 to "
              + MAX_ROWS
              + " rows in 1 to rowCount blocks, got "
              + rows
              + " rows in "
              + count
              + " blocks");
    }
    long minMillis = in.readLong();
    long maxMillis = in.readLong();
    long recordedBase = in.readLong();
    int recordedBits = in.readInt();
    BlockIndex blocks = new BlockIndex(count);
    in.readInts(blocks.series, "block series");
    in.readInts(blocks.rowStart, "block row start");
    in.readLongs(blocks.firstMillis, "block first millis");
    in.readLongs(blocks.lastMillis, "block last millis");
    in.readLongs(blocks.lastArrival, "block last arrival");
    long[] minDelta = new long[count];
    byte[] timestampBits = new byte[count];
    int[] timestampOffset = new int[count];
    in.readLongs(minDelta, "block smallest timestamp delta");
    in.readBytes(timestampBits, "block timestamp bits");
    in.readInts(timestampOffset, "block timestamp bit offset");
    in.readDoubles(blocks.sum, "block sum");
    in.readDoubles(blocks.sumCompensation, "block sum compensation");
    in.readDoubles(blocks.min, "block min");
    in.readDoubles(blocks.max, "block max");
    int[] metadataBase = new int[count];
    byte[] metadataBits = new byte[count];
    int[] metadataOffset = new int[count];
    in.readInts(metadataBase, "block smallest metadata id");
    in.readBytes(metadataBits, "block metadata bits");
    in.readInts(metadataOffset, "block metadata bit offset");
    TimestampColumn timestamps =
        new TimestampColumn(
            minDelta,
            timestampBits,
            timestampOffset,
            in.readLongs(Integer.MAX_VALUE, "timestamp words"));
    double[] volumes = new double[rows];
    in.readDoubles(volumes, "volumes");
    MetadataColumn metadata =
        new MetadataColumn(
            metadataBase,
            metadataBits,
            metadataOffset,
            in.readLongs(Integer.MAX_VALUE, "metadata words"));
    RecordedColumn recorded =
        new RecordedColumn(
            recordedBase, recordedBits, in.readLongs(Integer.MAX_VALUE, "recorded-at words"));
    String[] clientIds = null;
    if (in.readByte() != 0) {
      clientIds = new String[rows];
      for (int row = 0; row < rows; row++) {
        clientIds[row] = in.readOptionalString();
      }
    }
    TieOrdinals ties = null;
    if (in.readByte() != 0) {
      ties = new TieOrdinals(in.readInts(rows, "tie rows"), in.readInts(rows, "tie ordinals"));
    }
    in.expectEnd();
    ChunkChecks checks = new ChunkChecks(in, rows, bounds);
    checks.blocks(blocks);
    checks.packedColumns(blocks, timestamps, metadata);
    checks.recorded(recorded);
    checks.ties(ties);
    checks.arrivals(blocks.lastArrival, "block last arrival");
    checks.volumes(volumes);
    checks.normaliseZeros(blocks);
    Chunk chunk =
        new Chunk(
            minMillis, maxMillis, blocks, timestamps, volumes, metadata, recorded, clientIds, ties);
    checks.metadataIds(chunk);
    return chunk;
  }

  /** Appends head rows (a meter's unsealed rows, in arrival order) to {@code out}. */
  public static void writeRows(RowBuffer.View head, BinaryWriter out) {
    int rows = head.size();
    out.writeVarint(rows);
    out.writeLongs(head.timestamps(), rows);
    out.writeDoubles(head.volumes(), rows);
    out.writeInts(head.series(), rows);
    out.writeInts(head.metadataIds(), rows);
    out.writeLongs(head.recordedMillis(), rows);
    out.writeLongs(head.arrivals(), rows);
    out.writeByte(head.hasClientIds() ? 1 : 0);
    if (head.hasClientIds()) {
      for (int row = 0; row < rows; row++) {
        out.writeOptionalString(head.clientId(row));
      }
    }
    out.writeByte(head.hasTieOrdinals() ? 1 : 0);
    if (head.hasTieOrdinals()) {
      out.writeInts(head.tieOrdinals(), rows);
    }
  }

  /**
   * Reads head rows written by {@link #writeRows}, checking every id and arrival number against
   * {@code bounds}.
   *
   * @throws CorruptFileException when they do not fit {@code bounds}
   */
  public static RowBuffer.View readRows(BinaryReader in, RowBounds bounds)
      throws CorruptFileException {
    int rows = in.readVarint(in.remaining(), "head rows");
    long[] timestamps = new long[rows];
    double[] volumes = new double[rows];
    int[] series = new int[rows];
    int[] metadataIds = new int[rows];
    long[] recorded = new long[rows];
    long[] arrivals = new long[rows];
    in.readLongs(timestamps, "head timestamps");
    in.readDoubles(volumes, "head volumes");
    in.readInts(series, "head series");
    in.readInts(metadataIds, "head metadata ids");
    in.readLongs(recorded, "head recorded-at");
    in.readLongs(arrivals, "head arrivals");
    String[] clientIds = null;
    if (in.readByte() != 0) {
      clientIds = new String[rows];
      for (int row = 0; row < rows; row++) {
        clientIds[row] = in.readOptionalString();
      }
    }
    int[] ties = null;
    if (in.readByte() != 0) {
      ties = new int[rows];
      in.readInts(ties, "head tie ordinals");
    }
    ChunkChecks checks = new ChunkChecks(in, rows, bounds);
    checks.ids(series, rows, bounds.seriesCount(), "head series id");
    checks.ids(metadataIds, rows, bounds.metadataIds(), "head metadata id");
    checks.arrivals(arrivals, "head arrival");
    if (ties != null) {
      checks.ids(ties, rows, Integer.MAX_VALUE, "head tie ordinal");
    }
    checks.volumes(volumes);
    RowBuffer head = new RowBuffer(rows);
    for (int row = 0; row < rows; row++) {
      head.append(
          timestamps[row],
          volumes[row],
          series[row],
          metadataIds[row],
          recorded[row],
          arrivals[row],
          clientIds == null ? null : clientIds[row],
          ties == null ? 0 : ties[row]);
    }
    return head.view();
  }

  /**
   * The ranges the ids and arrival numbers of a chunk or of head rows must lie in: below the
   * meter's series count, the metadata dictionary's size and the store's next arrival number.
   *
   * @param seriesCount series ids are in {@code [0, seriesCount)}
   * @param metadataIds metadata ids are in {@code [0, metadataIds)}
   * @param arrivals arrival numbers are in {@code [0, arrivals)}
   */
  public record RowBounds(int seriesCount, int metadataIds, long arrivals) {}
}
