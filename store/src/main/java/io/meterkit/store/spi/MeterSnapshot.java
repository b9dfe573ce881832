package io.meterkit.store.spi;

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
 * <p>Implementations are immutable and thread-safe: any number of threads may scan one snapshot at
 * once. The store provides the only implementation.
 */
public interface MeterSnapshot {
  /**
   * Returns the meter name.
   *
   * @return the name, e.g. {@code cpu_util}
   */
  String name();

  /**
   * Returns the meter type, fixed by its first sample.
   *
   * @return gauge, delta or cumulative
   */
  MeterType type();

  /**
   * Returns the unit of the volumes, fixed by the first sample.
   *
   * @return the unit
   */
  String unit();

  /**
   * Returns the number of series.
   *
   * @return series ids are {@code 0..seriesCount() - 1}
   */
  int seriesCount();

  /**
   * Returns the resource id (dictionary id) of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id of {@link StoreSnapshot#resourceIds()}
   */
  int resourceIdOf(int seriesId);

  /**
   * Returns the project id (dictionary id) of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id of {@link StoreSnapshot#projectIds()}
   */
  int projectIdOf(int seriesId);

  /**
   * Returns the user id (dictionary id) of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id of {@link StoreSnapshot#userIds()}
   */
  int userIdOf(int seriesId);

  /**
   * Returns the source (dictionary id) of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id of {@link StoreSnapshot#sources()}
   */
  int sourceOf(int seriesId);

  /**
   * Returns the number of samples of this meter.
   *
   * @return the row count
   */
  long sampleCount();

  /**
   * Returns the number of samples of one series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return its row count
   */
  long sampleCount(int seriesId);

  /**
   * Returns the earliest timestamp of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return epoch milliseconds UTC
   */
  long firstTimestampMillis(int seriesId);

  /**
   * Returns the latest timestamp of a series.
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return epoch milliseconds UTC
   */
  long lastTimestampMillis(int seriesId);

  /**
   * Returns the metadata id of the latest sample of a series (the later arrival wins a tie).
   *
   * @param seriesId 0..{@code seriesCount() - 1}
   * @return an id for {@link StoreSnapshot#metadata(int)}
   */
  int lastMetadataIdOf(int seriesId);

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
   * <p>A chunk whose rows all lie inside {@code range} and which holds a selected series is first
   * offered whole, as a {@link ChunkSummary}, to {@link SeriesBlockVisitor#visitChunk}; when the
   * visitor consumes it, none of its blocks is visited. A chunk without a selected series is
   * skipped.
   *
   * @param range the half-open time range of interest
   * @param selection the series to visit
   * @param visitor receives each block, on this thread
   */
  void scan(TimeRange range, SeriesSelection selection, SeriesBlockVisitor visitor);
}
