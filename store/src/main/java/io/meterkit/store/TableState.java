package io.meterkit.store;

/**
 * An immutable view of one meter at one moment: its sealed chunks, the rows of its head, and its
 * series.
 *
 * <p>Readers scan the sealed chunks and a chunk encoded from the head rows on first use ({@link
 * #headChunk()}), so every scan sees one format. The head chunk is built at most once per state in
 * the common case (two racing readers may both build it; either result is correct). Thread-safe.
 */
final class TableState {
  final MeterTable table;
  final Chunk[] chunks;
  final RowBuffer.View head;
  final int seriesCount;
  final SeriesRegistry.Columns series;
  private volatile Chunk headChunk;
  private volatile SeriesStats seriesStats;

  TableState(
      MeterTable table,
      Chunk[] chunks,
      RowBuffer.View head,
      int seriesCount,
      SeriesRegistry.Columns series) {
    this.table = table;
    this.chunks = chunks;
    this.head = head;
    this.seriesCount = seriesCount;
    this.series = series;
  }

  /** Returns the head rows encoded as a chunk, or null when the head is empty. */
  Chunk headChunk() {
    if (head.size() == 0) {
      return null;
    }
    Chunk chunk = headChunk;
    if (chunk == null) {
      chunk = ChunkEncoder.encode(head, seriesCount);
      headChunk = chunk;
    }
    return chunk;
  }

  /** Returns the per-series facts, computed on first use. */
  SeriesStats seriesStats() {
    SeriesStats stats = seriesStats;
    if (stats == null) {
      stats = SeriesStats.of(this);
      seriesStats = stats;
    }
    return stats;
  }

  /**
   * Finds the row of {@code seriesId} at exactly {@code timestampMillis} that {@code matcher}
   * accepts, and materialises it; returns null when there is none.
   */
  StoredSample find(StoreState store, int seriesId, long timestampMillis, RowMatcher matcher) {
    long[] timestamps = new long[ChunkEncoder.BLOCK_ROWS];
    int[] metadata = new int[ChunkEncoder.BLOCK_ROWS];
    for (int c = 0; c < scanChunkCount(); c++) {
      Chunk chunk = scanChunk(c);
      if (timestampMillis < chunk.minMillis || timestampMillis > chunk.maxMillis) {
        continue;
      }
      for (int block = chunk.lowerBoundBlock(seriesId);
          block < chunk.blockCount && chunk.blockSeries[block] == seriesId;
          block++) {
        if (timestampMillis < chunk.blockFirstMillis[block]
            || timestampMillis > chunk.blockLastMillis[block]) {
          continue;
        }
        chunk.readTimestamps(block, timestamps, 0);
        chunk.readMetadataIds(block, metadata, 0);
        for (int i = 0; i < chunk.blockRows(block); i++) {
          if (timestamps[i] == timestampMillis
              && matcher.matches(chunk, chunk.blockRowStart[block] + i)) {
            return ChunkBlockCursor.materialize(
                store, this, chunk, block, i, timestampMillis, metadata[i]);
          }
        }
      }
    }
    return null;
  }

  /** Accepts or rejects one row of a chunk. */
  @FunctionalInterface
  interface RowMatcher {
    boolean matches(Chunk chunk, int row);
  }

  /** Returns the number of chunks a scan visits: the sealed ones plus the head, if any. */
  int scanChunkCount() {
    return chunks.length + (head.size() == 0 ? 0 : 1);
  }

  /** Returns scan chunk {@code index}: a sealed chunk, or the head chunk last. */
  Chunk scanChunk(int index) {
    return index < chunks.length ? chunks[index] : headChunk();
  }

  long rowCount() {
    long rows = head.size();
    for (Chunk chunk : chunks) {
      rows += chunk.rowCount;
    }
    return rows;
  }
}
