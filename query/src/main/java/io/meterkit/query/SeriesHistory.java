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
 * row before the window (the state the window starts in), its accepted rows inside the window,
 * ordered by timestamp and, at equal timestamps, by arrival, and, when asked, its first accepted
 * row at or after the window's end.
 *
 * <p>It is gathered by one scan of {@code (-inf, window end)}, or of all time when the row after
 * the window is wanted. Blocks outside the window contribute only their row nearest to it; a block
 * that cannot beat the row found so far (its last row is older than the best row before the window,
 * or its first row newer than the best row after it) is skipped without decoding. Rows rejected by
 * the plan's metadata conditions, or recorded after the as-of instant, are ignored. Arrival order
 * is the scan order (chunks in arrival order, rows of a series at equal timestamps in arrival order
 * within a chunk), which a stable sort by (series, timestamp) preserves; of rows outside the window
 * at equal timestamps, the latest arrival is kept. Not thread-safe.
 */
final class SeriesHistory implements SeriesBlockVisitor {
  final GroupPlan plan;
  final TimeRange window;
  final long[] beforeMillis; // per series; Long.MIN_VALUE: no row before the window
  final double[] beforeVolume;
  final int[] beforeMetadata;
  final long[] afterMillis; // per series, only when asked; Long.MAX_VALUE: no row after the window
  final double[] afterVolume;
  final int[] afterMetadata;
  private final LongArrayList timestamps = new LongArrayList();
  private final DoubleArrayList volumes = new DoubleArrayList();
  private final IntArrayList metadataIds = new IntArrayList();
  private final IntArrayList seriesIds = new IntArrayList();
  private final BlockRows rows;
  private long earliestInsideMillis = Long.MAX_VALUE;
  private long latestInsideMillis = Long.MIN_VALUE;

  private SeriesHistory(GroupPlan plan, TimeRange window, long asOfMillis, boolean withAfter) {
    this.plan = plan;
    this.window = window;
    this.rows = new BlockRows(asOfMillis);
    int seriesCount = plan.meter.seriesCount();
    beforeMillis = new long[seriesCount];
    beforeVolume = new double[seriesCount];
    beforeMetadata = new int[seriesCount];
    Arrays.fill(beforeMillis, Long.MIN_VALUE);
    afterMillis = withAfter ? new long[seriesCount] : null;
    afterVolume = withAfter ? new double[seriesCount] : null;
    afterMetadata = withAfter ? new int[seriesCount] : null;
    if (withAfter) {
      Arrays.fill(afterMillis, Long.MAX_VALUE);
    }
  }

  /** Scans the history of the plan's series up to the end of {@code window}. */
  static SeriesHistory collect(GroupPlan plan, TimeRange window) {
    return collect(plan, window, Long.MAX_VALUE, false);
  }

  /**
   * Scans the history of the plan's series around {@code window}, counting only rows recorded at or
   * before {@code asOfMillis}, and also the row after the window when {@code withAfter}.
   */
  static SeriesHistory collect(
      GroupPlan plan, TimeRange window, long asOfMillis, boolean withAfter) {
    SeriesHistory history = new SeriesHistory(plan, window, asOfMillis, withAfter);
    TimeRange scanned =
        withAfter ? TimeRange.ALL : new TimeRange(Long.MIN_VALUE, window.toMillis());
    plan.meter.scan(scanned, plan.selection, history);
    return history;
  }

  @Override
  public void visit(SeriesBlock block) {
    int series = block.seriesId();
    if (block.lastTimestampMillis() < window.fromMillis()
        && block.lastTimestampMillis() < beforeMillis[series]) {
      return;
    }
    if (block.firstTimestampMillis() >= window.toMillis()
        && (afterMillis == null || block.firstTimestampMillis() > afterMillis[series])) {
      return;
    }
    int count = rows.read(block, true, true);
    for (int i = 0; i < count; i++) {
      long timestamp = rows.timestamps[i];
      int metadataId = rows.metadataIds[i];
      if (plan.metadataGroup != null && plan.metadataGroup[metadataId] < 0) {
        continue;
      }
      if (timestamp >= window.toMillis()) {
        // Later visits of an equal timestamp arrived later, so "<=" keeps the latest arrival.
        if (afterMillis == null || timestamp > afterMillis[series]) {
          break;
        }
        afterMillis[series] = timestamp;
        afterVolume[series] = rows.volumes[i];
        afterMetadata[series] = metadataId;
      } else if (timestamp < window.fromMillis()) {
        // Later visits of an equal timestamp arrived later, so ">=" keeps the latest arrival.
        if (timestamp >= beforeMillis[series]) {
          beforeMillis[series] = timestamp;
          beforeVolume[series] = rows.volumes[i];
          beforeMetadata[series] = metadataId;
        }
      } else {
        earliestInsideMillis = Math.min(earliestInsideMillis, timestamp);
        latestInsideMillis = Math.max(latestInsideMillis, timestamp);
        timestamps.add(timestamp);
        volumes.add(rows.volumes[i]);
        metadataIds.add(metadataId);
        seriesIds.add(series);
      }
    }
  }

  /**
   * Returns an instant at or before which every series' history inside the window begins: the
   * window's start when some series has a row before it, else the earliest row inside.
   *
   * @return epoch milliseconds, {@link Long#MAX_VALUE} when no series has a row before or inside
   */
  long earliestMillis() {
    for (long before : beforeMillis) {
      if (before != Long.MIN_VALUE) {
        return window.fromMillis();
      }
    }
    return earliestInsideMillis;
  }

  /**
   * Returns the end of what the rows up to the window's end decide: the window's end when some
   * series has a row after it, else just after the latest row inside.
   *
   * @return epoch milliseconds, exclusive; {@link Long#MIN_VALUE} when no series has a row inside
   *     or after the window
   */
  long latestEndMillis() {
    if (afterMillis != null) {
      for (long after : afterMillis) {
        if (after != Long.MAX_VALUE) {
          return window.toMillis();
        }
      }
    }
    return latestInsideMillis == Long.MIN_VALUE ? Long.MIN_VALUE : latestInsideMillis + 1;
  }

  /** Returns the group of a row of {@code series} with metadata id {@code metadataId}. */
  int groupOf(int series, int metadataId) {
    int metadataGroup = plan.metadataGroup == null ? 0 : plan.metadataGroup[metadataId];
    return plan.seriesGroup[series] * plan.metadataGroupCount + metadataGroup;
  }

  /**
   * Calls {@code consumer} once per series that has a row before or inside the window (or, when the
   * row after it was asked for, only after it).
   */
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
      boolean after = afterMillis != null && afterMillis[s] != Long.MAX_VALUE;
      if (!seen[s] && (beforeMillis[s] != Long.MIN_VALUE || after)) {
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
