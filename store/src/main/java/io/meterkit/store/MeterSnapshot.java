package io.meterkit.store;

import io.meterkit.core.MeterType;
import io.meterkit.core.TimeRange;

/**
 * An immutable view of one meter's samples at one moment, and the scan the query engine runs over
 * them.
 *
 * <p>A meter's samples are grouped into <em>series</em>: one per distinct (resource, project, user,
 * source). Series ids are dense ({@code 0..seriesCount() - 1}) and their dimension values are
 * dictionary ids of the {@link StoreSnapshot}'s dictionaries. A query compiles its filters into a
 * {@link SeriesSelection} once, then {@link #scan}s blocks of rows.
 *
 * <p>Thread-safe: immutable; any number of threads may scan one snapshot at once.
 */
public final class MeterSnapshot {
  private final StoreState store;
  private final TableState table;

  MeterSnapshot(StoreState store, TableState table) {
    this.store = store;
    this.table = table;
  }

  /**
   * Returns the meter name.
   *
   * @return the name, e.g. {@code cpu_util}
   */
  public String name() {
    return table.table.name;
  }

  /**
   * Returns the meter type, fixed by its first sample.
   *
   * @return gauge, delta or cumulative
   */
  public MeterType type() {
    return table.table.type;
  }

  /**
   * Returns the unit of the volumes, fixed by the first sample.
   *
   * @return the unit
   */
  public String unit() {
    return table.table.unit;
  }

  /**
   * Returns the number of series.
   *
   * @return series ids are {@code 0..seriesCount() - 1}
   */
  public int seriesCount() {
    return table.seriesCount;
  }

  /**
   * Returns the resource id (dictionary id) of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id of {@link StoreSnapshot#resourceIds()}
   */
  public int resourceIdOf(int seriesId) {
    return table.series.resource()[checkSeries(seriesId)];
  }

  /**
   * Returns the project id (dictionary id) of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id of {@link StoreSnapshot#projectIds()}
   */
  public int projectIdOf(int seriesId) {
    return table.series.project()[checkSeries(seriesId)];
  }

  /**
   * Returns the user id (dictionary id) of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id of {@link StoreSnapshot#userIds()}
   */
  public int userIdOf(int seriesId) {
    return table.series.user()[checkSeries(seriesId)];
  }

  /**
   * Returns the source (dictionary id) of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id of {@link StoreSnapshot#sources()}
   */
  public int sourceOf(int seriesId) {
    return table.series.source()[checkSeries(seriesId)];
  }

  /**
   * Returns the number of samples of this meter.
   *
   * @return the row count
   */
  public long sampleCount() {
    return table.rowCount();
  }

  /**
   * Returns the number of samples of one series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return its row count
   */
  public long sampleCount(int seriesId) {
    return table.seriesStats().rows[checkSeries(seriesId)];
  }

  /**
   * Returns the earliest timestamp of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return epoch milliseconds UTC
   */
  public long firstTimestampMillis(int seriesId) {
    return table.seriesStats().firstMillis[checkSeries(seriesId)];
  }

  /**
   * Returns the latest timestamp of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return epoch milliseconds UTC
   */
  public long lastTimestampMillis(int seriesId) {
    return table.seriesStats().lastMillis[checkSeries(seriesId)];
  }

  /**
   * Returns the metadata id of the latest sample of a series (the later arrival wins a tie).
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id for {@link StoreSnapshot#metadata(int)}
   */
  public int lastMetadataIdOf(int seriesId) {
    return table.seriesStats().lastMetadataId[checkSeries(seriesId)];
  }

  /**
   * Visits every block of the selected series that has a row in {@code range}.
   *
   * <p>Chunks whose first and last timestamps miss the range are skipped without being read, and so
   * are blocks that miss it. A visited block may still hold rows outside the range, at its edges:
   * the visitor filters rows by timestamp. Blocks come chunk by chunk, oldest chunk (earliest
   * arrival) first and unsealed rows last; within a chunk, by series, then time. The effect is
   * exactly that of visiting every row of the meter and keeping those of selected series within the
   * block bounds.
   *
   * @param range the half-open time range of interest
   * @param selection the series to visit
   * @param visitor receives each block, on this thread
   */
  public void scan(TimeRange range, SeriesSelection selection, SeriesBlockVisitor visitor) {
    if (selection.isEmpty() || range.isEmpty()) {
      return;
    }
    ChunkBlockCursor cursor = new ChunkBlockCursor(store, table);
    for (int c = 0; c < table.scanChunkCount(); c++) {
      Chunk chunk = table.scanChunk(c);
      if (!range.overlapsClosed(chunk.minMillis, chunk.maxMillis)) {
        continue;
      }
      if (!selection.isAll() && selection.size() * 8 < chunk.blockCount) {
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
      ChunkBlockCursor cursor) {
    boolean all = selection.isAll();
    for (int block = 0; block < chunk.blockCount; block++) {
      if ((all || selection.contains(chunk.blockSeries[block]))
          && range.overlapsClosed(chunk.blockFirstMillis[block], chunk.blockLastMillis[block])) {
        visitor.visit(cursor.at(chunk, block));
      }
    }
  }

  private static void scanSelected(
      Chunk chunk,
      TimeRange range,
      SeriesSelection selection,
      SeriesBlockVisitor visitor,
      ChunkBlockCursor cursor) {
    for (int i = 0; i < selection.size(); i++) {
      int series = selection.idAt(i);
      for (int block = chunk.lowerBoundBlock(series);
          block < chunk.blockCount && chunk.blockSeries[block] == series;
          block++) {
        if (range.overlapsClosed(chunk.blockFirstMillis[block], chunk.blockLastMillis[block])) {
          visitor.visit(cursor.at(chunk, block));
        }
      }
    }
  }

  private int checkSeries(int seriesId) {
    if (seriesId < 0 || seriesId >= table.seriesCount) {
      throw new IndexOutOfBoundsException(
          "seriesId must be in [0, " + table.seriesCount + "), got: " + seriesId);
    }
    return seriesId;
  }
}
