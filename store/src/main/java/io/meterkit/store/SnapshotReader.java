package io.meterkit.store;

import io.meterkit.core.MeterType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads the snapshots {@link SnapshotWriter} writes (the formats are documented there), checking
 * every CRC, and that every array has the length and every id the range the store relies on, so a
 * snapshot that loads cannot make a later scan fail. A damaged snapshot is skipped (recovery falls
 * back to an older one); an intact file of another format version stops recovery.
 *
 * <p>Thread-safe: stateless.
 */
final class SnapshotReader {
  private SnapshotReader() {}

  /** The unsealed rows of one meter, in arrival order. */
  record Head(
      int rows,
      long[] timestamps,
      double[] volumes,
      int[] series,
      int[] metadataIds,
      long[] recordedMillis,
      long[] arrivals,
      String[] clientIds,
      int[] tieOrdinals) {}

  /** One meter of a snapshot. */
  record Meter(
      String name,
      MeterType type,
      String unit,
      int[] resource,
      int[] project,
      int[] user,
      int[] source,
      Chunk[] chunks,
      SnapshotWriter.ChunkRef[] chunkRefs,
      Head head) {}

  /** A whole snapshot, read and checked. */
  record Loaded(
      String manifestName,
      long logPosition,
      long nextChunkFileNumber,
      long arrivals,
      long createdAtMillis,
      List<List<String>> strings,
      List<Map<String, String>> metadata,
      List<Meter> meters) {}

  /**
   * Reads the newest snapshot that is intact; notes each one skipped in {@code problems}.
   *
   * @return the snapshot, or null when there is none intact
   */
  static Loaded loadLatest(StoreFiles files, List<String> problems) throws IOException {
    NavigableMap<Long, Path> manifests =
        StoreFiles.list(files.snapshots, StoreFiles.MANIFEST_PREFIX, StoreFiles.MANIFEST_SUFFIX)
            .descendingMap();
    for (Map.Entry<Long, Path> manifest : manifests.entrySet()) {
      try {
        return read(files, manifest.getValue(), manifest.getKey());
      } catch (CorruptFileException | java.nio.file.NoSuchFileException e) {
        problems.add(
            "skipped snapshot " + manifest.getValue().getFileName() + ": " + e.getMessage());
      }
    }
    return null;
  }

  /** Reads one snapshot: the manifest and every chunk file it names. */
  static Loaded read(StoreFiles files, Path path, long expectedPosition) throws IOException {
    String name = path.getFileName().toString();
    byte[] bytes = Files.readAllBytes(path);
    BinaryReader in = checkedReader(bytes, bytes.length, SnapshotWriter.MANIFEST_MAGIC, name);
    long position = in.readLong();
    if (position != expectedPosition) {
      throw in.corrupt("covers log position " + position + " but is named for " + expectedPosition);
    }
    long nextChunkFile = in.readLong();
    long arrivals = in.readLong();
    long createdAt = in.readLong();
    if (arrivals < 0) {
      throw in.corrupt("arrival count " + arrivals + " is negative");
    }
    List<List<String>> strings = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int count = in.readVarint(in.remaining(), "dictionary size");
      List<String> values = new ArrayList<>(count);
      for (int id = 1; id <= count; id++) {
        values.add(in.readString());
      }
      strings.add(Collections.unmodifiableList(values));
    }
    int maps = in.readVarint(in.remaining(), "metadata dictionary size");
    List<Map<String, String>> metadata = new ArrayList<>(maps);
    for (int id = 1; id <= maps; id++) {
      int entries = in.readVarint(in.remaining(), "metadata entries");
      TreeMap<String, String> map = new TreeMap<>();
      for (int e = 0; e < entries; e++) {
        map.put(in.readString(), in.readString());
      }
      metadata.add(Collections.unmodifiableSortedMap(map));
    }
    int[] bounds = {
      strings.get(0).size() + 1,
      strings.get(1).size() + 1,
      strings.get(2).size() + 1,
      strings.get(3).size() + 1,
      maps + 1
    };
    int meterCount = in.readVarint(in.remaining(), "meter count");
    List<Meter> meters = new ArrayList<>(meterCount);
    byte[][] buffer = {new byte[1 << 16]};
    for (int ordinal = 0; ordinal < meterCount; ordinal++) {
      meters.add(readMeter(in, files, bounds, nextChunkFile, arrivals, buffer));
    }
    in.expectEnd();
    return new Loaded(
        name, position, nextChunkFile, arrivals, createdAt, strings, metadata, meters);
  }

  /** Checks magic, version and the trailing CRC; returns a reader of what follows the version. */
  // An intact file (magic and CRC check out) of another format version was written by another
  // meterkit: refuse to open rather than skip it, or a later snapshot's cleanup would delete it.
  private static BinaryReader checkedReader(byte[] bytes, int length, byte[] magic, String name)
      throws IOException {
    if (length < 16 || !Arrays.equals(bytes, 0, 8, magic, 0, 8)) {
      throw new CorruptFileException(name + ": not a meterkit file of this kind (magic)");
    }
    int stored = new BinaryReader(bytes, length - 4, length, name).readInt();
    if (stored != BinaryReader.crc32c(bytes, 0, length - 4)) {
      throw new CorruptFileException(name + ": CRC mismatch");
    }
    BinaryReader in = new BinaryReader(bytes, 8, length - 4, name);
    int version = in.readInt();
    if (version != SnapshotWriter.VERSION) {
      throw new IOException(
          name
              + ": format version "
              + version
              + " is not supported (this version reads "
              + SnapshotWriter.VERSION
              + ")");
    }
    return in;
  }

  private static Meter readMeter(
      BinaryReader in,
      StoreFiles files,
      int[] bounds,
      long nextChunkFile,
      long arrivals,
      byte[][] buffer)
      throws IOException {
    String name = in.readString();
    int code = in.readByte();
    MeterType type = LogRecords.typeOf(code);
    if (type == null) {
      throw in.corrupt("unknown meter type code " + code);
    }
    String unit = in.readString();
    int seriesCount = in.readVarint(in.remaining(), "series count");
    int[][] dims = new int[4][];
    for (int d = 0; d < 4; d++) {
      dims[d] = in.readInts(seriesCount, "series column");
      if (dims[d].length != seriesCount) {
        throw in.corrupt("a series column has " + dims[d].length + " ids, not " + seriesCount);
      }
      checkIds(in, dims[d], dims[d].length, bounds[d], "series dictionary id");
    }
    int chunkCount = in.readVarint(in.remaining(), "chunk count");
    Chunk[] chunks = new Chunk[chunkCount];
    SnapshotWriter.ChunkRef[] refs = new SnapshotWriter.ChunkRef[chunkCount];
    for (int c = 0; c < chunkCount; c++) {
      refs[c] = new SnapshotWriter.ChunkRef(in.readLong(), in.readInt(), in.readInt());
      if (refs[c].fileNumber() < 0 || refs[c].fileNumber() >= nextChunkFile) {
        throw in.corrupt("chunk file number " + refs[c].fileNumber() + " out of range");
      }
      chunks[c] = readChunkFile(files, refs[c], seriesCount, bounds[4], arrivals, buffer);
    }
    Head head = readHead(in, seriesCount, bounds[4], arrivals);
    return new Meter(name, type, unit, dims[0], dims[1], dims[2], dims[3], chunks, refs, head);
  }

  private static Head readHead(
      BinaryReader in, int seriesCount, int metadataBound, long arrivalBound)
      throws CorruptFileException {
    int rows = in.readVarint(in.remaining(), "head rows");
    long[] timestamps = new long[rows];
    double[] volumes = new double[rows];
    int[] series = new int[rows];
    int[] metadataIds = new int[rows];
    long[] recorded = new long[rows];
    in.readLongs(timestamps, "head timestamps");
    in.readDoubles(volumes, "head volumes");
    in.readInts(series, "head series");
    checkIds(in, series, rows, seriesCount, "head series id");
    in.readInts(metadataIds, "head metadata ids");
    checkIds(in, metadataIds, rows, metadataBound, "head metadata id");
    in.readLongs(recorded, "head recorded-at");
    long[] arrivals = new long[rows];
    in.readLongs(arrivals, "head arrivals");
    checkArrivals(in, arrivals, arrivalBound, "head arrival");
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
      checkIds(in, ties, rows, Integer.MAX_VALUE, "head tie ordinal");
    }
    return new Head(
        rows, timestamps, volumes, series, metadataIds, recorded, arrivals, clientIds, ties);
  }

  private static Chunk readChunkFile(
      StoreFiles files,
      SnapshotWriter.ChunkRef ref,
      int seriesCount,
      int metadataBound,
      long arrivalBound,
      byte[][] buffer)
      throws IOException {
    String name = StoreFiles.chunkName(ref.fileNumber());
    Path path = files.chunks.resolve(name);
    long size = Files.size(path);
    if (size != ref.length()) {
      throw new CorruptFileException(
          name + ": " + size + " bytes, the manifest says " + ref.length());
    }
    // One buffer for every chunk file of a snapshot: the arrays are copied out of it anyway.
    if (buffer[0].length < size) {
      buffer[0] = new byte[(int) Math.max(size, 2L * buffer[0].length)];
    }
    byte[] bytes = buffer[0];
    try (InputStream in = Files.newInputStream(path)) {
      if (in.readNBytes(bytes, 0, (int) size) != size) {
        throw new CorruptFileException(name + ": shorter than " + size + " bytes");
      }
    }
    Chunk chunk = readChunk(bytes, (int) size, name, seriesCount, metadataBound, arrivalBound);
    int crc = new BinaryReader(bytes, (int) size - 4, (int) size, name).readInt();
    if (crc != ref.crc()) {
      throw new CorruptFileException(name + ": not the chunk file the manifest names (CRC)");
    }
    return chunk;
  }

  /** Reads one chunk file's content, {@code bytes[0, length)}, checking its CRC and structure. */
  static Chunk readChunk(
      byte[] bytes, int length, String name, int seriesCount, int metadataBound, long arrivalBound)
      throws IOException {
    BinaryReader in = checkedReader(bytes, length, SnapshotWriter.CHUNK_MAGIC, name);
    int rows = in.readInt();
    int blocks = in.readInt();
    if (rows < 1 || rows > (1 << 20) || blocks < 1 || blocks > rows) {
      throw in.corrupt("rowCount " + rows + " and blockCount " + blocks + " are out of range");
    }
    ChunkEncoder.Encoded e = new ChunkEncoder.Encoded(rows, blocks);
    e.minMillis = in.readLong();
    e.maxMillis = in.readLong();
    e.recordedBaseSeconds = in.readLong();
    e.recordedBits = in.readInt();
    in.readInts(e.blockSeries, "blockSeries");
    in.readInts(e.blockRowStart, "blockRowStart");
    in.readLongs(e.blockFirstMillis, "blockFirstMillis");
    in.readLongs(e.blockLastMillis, "blockLastMillis");
    in.readLongs(e.blockLastArrival, "blockLastArrival");
    checkArrivals(in, e.blockLastArrival, arrivalBound, "block arrival");
    in.readLongs(e.blockMinDelta, "blockMinDelta");
    in.readBytes(e.blockTimestampBits, "blockTimestampBits");
    in.readInts(e.blockTimestampOffset, "blockTimestampOffset");
    in.readDoubles(e.blockSum, "blockSum");
    in.readDoubles(e.blockSumCompensation, "blockSumCompensation");
    in.readDoubles(e.blockMin, "blockMin");
    in.readDoubles(e.blockMax, "blockMax");
    in.readInts(e.blockMetadataBase, "blockMetadataBase");
    in.readBytes(e.blockMetadataBits, "blockMetadataBits");
    in.readInts(e.blockMetadataOffset, "blockMetadataOffset");
    e.timestampWords = in.readLongs(Integer.MAX_VALUE, "timestampWords");
    in.readDoubles(e.volumes, "volumes");
    e.metadataWords = in.readLongs(Integer.MAX_VALUE, "metadataWords");
    e.recordedWords = in.readLongs(Integer.MAX_VALUE, "recordedWords");
    if (in.readByte() != 0) {
      e.clientIds = new String[rows];
      for (int row = 0; row < rows; row++) {
        e.clientIds[row] = in.readOptionalString();
      }
    }
    if (in.readByte() != 0) {
      e.tieRows = in.readInts(rows, "tieRows");
      e.tieOrdinals = in.readInts(rows, "tieOrdinals");
    }
    in.expectEnd();
    checkStructure(in, e, seriesCount, metadataBound);
    Chunk chunk = new Chunk(e);
    int[] metadata = new int[ChunkEncoder.BLOCK_ROWS];
    for (int b = 0; b < chunk.blockCount; b++) {
      chunk.readMetadataIds(b, metadata, 0);
      checkIds(in, metadata, chunk.blockRows(b), metadataBound, "metadata id of block " + b);
    }
    return chunk;
  }

  // The checks that keep every later array access in bounds: row ranges, series and metadata ids,
  // and bit-packed runs that fit in their word arrays.
  private static void checkStructure(
      BinaryReader in, ChunkEncoder.Encoded e, int seriesCount, int metadataBound)
      throws CorruptFileException {
    if (e.blockRowStart[0] != 0 || e.blockRowStart[e.blockCount] != e.rowCount) {
      throw in.corrupt("block rows do not cover the chunk's rows");
    }
    long timestampBits = 64L * e.timestampWords.length;
    long metadataBits = 64L * e.metadataWords.length;
    for (int b = 0; b < e.blockCount; b++) {
      int rows = e.blockRowStart[b + 1] - e.blockRowStart[b];
      int series = e.blockSeries[b];
      int tsBits = e.blockTimestampBits[b];
      int mdBits = e.blockMetadataBits[b];
      if (rows < 1
          || rows > ChunkEncoder.BLOCK_ROWS
          || series < 0
          || series >= seriesCount
          || (b > 0 && series < e.blockSeries[b - 1])
          || tsBits < 0
          || tsBits > 64
          || mdBits < 0
          || mdBits > 31
          || e.blockTimestampOffset[b] < 0
          || e.blockTimestampOffset[b] + (long) tsBits * (rows - 1) > timestampBits
          || e.blockMetadataOffset[b] < 0
          || e.blockMetadataOffset[b] + (long) mdBits * rows > metadataBits
          || e.blockMetadataBase[b] < 0
          || e.blockMetadataBase[b] >= metadataBound) {
        throw in.corrupt("block " + b + " is inconsistent");
      }
    }
    if (e.recordedBits < 0
        || e.recordedBits > 64
        || (long) e.recordedBits * e.rowCount > 64L * e.recordedWords.length) {
      throw in.corrupt("recorded-at column is inconsistent");
    }
    if (e.tieRows != null) {
      if (e.tieRows.length != e.tieOrdinals.length) {
        throw in.corrupt("tie rows and ordinals differ in length");
      }
      for (int t = 0; t < e.tieRows.length; t++) {
        if (e.tieRows[t] < 0
            || e.tieRows[t] >= e.rowCount
            || (t > 0 && e.tieRows[t] <= e.tieRows[t - 1])) {
          throw in.corrupt("tie rows are not sorted row numbers");
        }
      }
    }
  }

  private static void checkArrivals(BinaryReader in, long[] arrivals, long bound, String what)
      throws CorruptFileException {
    for (int i = 0; i < arrivals.length; i++) {
      if (arrivals[i] < 0 || arrivals[i] >= bound) {
        throw in.corrupt(what + " " + arrivals[i] + " at " + i + " is not in [0, " + bound + ")");
      }
    }
  }

  private static void checkIds(BinaryReader in, int[] ids, int length, int bound, String what)
      throws CorruptFileException {
    for (int i = 0; i < length; i++) {
      if (ids[i] < 0 || ids[i] >= bound) {
        throw in.corrupt(what + " " + ids[i] + " at " + i + " is not in [0, " + bound + ")");
      }
    }
  }
}
