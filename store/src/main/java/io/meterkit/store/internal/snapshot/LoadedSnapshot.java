package io.meterkit.store.internal.snapshot;

import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.state.StoreState;
import java.util.Map;

/**
 * A snapshot read back and checked: the state it holds, the log position it covers, and the files
 * it consists of.
 *
 * <p>Immutable once read; the map is not to be modified.
 *
 * @param manifestName the file name of its manifest
 * @param logPosition the position of the last log entry it holds
 * @param nextChunkFileNumber the number the next chunk file written gets
 * @param createdAtMillis when it was taken, epoch milliseconds (the store's clock)
 * @param state the store's state at that moment
 * @param chunkFiles the file of every sealed chunk of {@code state}, by chunk identity
 */
public record LoadedSnapshot(
    String manifestName,
    long logPosition,
    long nextChunkFileNumber,
    long createdAtMillis,
    StoreState state,
    Map<Chunk, ChunkFile> chunkFiles) {}
