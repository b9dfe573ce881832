package io.meterkit.query;

import io.meterkit.core.TimeRange;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesBlockVisitor;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;

/**
 * The history of every selected series that decides its state inside a window: its last accepted
 * row before the window (the state the window starts in) and its accepted rows inside the window,
 * ordered by timestamp and, at equal timestamps, by arrival.
 *
 * <p>It is gathered by one scan of {@code (-inf, window end)}: blocks before the window contribute
 * only their last accepted row. Rows rejected by the plan's metadata conditions are ignored.
 * Arrival order is the scan order (chunks in arrival order, rows of a series at equal timestamps in
 * arrival order within a chunk), which a stable sort by (series, timestamp) preserves. Not
 * thread-safe.
 */
final class SeriesHistory implements SeriesBlockVisitor {
  final GroupPlan plan;
  final TimeRange window;
  final long[] beforeMillis; // per series; Long.MIN_VALUE: no row before the window
  final double[] beforeVolume;
  final int[] beforeMetadata;
  private final LongArrayList timestamps = new LongArrayList();
  private final DoubleArrayList volumes = new DoubleArrayList();
  private final IntArrayList metadataIds = new IntArrayList();
  private final IntArrayList seriesIds = new IntArrayList();
  private final long[] blockTimestamps = new long[SeriesBlock.MAX_ROWS];
  private final double[] blockVolumes = new double[SeriesBlock.MAX_ROWS];
  private final int[] blockMetadata = new int[SeriesBlock.MAX_ROWS];

  private SeriesHistory(GroupPlan plan, TimeRange window) {
    this.plan = plan;
    this.window = window;
    int seriesCount = plan.meter.seriesCount();
    beforeMillis = new long[seriesCount];
    beforeVolume = new double[seriesCount];
    beforeMetadata = new int[seriesCount];
    Arrays.fill(beforeMillis, Long.MIN_VALUE);
  }

  /** Scans the history of the plan's series up to the end of {@code window}. */
  static SeriesHistory collect(GroupPlan plan, TimeRange window) {
    SeriesHistory history = new SeriesHistory(plan, window);
    plan.meter.scan(new TimeRange(Long.MIN_VALUE, window.toMillis()), plan.selection, history);
    return history;
  }

  @Override
  public void visit(SeriesBlock block) {
    int series = block.seriesId();
    int rows = block.rowCount();
    block.readTimestamps(blockTimestamps, 0);
    block.readVolumes(blockVolumes, 0);
    block.readMetadataIds(blockMetadata, 0);
    for (int i = 0; i < rows; i++) {
      long timestamp = blockTimestamps[i];
      if (timestamp >= window.toMillis()) {
        break;
      }
      int metadataId = blockMetadata[i];
      if (plan.metadataGroup != null && plan.metadataGroup[metadataId] < 0) {
        continue;
      }
      if (timestamp < window.fromMillis()) {
        // Later visits of an equal timestamp arrived later, so ">=" keeps the latest arrival.
        if (timestamp >= beforeMillis[series]) {
          beforeMillis[series] = timestamp;
          beforeVolume[series] = blockVolumes[i];
          beforeMetadata[series] = metadataId;
        }
      } else {
        timestamps.add(timestamp);
        volumes.add(blockVolumes[i]);
        metadataIds.add(metadataId);
        seriesIds.add(series);
      }
    }
  }

  /** Returns the group of a row of {@code series} with metadata id {@code metadataId}. */
  int groupOf(int series, int metadataId) {
    int metadataGroup = plan.metadataGroup == null ? 0 : plan.metadataGroup[metadataId];
    return plan.seriesGroup[series] * plan.metadataGroupCount + metadataGroup;
  }

  /** Calls {@code consumer} once per series that has a row before or inside the window. */
  void forEachSeries(SeriesConsumer consumer) {
    int size = timestamps.size();
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    long[] ts = timestamps.elements();
    int[] series = seriesIds.elements();
    IntArrays.mergeSort(
        order,
        (a, b) ->
            series[a] != series[b]
                ? Integer.compare(series[a], series[b])
                : Long.compare(ts[a], ts[b]));
    boolean[] seen = new boolean[beforeMillis.length];
    int start = 0;
    while (start < size) {
      int s = series[order[start]];
      int end = start + 1;
      while (end < size && series[order[end]] == s) {
        end++;
      }
      seen[s] = true;
      consumer.accept(s, new Events(order, start, end));
      start = end;
    }
    for (int s = 0; s < beforeMillis.length; s++) {
      if (!seen[s] && beforeMillis[s] != Long.MIN_VALUE) {
        consumer.accept(s, new Events(order, 0, 0));
      }
    }
  }

  /** Receives one series and its in-window rows. */
  @FunctionalInterface
  interface SeriesConsumer {
    void accept(int series, Events events);
  }

  /** The in-window rows of one series, in (timestamp, arrival) order. */
  final class Events {
    private final int[] order;
    private final int from;
    private final int to;

    private Events(int[] order, int from, int to) {
      this.order = order;
      this.from = from;
      this.to = to;
    }

    int size() {
      return to - from;
    }

    long timestamp(int i) {
      return timestamps.getLong(order[from + i]);
    }

    double volume(int i) {
      return volumes.getDouble(order[from + i]);
    }

    int metadataId(int i) {
      return metadataIds.getInt(order[from + i]);
    }
  }
}
