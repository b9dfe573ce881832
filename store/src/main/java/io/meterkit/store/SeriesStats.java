package io.meterkit.store;

import java.util.Arrays;

/**
 * Per-series facts of one {@link TableState}, computed from block summaries: row count, first and
 * last timestamp, and the metadata id of the latest row (the later arrival wins a tie). Immutable
 * once built.
 */
final class SeriesStats {
  final long[] rows;
  final long[] firstMillis;
  final long[] lastMillis;
  final int[] lastMetadataId;

  private SeriesStats(int seriesCount) {
    rows = new long[seriesCount];
    firstMillis = new long[seriesCount];
    lastMillis = new long[seriesCount];
    lastMetadataId = new int[seriesCount];
    Arrays.fill(firstMillis, Long.MAX_VALUE);
    Arrays.fill(lastMillis, Long.MIN_VALUE);
  }

  static SeriesStats of(TableState table) {
    SeriesStats stats = new SeriesStats(table.seriesCount);
    int[] metadata = new int[ChunkEncoder.BLOCK_ROWS];
    for (int c = 0; c < table.scanChunkCount(); c++) {
      Chunk chunk = table.scanChunk(c);
      for (int block = 0; block < chunk.blockCount; block++) {
        int series = chunk.blockSeries[block];
        int count = chunk.blockRows(block);
        stats.rows[series] += count;
        stats.firstMillis[series] =
            Math.min(stats.firstMillis[series], chunk.blockFirstMillis[block]);
        if (chunk.blockLastMillis[block] >= stats.lastMillis[series]) {
          stats.lastMillis[series] = chunk.blockLastMillis[block];
          chunk.readMetadataIds(block, metadata, 0);
          stats.lastMetadataId[series] = metadata[count - 1];
        }
      }
    }
    return stats;
  }
}
