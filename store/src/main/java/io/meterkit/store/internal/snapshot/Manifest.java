package io.meterkit.store.internal.snapshot;

import io.meterkit.core.MeterType;
import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.ChunkCodec;
import io.meterkit.store.internal.chunk.RowBuffer;
import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.BinaryWriter;
import io.meterkit.store.internal.io.CorruptFileException;
import io.meterkit.store.internal.io.StoreFormat;
import io.meterkit.store.internal.state.Dictionaries;
import io.meterkit.store.internal.state.DictionarySizes;
import io.meterkit.store.internal.state.MeterIdentity;
import io.meterkit.store.internal.state.SeriesColumns;
import io.meterkit.store.internal.state.StoreState;
import io.meterkit.store.internal.state.StringDictionary;
import io.meterkit.store.internal.state.TableState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest of a snapshot: one file naming the snapshot's chunk files and holding everything
 * else of a {@link StoreState} (dictionaries, meters, series, head rows) and the log position it
 * covers.
 *
 * <p>{@code snapshots/snapshot-<log position, 20 digits>.manifest}; integers little-endian, the
 * encodings of {@link BinaryWriter}, head rows as {@link ChunkCodec#writeRows} writes them:
 *
 * <pre>
 *   8 bytes  magic, ASCII "METERSNP"
 *   int32    format version (see StoreFormat)
 *   int64    log position: the snapshot holds exactly the log entries up to it
 *   int64    the number of the next chunk file to write
 *   int64    the store's next arrival number (rows ever stored, over every meter)
 *   int64    when it was taken, epoch milliseconds (the store's clock)
 *   4 string dictionaries, in this order: resource ids, project ids, user ids, sources; each
 *            varint n, then n x string: the values of ids 1..n (id 0 is null)
 *   metadata dictionary: varint n, then per map (ids 1..n; id 0 is the empty map):
 *            varint entries, then entries x (string key, string value)
 *   varint   meterCount, then per meter in ordinal order:
 *     string   name
 *     byte     type: 0 gauge, 1 delta, 2 cumulative
 *     string   unit
 *     varint   seriesCount; then ints resource ids, ints project ids, ints user ids, ints sources
 *              (dictionary ids per series id)
 *     varint   chunkCount; then per sealed chunk, oldest first:
 *              int64 file number, int32 file length, int32 the file's CRC32C
 *     head rows: the unsealed rows in arrival order
 *   int32    CRC32C of every byte before it
 * </pre>
 *
 * <p>Thread-safe: stateless.
 */
final class Manifest {
  static final byte[] MAGIC = "METERSNP".getBytes(StandardCharsets.US_ASCII);

  private Manifest() {}

  /** Loads the chunk file a manifest names, checking it against the manifest. */
  @FunctionalInterface
  interface ChunkLoader {
    Chunk load(ChunkFile file, ChunkCodec.RowBounds bounds) throws IOException;
  }

  /** A manifest read back: the state it holds and its bookkeeping. */
  record Contents(
      long logPosition,
      long nextChunkFileNumber,
      long createdAtMillis,
      StoreState state,
      Map<Chunk, ChunkFile> chunkFiles) {}

  /** Appends the manifest of {@code state} to {@code out}, CRC included. */
  static void write(
      StoreState state,
      long logPosition,
      long nextChunkFileNumber,
      long createdAtMillis,
      Map<Chunk, ChunkFile> chunkFiles,
      BinaryWriter out) {
    StoreFormat.writeHeader(out, MAGIC);
    out.writeLong(logPosition);
    out.writeLong(nextChunkFileNumber);
    out.writeLong(state.nextArrival());
    out.writeLong(createdAtMillis);
    Dictionaries d = state.dictionaries();
    DictionarySizes sizes = state.sizes();
    writeStrings(d.resources(), sizes.resources(), out);
    writeStrings(d.projects(), sizes.projects(), out);
    writeStrings(d.users(), sizes.users(), out);
    writeStrings(d.sources(), sizes.sources(), out);
    out.writeVarint(sizes.metadata() - 1L);
    for (int id = 1; id < sizes.metadata(); id++) {
      Map<String, String> map = d.metadata().valueOf(id);
      out.writeVarint(map.size());
      for (Map.Entry<String, String> entry : map.entrySet()) {
        out.writeString(entry.getKey());
        out.writeString(entry.getValue());
      }
    }
    out.writeVarint(state.tableCount());
    for (int ordinal = 0; ordinal < state.tableCount(); ordinal++) {
      writeMeter(state.table(ordinal), chunkFiles, out);
    }
    out.writeInt(out.crc32c(0));
  }

  private static void writeStrings(StringDictionary dictionary, int size, BinaryWriter out) {
    out.writeVarint(size - 1L);
    for (int id = 1; id < size; id++) {
      out.writeString(dictionary.valueOf(id));
    }
  }

  private static void writeMeter(
      TableState table, Map<Chunk, ChunkFile> chunkFiles, BinaryWriter out) {
    MeterIdentity meter = table.meter();
    out.writeString(meter.name());
    out.writeByte(StoreFormat.meterTypeCode(meter.type()));
    out.writeString(meter.unit());
    SeriesColumns series = table.series();
    int count = series.count();
    out.writeVarint(count);
    out.writeInts(series.resourceIds(), count);
    out.writeInts(series.projectIds(), count);
    out.writeInts(series.userIds(), count);
    out.writeInts(series.sourceIds(), count);
    out.writeVarint(table.chunkCount());
    for (int c = 0; c < table.chunkCount(); c++) {
      ChunkFile file = chunkFiles.get(table.chunk(c));
      out.writeLong(file.number());
      out.writeInt(file.length());
      out.writeInt(file.crc());
    }
    ChunkCodec.writeRows(table.head(), out);
  }

  /**
   * Reads a manifest, and through {@code chunks} every chunk file it names.
   *
   * @param name the file name, for error messages
   * @param namedPosition the log position the file name says it covers
   * @throws CorruptFileException when the manifest (or a chunk file) is damaged or inconsistent
   * @throws IOException when a file is of a format version this one does not read, or unreadable
   */
  static Contents read(byte[] bytes, String name, long namedPosition, ChunkLoader chunks)
      throws IOException {
    BinaryReader in = StoreFormat.openFile(bytes, bytes.length, MAGIC, name);
    long position = in.readLong();
    if (position != namedPosition) {
      throw in.corrupt("covers log position " + position + " but is named for " + namedPosition);
    }
    long nextChunkFile = in.readLong();
    long arrivals = in.readLong();
    long createdAt = in.readLong();
    if (arrivals < 0) {
      throw in.corrupt("arrival count " + arrivals + " is negative");
    }
    Dictionaries dictionaries = new Dictionaries();
    readStrings(in, dictionaries.resources(), "resource ids");
    readStrings(in, dictionaries.projects(), "project ids");
    readStrings(in, dictionaries.users(), "user ids");
    readStrings(in, dictionaries.sources(), "sources");
    int maps = in.readVarint(in.remaining(), "metadata dictionary size");
    for (int id = 1; id <= maps; id++) {
      int entries = in.readVarint(in.remaining(), "metadata entries");
      TreeMap<String, String> map = new TreeMap<>();
      for (int e = 0; e < entries; e++) {
        map.put(in.readString(), in.readString());
      }
      if (dictionaries.metadata().intern(Collections.unmodifiableSortedMap(map)) != id) {
        throw in.corrupt("metadata map " + id + " repeats an earlier one: " + map);
      }
    }
    DictionarySizes sizes = dictionaries.sizes();
    int meterCount = in.readVarint(in.remaining(), "meter count");
    TableState[] tables = new TableState[meterCount];
    Map<String, Integer> ordinals = new HashMap<>();
    Map<Chunk, ChunkFile> chunkFiles = new IdentityHashMap<>();
    for (int ordinal = 0; ordinal < meterCount; ordinal++) {
      tables[ordinal] = readMeter(in, ordinal, sizes, nextChunkFile, arrivals, chunks, chunkFiles);
      if (ordinals.put(tables[ordinal].meter().name(), ordinal) != null) {
        throw in.corrupt("meter " + tables[ordinal].meter().name() + " appears twice");
      }
    }
    in.expectEnd();
    StoreState state =
        new StoreState(dictionaries, sizes, tables, Map.copyOf(ordinals), arrivals, 0);
    return new Contents(position, nextChunkFile, createdAt, state, chunkFiles);
  }

  private static void readStrings(BinaryReader in, StringDictionary dictionary, String what)
      throws CorruptFileException {
    int count = in.readVarint(in.remaining(), what + " dictionary size");
    for (int id = 1; id <= count; id++) {
      String value = in.readString();
      if (dictionary.intern(value) != id) {
        throw in.corrupt("the " + what + " dictionary repeats " + value + " as id " + id);
      }
    }
  }

  private static TableState readMeter(
      BinaryReader in,
      int ordinal,
      DictionarySizes sizes,
      long nextChunkFile,
      long arrivals,
      ChunkLoader chunks,
      Map<Chunk, ChunkFile> chunkFiles)
      throws IOException {
    String name = in.readString();
    int code = in.readByte();
    MeterType type = StoreFormat.meterType(code);
    if (type == null) {
      throw in.corrupt("unknown meter type code " + code);
    }
    String unit = in.readString();
    int seriesCount = in.readVarint(in.remaining(), "series count");
    SeriesColumns series =
        new SeriesColumns(
            readSeriesColumn(in, seriesCount, sizes.resources(), "resource id"),
            readSeriesColumn(in, seriesCount, sizes.projects(), "project id"),
            readSeriesColumn(in, seriesCount, sizes.users(), "user id"),
            readSeriesColumn(in, seriesCount, sizes.sources(), "source"),
            seriesCount);
    ChunkCodec.RowBounds bounds = new ChunkCodec.RowBounds(seriesCount, sizes.metadata(), arrivals);
    int chunkCount = in.readVarint(in.remaining(), "chunk count");
    Chunk[] sealed = new Chunk[chunkCount];
    for (int c = 0; c < chunkCount; c++) {
      ChunkFile file = new ChunkFile(in.readLong(), in.readInt(), in.readInt());
      if (file.number() < 0 || file.number() >= nextChunkFile) {
        throw in.corrupt(
            "chunk file number "
                + file.number()
                + " is not below the next chunk file number "
                + nextChunkFile);
      }
      sealed[c] = chunks.load(file, bounds);
      chunkFiles.put(sealed[c], file);
    }
    RowBuffer.View head = ChunkCodec.readRows(in, bounds);
    return new TableState(new MeterIdentity(ordinal, name, type, unit), sealed, head, series);
  }

  private static int[] readSeriesColumn(BinaryReader in, int seriesCount, int bound, String what)
      throws CorruptFileException {
    int[] ids = in.readInts(seriesCount, "series " + what + "s");
    if (ids.length != seriesCount) {
      throw in.corrupt(
          "the series " + what + " column has " + ids.length + " ids, not " + seriesCount);
    }
    for (int s = 0; s < seriesCount; s++) {
      if (ids[s] < 0 || ids[s] >= bound) {
        throw in.corrupt(
            "the " + what + " of series " + s + " is " + ids[s] + ", not in [0, " + bound + ")");
      }
    }
    return ids;
  }
}
