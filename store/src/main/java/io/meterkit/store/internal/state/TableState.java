package io.meterkit.store.internal.state;

import io.meterkit.store.StoredSample;
import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.ChunkEncoder;
import io.meterkit.store.internal.chunk.RowBuffer;
import io.meterkit.store.spi.SeriesBlock;

/**
 * An immutable view of one meter at one moment: its sealed chunks, the rows of its head, and its
 * series.
 *
 * <p>Readers scan the sealed chunks and a chunk encoded from the head rows on first use ({@link
 * #headChunk()}), so every scan sees one format. The head chunk is built at most once per state in
 * the common case (two racing readers may both build it; either result is correct). Thread-safe.
 */
public final class TableState {
  private final MeterIdentity meter;
  private final Chunk[] chunks;
  private final RowBuffer.View head;
  private final SeriesColumns series;
  private volatile Chunk headChunk;
  private volatile SeriesStats seriesStats;

  /**
   * @param chunks the sealed chunks, oldest first; handed over, not copied
   * @param head the unsealed rows, in arrival order
   */
  public TableState(
      MeterIdentity meter, Chunk[] chunks, RowBuffer.View head, SeriesColumns series) {
    this.meter = meter;
    this.chunks = chunks;
    this.head = head;
    this.series = series;
  }

  public MeterIdentity meter() {
    return meter;
  }

  /** Returns the number of sealed chunks. */
  public int chunkCount() {
    return chunks.length;
  }

  /** Returns sealed chunk {@code index}, oldest first. */
  public Chunk chunk(int index) {
    return chunks[index];
  }

  /** Returns the unsealed rows, in arrival order. */
  public RowBuffer.View head() {
    return head;
  }

  public SeriesColumns series() {
    return series;
  }

  public int seriesCount() {
    return series.count();
  }

  /** Returns the head rows encoded as a chunk, or null when the head is empty. */
  Chunk headChunk() {
    if (head.size() == 0) {
      return null;
    }
    Chunk chunk = headChunk;
    if (chunk == null) {
      chunk = ChunkEncoder.encode(head, series.count());
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

  /** Returns the number of chunks a scan visits: the sealed ones plus the head, if any. */
  public int scanChunkCount() {
    return chunks.length + (head.size() == 0 ? 0 : 1);
  }

  /** Returns the smallest timestamp of scan chunk {@code index}, without encoding the head. */
  public long scanChunkMinMillis(int index) {
    return index < chunks.length ? chunks[index].minMillis() : head.minMillis();
  }

  /** Returns the largest timestamp of scan chunk {@code index}, without encoding the head. */
  public long scanChunkMaxMillis(int index) {
    return index < chunks.length ? chunks[index].maxMillis() : head.maxMillis();
  }

  /** Returns scan chunk {@code index}: a sealed chunk, or the head chunk last. */
  public Chunk scanChunk(int index) {
    return index < chunks.length ? chunks[index] : headChunk();
  }

  /** Returns the number of rows. */
  public long rowCount() {
    long rows = head.size();
    for (Chunk chunk : chunks) {
      rows += chunk.rowCount();
    }
    return rows;
  }

  /**
   * Finds the row of {@code seriesId} at exactly {@code timestampMillis} that {@code matcher}
   * accepts, and materialises it; returns null when there is none.
   */
  public StoredSample find(
      StoreState store, int seriesId, long timestampMillis, RowMatcher matcher) {
    long[] timestamps = new long[SeriesBlock.MAX_ROWS];
    int[] metadata = new int[SeriesBlock.MAX_ROWS];
    for (int c = 0; c < scanChunkCount(); c++) {
      Chunk chunk = scanChunk(c);
      if (timestampMillis < chunk.minMillis() || timestampMillis > chunk.maxMillis()) {
        continue;
      }
      for (int block = chunk.lowerBoundBlock(seriesId);
          block < chunk.blockCount() && chunk.blockSeries(block) == seriesId;
          block++) {
        if (timestampMillis < chunk.blockFirstMillis(block)
            || timestampMillis > chunk.blockLastMillis(block)) {
          continue;
        }
        chunk.readTimestamps(block, timestamps, 0);
        chunk.readMetadataIds(block, metadata, 0);
        for (int i = 0; i < chunk.blockRows(block); i++) {
          if (timestamps[i] == timestampMillis
              && matcher.matches(chunk, chunk.blockRowStart(block) + i)) {
            return BlockCursor.materialize(
                store, this, chunk, block, i, timestampMillis, metadata[i]);
          }
        }
      }
    }
    return null;
  }

  /** Accepts or rejects one row of a chunk. */
  @FunctionalInterface
  public interface RowMatcher {
    /** Returns whether row {@code row} of {@code chunk} is the one sought. */
    boolean matches(Chunk chunk, int row);
  }
}
