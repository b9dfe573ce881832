package io.meterkit.store.internal.state;

import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.spi.SeriesBlock;
import java.util.Arrays;

/**
 * Per-series facts of one {@link TableState}, computed from block summaries: row count, first and
 * last timestamp, and the metadata id and store-wide arrival number of the latest row (greatest
 * timestamp, the later arrival winning a tie). Immutable once built.
 */
final class SeriesStats {
  final long[] rows;
  final long[] firstMillis;
  final long[] lastMillis;
  final int[] lastMetadataId;
  final long[] lastArrival;

  private SeriesStats(int seriesCount) {
    rows = new long[seriesCount];
    firstMillis = new long[seriesCount];
    lastMillis = new long[seriesCount];
    lastMetadataId = new int[seriesCount];
    lastArrival = new long[seriesCount];
    Arrays.fill(firstMillis, Long.MAX_VALUE);
    Arrays.fill(lastMillis, Long.MIN_VALUE);
    Arrays.fill(lastArrival, -1);
  }

  static SeriesStats of(TableState table) {
    SeriesStats stats = new SeriesStats(table.seriesCount());
    int[] metadata = new int[SeriesBlock.MAX_ROWS];
    for (int c = 0; c < table.scanChunkCount(); c++) {
      Chunk chunk = table.scanChunk(c);
      for (int block = 0; block < chunk.blockCount(); block++) {
        int series = chunk.blockSeries(block);
        int count = chunk.blockRows(block);
        stats.rows[series] += count;
        stats.firstMillis[series] =
            Math.min(stats.firstMillis[series], chunk.blockFirstMillis(block));
        if (isLater(
            chunk.blockLastMillis(block),
            chunk.blockLastArrival(block),
            stats.lastMillis[series],
            stats.lastArrival[series])) {
          stats.lastMillis[series] = chunk.blockLastMillis(block);
          stats.lastArrival[series] = chunk.blockLastArrival(block);
          chunk.readMetadataIds(block, metadata, 0);
          stats.lastMetadataId[series] = metadata[count - 1];
        }
      }
    }
    return stats;
  }

  /** Returns whether row (millis, arrival) is later than row (otherMillis, otherArrival). */
  static boolean isLater(long millis, long arrival, long otherMillis, long otherArrival) {
    return millis > otherMillis || (millis == otherMillis && arrival > otherArrival);
  }

  /** Returns whether the latest row of {@code series} is later than that of {@code other}. */
  boolean isLater(int series, SeriesStats otherStats, int other) {
    return isLater(
        lastMillis[series],
        lastArrival[series],
        otherStats.lastMillis[other],
        otherStats.lastArrival[other]);
  }
}
