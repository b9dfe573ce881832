package io.meterkit.store.kafka;

import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.store.StoredSample;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesSelection;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What stores hold, in forms two sets of stores can be compared by: every row as one line of text
 * (meter, owner, timestamp, the volume's bits, metadata, recorded-at, and the client message id
 * when the sample came with one), sorted; and per (meter, project) the count, the sum, min and max
 * of the volumes folded from the blocks' summaries.
 *
 * <p>Ids the store assigned name a row's place in one store (its meter ordinal and series id), so
 * they differ between a shard and a single store, where a row without a client id is rendered
 * without its id; two shards of one partition at one position hold the same assigned ids.
 */
final class Rows {
  private Rows() {}

  /** Every row of the stores, as sorted lines, with every message id (assigned ones included). */
  static List<String> withEveryId(Collection<StoreSnapshot> stores) {
    return of(stores, null);
  }

  /** Every row of the stores, as sorted lines, with the message ids in {@code clientIds} only. */
  static List<String> of(Collection<StoreSnapshot> stores, Set<String> clientIds) {
    List<String> rows = new ArrayList<>();
    for (StoreSnapshot store : stores) {
      for (MeterSnapshot meter : store.meters()) {
        meter.scan(
            TimeRange.ALL,
            SeriesSelection.all(),
            block -> {
              for (int row = 0; row < block.rowCount(); row++) {
                rows.add(line(meter, block.sample(row), clientIds));
              }
            });
      }
    }
    rows.sort(null);
    return rows;
  }

  private static String line(MeterSnapshot meter, StoredSample stored, Set<String> ids) {
    Sample s = stored.sample();
    return String.join(
        "|",
        meter.name(),
        meter.type().name(),
        meter.unit(),
        s.resourceId(),
        String.valueOf(s.projectId()),
        String.valueOf(s.userId()),
        String.valueOf(s.source()),
        String.valueOf(s.timestampMillis()),
        Long.toHexString(Double.doubleToRawLongBits(s.volume())),
        s.metadata().toString(),
        String.valueOf(stored.recordedAtMillis()),
        ids == null || ids.contains(s.messageId()) ? s.messageId() : "-");
  }

  /** Per "meter project": count, sum, min and max from the block summaries, as text. */
  static Map<String, String> totals(Collection<StoreSnapshot> stores) {
    Map<String, double[]> totals = new TreeMap<>();
    for (StoreSnapshot store : stores) {
      for (MeterSnapshot meter : store.meters()) {
        meter.scan(
            TimeRange.ALL, SeriesSelection.all(), block -> fold(store, meter, block, totals));
      }
    }
    Map<String, String> text = new TreeMap<>();
    totals.forEach(
        (key, t) ->
            text.put(
                key, "count=" + (long) t[0] + " sum=" + t[1] + " min=" + t[2] + " max=" + t[3]));
    return text;
  }

  private static void fold(
      StoreSnapshot store, MeterSnapshot meter, SeriesBlock block, Map<String, double[]> totals) {
    String project = store.projectIds().valueOf(meter.projectIdOf(block.seriesId()));
    double[] t =
        totals.computeIfAbsent(
            meter.name() + " " + project,
            k -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
    t[0] += block.rowCount();
    t[1] += block.volumeSum() + block.volumeSumCompensation();
    t[2] = Math.min(t[2], block.volumeMin());
    t[3] = Math.max(t[3], block.volumeMax());
  }
}
