package io.meterkit.store.internal.snapshot;

import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.ChunkCodec;
import io.meterkit.store.internal.io.BinaryWriter;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.state.StoreState;
import io.meterkit.store.internal.state.TableState;
import java.io.IOException;
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
 * Writes snapshots of a durable store: each sealed chunk once, into its own immutable file (see
 * {@link ChunkCodec}), and per snapshot a small {@link Manifest} naming the chunk files and holding
 * everything else. A snapshot therefore costs O(chunks sealed since the last one + dictionaries +
 * heads), not O(store).
 *
 * <p>Order of writing, so that a crash at any point leaves a readable store: new chunk files are
 * written and forced; the manifest is written to {@code .tmp}, forced, renamed into place and the
 * directory forced (the commit point); only then are manifests and chunk files that no retained
 * snapshot needs deleted (without forcing: a deleted file a crash brings back is harmless and
 * deleted again by the next snapshot). Two snapshots are retained, so recovery can fall back to the
 * older one (and the log after it) if the newer cannot be read.
 *
 * <p>Concurrency contract: one snapshot at a time (the caller serialises); the state written is
 * immutable, so writing needs no store lock.
 */
public final class SnapshotWriter {
  private static final int RETAINED_SNAPSHOTS = 2;

  /** A retained snapshot: its log position and the chunk files it names. */
  private record Retained(long logPosition, Set<Long> chunkFiles) {}

  private final StoreFiles files;
  private Map<Chunk, ChunkFile> written; // by chunk identity: the chunks of the last snapshot
  private long nextChunkFileNumber;
  private final ArrayDeque<Retained> retained = new ArrayDeque<>();

  /**
   * Continues after {@code recoveredFrom}, the snapshot recovery loaded, or after nothing.
   *
   * @param recoveredFrom the snapshot, or null for a store without one
   */
  public SnapshotWriter(StoreFiles files, LoadedSnapshot recoveredFrom) {
    this.files = files;
    if (recoveredFrom == null) {
      written = new IdentityHashMap<>();
      retained.add(new Retained(0, Set.of()));
    } else {
      written = new IdentityHashMap<>(recoveredFrom.chunkFiles());
      nextChunkFileNumber = recoveredFrom.nextChunkFileNumber();
      retained.add(new Retained(recoveredFrom.logPosition(), numbers(written)));
    }
  }

  /**
   * Writes a snapshot of {@code state} and deletes the manifests and chunk files no retained
   * snapshot needs.
   *
   * @param logPosition the position of the last log entry {@code state} holds
   * @param createdAtMillis when the snapshot is taken, by the store's clock
   * @return the oldest log position a retained snapshot covers: the log up to it may go
   */
  public long write(StoreState state, long logPosition, long createdAtMillis) throws IOException {
    Map<Chunk, ChunkFile> refs = new IdentityHashMap<>();
    List<Path> fresh = new ArrayList<>();
    BinaryWriter out = new BinaryWriter(1 << 16);
    for (int t = 0; t < state.tableCount(); t++) {
      TableState table = state.table(t);
      for (int c = 0; c < table.chunkCount(); c++) {
        Chunk chunk = table.chunk(c);
        ChunkFile file = written.get(chunk);
        if (file == null) {
          long number = nextChunkFileNumber++;
          out.reset();
          ChunkCodec.write(chunk, out);
          Path path = files.chunks().resolve(StoreFiles.chunkName(number));
          StoreFiles.writeDurably(path, out);
          file = new ChunkFile(number, out.size(), out.intAt(out.size() - 4));
          fresh.add(path);
        }
        refs.put(chunk, file);
      }
    }
    if (!fresh.isEmpty()) {
      StoreFiles.fsyncDirectory(files.chunks());
    }
    out.reset();
    Manifest.write(state, logPosition, nextChunkFileNumber, createdAtMillis, refs, out);
    Path manifest = files.snapshots().resolve(StoreFiles.manifestName(logPosition));
    Path temp = files.snapshots().resolve(manifest.getFileName() + StoreFiles.TEMP_SUFFIX);
    StoreFiles.writeDurably(temp, out);
    Files.move(temp, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    StoreFiles.fsyncDirectory(files.snapshots());
    written = refs;
    retained.addLast(new Retained(logPosition, numbers(refs)));
    while (retained.size() > RETAINED_SNAPSHOTS) {
      retained.removeFirst();
    }
    deleteUnretained();
    return retained.peekFirst().logPosition();
  }

  private static Set<Long> numbers(Map<Chunk, ChunkFile> refs) {
    Set<Long> numbers = new HashSet<>();
    for (ChunkFile file : refs.values()) {
      numbers.add(file.number());
    }
    return numbers;
  }

  // Deletions are not forced to disk: a file a crash brings back is an older manifest (recovery
  // prefers the newest) or a chunk file no manifest names, and the next snapshot deletes it again.
  private void deleteUnretained() throws IOException {
    Set<Long> keepManifests = new HashSet<>();
    Set<Long> keepChunks = new HashSet<>();
    for (Retained snapshot : retained) {
      keepManifests.add(snapshot.logPosition());
      keepChunks.addAll(snapshot.chunkFiles());
    }
    for (Map.Entry<Long, Path> manifest :
        StoreFiles.list(files.snapshots(), StoreFiles.MANIFEST_PREFIX, StoreFiles.MANIFEST_SUFFIX)
            .entrySet()) {
      if (!keepManifests.contains(manifest.getKey())) {
        Files.deleteIfExists(manifest.getValue());
      }
    }
    for (Map.Entry<Long, Path> chunk :
        StoreFiles.list(files.chunks(), "", StoreFiles.CHUNK_SUFFIX).entrySet()) {
      if (!keepChunks.contains(chunk.getKey())) {
        Files.deleteIfExists(chunk.getValue());
      }
    }
  }
}
