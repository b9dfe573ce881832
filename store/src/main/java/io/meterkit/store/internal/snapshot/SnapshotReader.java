package io.meterkit.store.internal.snapshot;

import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.ChunkCodec;
import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.CorruptFileException;
import io.meterkit.store.internal.io.StoreFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Reads the snapshots {@link SnapshotWriter} writes, checking every CRC, and that every array has
 * the length and every id the range the store relies on (see {@link ChunkCodec}), so a snapshot
 * that loads cannot make a later scan fail. A damaged snapshot is skipped (recovery falls back to
 * an older one); an intact file of a format version this one does not read stops recovery.
 *
 * <p>Not thread-safe: an instance reuses one buffer for the chunk files it reads; recovery makes
 * one.
 */
public final class SnapshotReader {
  private final StoreFiles files;
  private byte[] buffer = new byte[1 << 16]; // every chunk file, in turn: the arrays are copied out

  public SnapshotReader(StoreFiles files) {
    this.files = files;
  }

  /**
   * Reads the newest snapshot that is intact; notes each one skipped in {@code problems}.
   *
   * @return the snapshot, or null when there is none intact
   * @throws IOException when an intact file is of a format version this one does not read
   */
  public LoadedSnapshot loadLatest(List<String> problems) throws IOException {
    NavigableMap<Long, Path> manifests =
        StoreFiles.list(files.snapshots(), StoreFiles.MANIFEST_PREFIX, StoreFiles.MANIFEST_SUFFIX)
            .descendingMap();
    for (Map.Entry<Long, Path> manifest : manifests.entrySet()) {
      try {
        return read(manifest.getValue(), manifest.getKey());
      } catch (CorruptFileException | NoSuchFileException e) {
        problems.add(
            "skipped snapshot " + manifest.getValue().getFileName() + ": " + e.getMessage());
      }
    }
    return null;
  }

  private LoadedSnapshot read(Path path, long namedPosition) throws IOException {
    String name = path.getFileName().toString();
    Manifest.Contents contents =
        Manifest.read(Files.readAllBytes(path), name, namedPosition, this::readChunkFile);
    return new LoadedSnapshot(
        name,
        contents.logPosition(),
        contents.nextChunkFileNumber(),
        contents.createdAtMillis(),
        contents.state(),
        contents.chunkFiles());
  }

  private Chunk readChunkFile(ChunkFile file, ChunkCodec.RowBounds bounds) throws IOException {
    String name = StoreFiles.chunkName(file.number());
    Path path = files.chunks().resolve(name);
    long size = Files.size(path);
    if (size != file.length()) {
      throw new CorruptFileException(
          name + ": " + size + " bytes, the manifest says " + file.length());
    }
    if (buffer.length < size) {
      buffer = new byte[(int) Math.max(size, 2L * buffer.length)];
    }
    try (InputStream in = Files.newInputStream(path)) {
      if (in.readNBytes(buffer, 0, (int) size) != size) {
        throw new CorruptFileException(name + ": shorter than " + size + " bytes");
      }
    }
    Chunk chunk = ChunkCodec.read(buffer, (int) size, name, bounds);
    int crc = new BinaryReader(buffer, (int) size - 4, (int) size, name).readInt();
    if (crc != file.crc()) {
      throw new CorruptFileException(name + ": not the chunk file the manifest names (CRC)");
    }
    return chunk;
  }
}
