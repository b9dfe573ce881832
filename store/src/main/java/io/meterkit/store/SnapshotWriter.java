package io.meterkit.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes snapshots of a durable store: each sealed chunk once, into its own immutable file, and per
 * snapshot a small manifest naming the chunk files plus everything else (dictionaries, series, head
 * rows, the log position covered). A snapshot therefore costs O(chunks sealed since the last one +
 * dictionaries + heads), not O(store).
 *
 * <p>Integers are little-endian; {@code varint}, {@code string}, {@code optional string}, and the
 * array forms {@code ints}, {@code longs}, {@code doubles}, {@code bytes} ({@code int32} element
 * count, then the elements) are defined in {@link BinaryWriter}.
 *
 * <h2>Chunk file: {@code chunks/<number, 20 digits>.chunk}</h2>
 *
 * <p>The arrays of one {@link Chunk}, exactly as the encoder made them (no re-encoding):
 *
 * <pre>
 *   8 bytes  magic, ASCII "METERCHK"
 *   int32    format version: 1
 *   int32    rowCount
 *   int32    blockCount
 *   int64    minMillis
 *   int64    maxMillis
 *   int64    recordedBaseSeconds
 *   int32    recordedBits
 *   ints     blockSeries                (blockCount)
 *   ints     blockRowStart              (blockCount + 1)
 *   longs    blockFirstMillis           (blockCount)
 *   longs    blockLastMillis            (blockCount)
 *   longs    blockLastArrival           (blockCount)
 *   longs    blockMinDelta              (blockCount)
 *   bytes    blockTimestampBits         (blockCount)
 *   ints     blockTimestampOffset       (blockCount)
 *   doubles  blockSum                   (blockCount)
 *   doubles  blockSumCompensation       (blockCount)
 *   doubles  blockMin                   (blockCount)
 *   doubles  blockMax                   (blockCount)
 *   ints     blockMetadataBase          (blockCount)
 *   bytes    blockMetadataBits          (blockCount)
 *   ints     blockMetadataOffset        (blockCount)
 *   longs    timestampWords
 *   doubles  volumes                    (rowCount)
 *   longs    metadataWords
 *   longs    recordedWords
 *   byte     1 when client ids follow, else 0;  then rowCount x optional string
 *   byte     1 when tie ordinals follow, else 0; then ints tieRows, ints tieOrdinals
 *   int32    CRC32C of every byte before it
 * </pre>
 *
 * <h2>Manifest: {@code snapshots/snapshot-<log position, 20 digits>.manifest}</h2>
 *
 * <pre>
 *   8 bytes  magic, ASCII "METERSNP"
 *   int32    format version: 1
 *   int64    log position: the snapshot holds exactly the records up to it
 *   int64    the number of the next chunk file to write
 *   int64    the store's next arrival number (rows ever stored, over every meter)
 *   int64    when it was taken, epoch milliseconds (the store's clock)
 *   4 string dictionaries (resources, projects, users, sources), each:
 *            varint n, then n x string: the values of ids 1..n (id 0 is null)
 *   metadata dictionary: varint n, then per map (ids 1..n; id 0 is the empty map):
 *            varint entries, then entries x (string key, string value)
 *   varint   meterCount, then per meter in ordinal order:
 *     string   name
 *     byte     type: 0 gauge, 1 delta, 2 cumulative
 *     string   unit
 *     varint   seriesCount; then ints resource, ints project, ints user, ints source
 *              (dictionary ids per series id)
 *     varint   chunkCount; then per sealed chunk, oldest first:
 *              int64 file number, int32 file length, int32 the file's CRC32C
 *     varint   headRows; then the unsealed rows in arrival order:
 *              longs timestamps, doubles volumes, ints series, ints metadataIds,
 *              longs recordedAtMillis, longs arrivals,
 *              byte 1 when client ids follow, else 0; then headRows x optional string,
 *              byte 1 when tie ordinals follow, else 0; then ints tieOrdinals
 *   int32    CRC32C of every byte before it
 * </pre>
 *
 * <p>Order of writing, so that a crash at any point leaves a readable store: new chunk files are
 * written and forced; the manifest is written to {@code .tmp}, forced, renamed into place and the
 * directory forced (the commit point); only then are manifests, chunk files and log segments that
 * no retained snapshot needs deleted (without forcing: a deleted file a crash brings back is
 * harmless and deleted again by the next snapshot). Two snapshots are retained, so recovery can
 * fall back to the older one (and the log after it) if the newer cannot be read.
 *
 * <p>Concurrency contract: one snapshot at a time (the caller serialises); the captured state is
 * immutable, so writing needs no store lock.
 */
final class SnapshotWriter {
  static final byte[] CHUNK_MAGIC = "METERCHK".getBytes(StandardCharsets.US_ASCII);
  static final byte[] MANIFEST_MAGIC = "METERSNP".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int RETAINED_SNAPSHOTS = 2;

  /** A written chunk file. */
  record ChunkRef(long fileNumber, int length, int crc) {}

  /** A retained snapshot: its log position and the chunk files it names. */
  record Retained(long logPosition, Set<Long> chunkFiles) {}

  /**
   * What a snapshot holds, captured under the store's write lock: the published state, the
   * dictionary sizes and the log position at that moment.
   */
  record Capture(
      StoreState state,
      long logPosition,
      long arrivals,
      int[] dictionarySizes,
      long createdAtMillis) {}

  private final StoreFiles files;
  private IdentityHashMap<Chunk, ChunkRef> written;
  private long nextChunkFileNumber;
  private final ArrayDeque<Retained> retained = new ArrayDeque<>();

  /**
   * @param known the chunks recovery loaded, with their files
   * @param recoveredFrom the snapshot recovery started from (log position 0 and no files for the
   *     empty store)
   */
  SnapshotWriter(
      StoreFiles files,
      IdentityHashMap<Chunk, ChunkRef> known,
      long nextChunkFileNumber,
      Retained recoveredFrom) {
    this.files = files;
    this.written = known;
    this.nextChunkFileNumber = nextChunkFileNumber;
    retained.add(recoveredFrom);
  }

  /** Returns the dictionary sizes to capture: resources, projects, users, sources, metadata. */
  static int[] dictionarySizes(Dictionaries d) {
    return new int[] {
      d.resources.size(), d.projects.size(), d.users.size(), d.sources.size(), d.metadata.size()
    };
  }

  /**
   * Writes a snapshot of {@code capture} and deletes the files no retained snapshot needs, except
   * log segments.
   *
   * @return the oldest log position a retained snapshot covers: log segments up to it may go
   */
  long write(Capture capture) throws IOException {
    IdentityHashMap<Chunk, ChunkRef> refs = new IdentityHashMap<>();
    List<Path> fresh = new ArrayList<>();
    BinaryWriter out = new BinaryWriter(1 << 16);
    for (TableState table : capture.state().tables) {
      for (Chunk chunk : table.chunks) {
        ChunkRef ref = written.get(chunk);
        if (ref == null) {
          long number = nextChunkFileNumber++;
          out.reset();
          writeChunk(chunk, out);
          Path path = files.chunks.resolve(StoreFiles.chunkName(number));
          StoreFiles.writeDurably(path, out);
          ref = new ChunkRef(number, out.size(), readInt(out, out.size() - 4));
          fresh.add(path);
        }
        refs.put(chunk, ref);
      }
    }
    if (!fresh.isEmpty()) {
      StoreFiles.fsyncDirectory(files.chunks);
    }
    out.reset();
    writeManifest(capture, refs, out);
    Path manifest = files.snapshots.resolve(StoreFiles.manifestName(capture.logPosition()));
    Path temp = files.snapshots.resolve(manifest.getFileName() + StoreFiles.TEMP_SUFFIX);
    StoreFiles.writeDurably(temp, out);
    Files.move(temp, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    StoreFiles.fsyncDirectory(files.snapshots);
    written = refs;
    Set<Long> numbers = new HashSet<>();
    for (ChunkRef ref : refs.values()) {
      numbers.add(ref.fileNumber());
    }
    retained.addLast(new Retained(capture.logPosition(), numbers));
    while (retained.size() > RETAINED_SNAPSHOTS) {
      retained.removeFirst();
    }
    deleteUnretained();
    return retained.peekFirst().logPosition();
  }

  private static int readInt(BinaryWriter out, int position) {
    byte[] b = out.array();
    return (b[position] & 0xFF)
        | (b[position + 1] & 0xFF) << 8
        | (b[position + 2] & 0xFF) << 16
        | (b[position + 3] & 0xFF) << 24;
  }

  // Deletions are not forced to disk: a file a crash brings back is an older manifest (recovery
  // prefers the newest), a chunk file no manifest names, or a log segment the retained snapshots
  // cover, and the next snapshot deletes it again.
  private void deleteUnretained() throws IOException {
    Set<Long> keepManifests = new HashSet<>();
    Set<Long> keepChunks = new HashSet<>();
    for (Retained snapshot : retained) {
      keepManifests.add(snapshot.logPosition());
      keepChunks.addAll(snapshot.chunkFiles());
    }
    for (Map.Entry<Long, Path> manifest :
        StoreFiles.list(files.snapshots, StoreFiles.MANIFEST_PREFIX, StoreFiles.MANIFEST_SUFFIX)
            .entrySet()) {
      if (!keepManifests.contains(manifest.getKey())) {
        Files.deleteIfExists(manifest.getValue());
      }
    }
    for (Map.Entry<Long, Path> chunk :
        StoreFiles.list(files.chunks, "", StoreFiles.CHUNK_SUFFIX).entrySet()) {
      if (!keepChunks.contains(chunk.getKey())) {
        Files.deleteIfExists(chunk.getValue());
      }
    }
  }

  /** Appends the chunk file format of {@code chunk} to {@code out}, CRC included. */
  static void writeChunk(Chunk chunk, BinaryWriter out) {
    int start = out.size();
    int blocks = chunk.blockCount;
    out.writeBytes(CHUNK_MAGIC);
    out.writeInt(VERSION);
    out.writeInt(chunk.rowCount);
    out.writeInt(blocks);
    out.writeLong(chunk.minMillis);
    out.writeLong(chunk.maxMillis);
    out.writeLong(chunk.recordedBaseSeconds);
    out.writeInt(chunk.recordedBits);
    out.writeInts(chunk.blockSeries, blocks);
    out.writeInts(chunk.blockRowStart, blocks + 1);
    out.writeLongs(chunk.blockFirstMillis, blocks);
    out.writeLongs(chunk.blockLastMillis, blocks);
    out.writeLongs(chunk.blockLastArrival, blocks);
    out.writeLongs(chunk.blockMinDelta, blocks);
    out.writeByteArray(chunk.blockTimestampBits, blocks);
    out.writeInts(chunk.blockTimestampOffset, blocks);
    out.writeDoubles(chunk.blockSum, blocks);
    out.writeDoubles(chunk.blockSumCompensation, blocks);
    out.writeDoubles(chunk.blockMin, blocks);
    out.writeDoubles(chunk.blockMax, blocks);
    out.writeInts(chunk.blockMetadataBase, blocks);
    out.writeByteArray(chunk.blockMetadataBits, blocks);
    out.writeInts(chunk.blockMetadataOffset, blocks);
    out.writeLongs(chunk.timestampWords, chunk.timestampWords.length);
    out.writeDoubles(chunk.volumes, chunk.rowCount);
    out.writeLongs(chunk.metadataWords, chunk.metadataWords.length);
    out.writeLongs(chunk.recordedWords, chunk.recordedWords.length);
    out.writeByte(chunk.clientIds == null ? 0 : 1);
    if (chunk.clientIds != null) {
      for (int row = 0; row < chunk.rowCount; row++) {
        out.writeOptionalString(chunk.clientIds[row]);
      }
    }
    out.writeByte(chunk.tieRows == null ? 0 : 1);
    if (chunk.tieRows != null) {
      out.writeInts(chunk.tieRows, chunk.tieRows.length);
      out.writeInts(chunk.tieOrdinals, chunk.tieOrdinals.length);
    }
    out.writeInt(out.crc32c(start));
  }

  /** Appends the manifest format of {@code capture} to {@code out}, CRC included. */
  void writeManifest(Capture capture, Map<Chunk, ChunkRef> refs, BinaryWriter out) {
    StoreState state = capture.state();
    Dictionaries d = state.dictionaries;
    int[] sizes = capture.dictionarySizes();
    out.writeBytes(MANIFEST_MAGIC);
    out.writeInt(VERSION);
    out.writeLong(capture.logPosition());
    out.writeLong(nextChunkFileNumber);
    out.writeLong(capture.arrivals());
    out.writeLong(capture.createdAtMillis());
    StringDictionary[] strings = {d.resources, d.projects, d.users, d.sources};
    for (int i = 0; i < strings.length; i++) {
      out.writeVarint(sizes[i] - 1L);
      for (int id = 1; id < sizes[i]; id++) {
        out.writeString(strings[i].valueOf(id));
      }
    }
    out.writeVarint(sizes[4] - 1L);
    for (int id = 1; id < sizes[4]; id++) {
      Map<String, String> map = d.metadata.valueOf(id);
      out.writeVarint(map.size());
      for (Map.Entry<String, String> entry : map.entrySet()) {
        out.writeString(entry.getKey());
        out.writeString(entry.getValue());
      }
    }
    out.writeVarint(state.tables.length);
    for (TableState table : state.tables) {
      writeMeter(table, refs, out);
    }
    out.writeInt(out.crc32c(0));
  }

  private static void writeMeter(TableState table, Map<Chunk, ChunkRef> refs, BinaryWriter out) {
    out.writeString(table.table.name);
    out.writeByte(LogRecords.typeCode(table.table.type));
    out.writeString(table.table.unit);
    int series = table.seriesCount;
    out.writeVarint(series);
    out.writeInts(table.series.resource(), series);
    out.writeInts(table.series.project(), series);
    out.writeInts(table.series.user(), series);
    out.writeInts(table.series.source(), series);
    out.writeVarint(table.chunks.length);
    for (Chunk chunk : table.chunks) {
      ChunkRef ref = refs.get(chunk);
      out.writeLong(ref.fileNumber());
      out.writeInt(ref.length());
      out.writeInt(ref.crc());
    }
    RowBuffer.View head = table.head;
    int rows = head.size();
    out.writeVarint(rows);
    out.writeLongs(head.timestamps(), rows);
    out.writeDoubles(head.volumes(), rows);
    out.writeInts(head.series(), rows);
    out.writeInts(head.metadataIds(), rows);
    out.writeLongs(head.recordedMillis(), rows);
    out.writeLongs(head.arrivals(), rows);
    out.writeByte(head.clientIds() == null ? 0 : 1);
    if (head.clientIds() != null) {
      for (int row = 0; row < rows; row++) {
        out.writeOptionalString(head.clientIds()[row]);
      }
    }
    out.writeByte(head.tieOrdinals() == null ? 0 : 1);
    if (head.tieOrdinals() != null) {
      out.writeInts(head.tieOrdinals(), rows);
    }
  }
}
