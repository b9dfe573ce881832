package io.meterkit.store.internal.state;

import io.meterkit.core.MeterType;
import io.meterkit.core.TimeRange;
import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesBlockVisitor;
import io.meterkit.store.spi.SeriesSelection;

/**
 * The {@link MeterSnapshot} of one {@link TableState}: the series columns, the per-series facts and
 * the block scan the query engine runs.
 *
 * <p>Thread-safe: immutable; every scan makes its own cursor.
 */
final class MeterView implements MeterSnapshot {
  private final StoreState store;
  private final TableState table;

  MeterView(StoreState store, TableState table) {
    this.store = store;
    this.table = table;
  }

  @Override
  public String name() {
    return table.meter().name();
  }

  @Override
  public MeterType type() {
    return table.meter().type();
  }

  @Override
  public String unit() {
    return table.meter().unit();
  }

  @Override
  public int seriesCount() {
    return table.seriesCount();
  }

  @Override
  public int resourceIdOf(int seriesId) {
    return table.series().resourceIds()[checkSeries(seriesId)];
  }

  @Override
  public int projectIdOf(int seriesId) {
    return table.series().projectIds()[checkSeries(seriesId)];
  }

  @Override
  public int userIdOf(int seriesId) {
    return table.series().userIds()[checkSeries(seriesId)];
  }

  @Override
  public int sourceOf(int seriesId) {
    return table.series().sourceIds()[checkSeries(seriesId)];
  }

  @Override
  public long sampleCount() {
    return table.rowCount();
  }

  @Override
  public long sampleCount(int seriesId) {
    return table.seriesStats().rows[checkSeries(seriesId)];
  }

  @Override
  public long firstTimestampMillis(int seriesId) {
    return table.seriesStats().firstMillis[checkSeries(seriesId)];
  }

  @Override
  public long lastTimestampMillis(int seriesId) {
    return table.seriesStats().lastMillis[checkSeries(seriesId)];
  }

  @Override
  public int lastMetadataIdOf(int seriesId) {
    return table.seriesStats().lastMetadataId[checkSeries(seriesId)];
  }

  // Chunks whose time span misses the range are skipped unread (the head too: its time span is
  // known without encoding it). A chunk wholly inside the range is offered to the visitor as a
  // summary first. With few selected series, each one's blocks are found by binary search;
  // otherwise every block is tested against the bitmap.
  @Override
  public void scan(TimeRange range, SeriesSelection selection, SeriesBlockVisitor visitor) {
    if (selection.isEmpty() || range.isEmpty()) {
      return;
    }
    BlockCursor cursor = new BlockCursor(store, table);
    ChunkCursor summary = null;
    for (int c = 0; c < table.scanChunkCount(); c++) {
      if (!range.overlapsClosed(table.scanChunkMinMillis(c), table.scanChunkMaxMillis(c))) {
        continue;
      }
      Chunk chunk = table.scanChunk(c);
      boolean few = !selection.isAll() && selection.size() * 8 < chunk.blockCount();
      if (range.contains(chunk.minMillis()) && range.contains(chunk.maxMillis())) {
        summary = summary == null ? new ChunkCursor(selection) : summary;
        if (!summary.at(chunk, few) || visitor.visitChunk(summary)) {
          continue;
        }
      }
      if (few) {
        scanSelected(chunk, range, selection, visitor, cursor);
      } else {
        scanAll(chunk, range, selection, visitor, cursor);
      }
    }
  }

  private static void scanAll(
      Chunk chunk,
      TimeRange range,
      SeriesSelection selection,
      SeriesBlockVisitor visitor,
      BlockCursor cursor) {
    boolean all = selection.isAll();
    for (int block = 0; block < chunk.blockCount(); block++) {
      if ((all || selection.contains(chunk.blockSeries(block)))
          && range.overlapsClosed(chunk.blockFirstMillis(block), chunk.blockLastMillis(block))) {
        visitor.visit(cursor.at(chunk, block));
      }
    }
  }

  private static void scanSelected(
      Chunk chunk,
      TimeRange range,
      SeriesSelection selection,
      SeriesBlockVisitor visitor,
      BlockCursor cursor) {
    for (int i = 0; i < selection.size(); i++) {
      int series = selection.idAt(i);
      for (int block = chunk.lowerBoundBlock(series);
          block < chunk.blockCount() && chunk.blockSeries(block) == series;
          block++) {
        if (range.overlapsClosed(chunk.blockFirstMillis(block), chunk.blockLastMillis(block))) {
          visitor.visit(cursor.at(chunk, block));
        }
      }
    }
  }

  private int checkSeries(int seriesId) {
    if (seriesId < 0 || seriesId >= table.seriesCount()) {
      throw new IndexOutOfBoundsException(
          "seriesId must be in [0, " + table.seriesCount() + "), got: " + seriesId);
    }
    return seriesId;
  }
}
