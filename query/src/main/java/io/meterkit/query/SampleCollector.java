package io.meterkit.query;

import io.meterkit.store.StoredSample;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesBlockVisitor;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Runs a {@link SampleQuery}: scans the selected meters and keeps the newest {@code limit} matching
 * rows (recorded by the as-of instant) in a bounded heap, materialising a row only when it can
 * enter the page, and skipping whole blocks older than the page's oldest row once the page is full.
 * Not thread-safe.
 */
final class SampleCollector implements SeriesBlockVisitor {
  /** Newest first, then meter, resource and message id ascending. */
  static final Comparator<StoredSample> ORDER =
      Comparator.comparingLong((StoredSample s) -> s.sample().timestampMillis())
          .reversed()
          .thenComparing(s -> s.sample().meterName())
          .thenComparing(s -> s.sample().resourceId())
          .thenComparing(s -> s.sample().messageId());

  private final SampleQuery query;
  private final PriorityQueue<StoredSample> page; // worst on top
  private final BlockRows rows;
  private GroupPlan plan;

  private SampleCollector(SampleQuery query) {
    this.query = query;
    this.page = new PriorityQueue<>(ORDER.reversed());
    this.rows = new BlockRows(query.asOfMillis());
  }

  static List<StoredSample> execute(StoreSnapshot store, SampleQuery query) {
    SampleCollector collector = new SampleCollector(query);
    List<MeterSnapshot> meters =
        query.meter().isPresent()
            ? store.meter(query.meter().get()).map(List::of).orElse(List.of())
            : store.meters();
    for (MeterSnapshot meter : meters) {
      collector.plan = GroupPlan.compile(store, meter, query.filter(), List.of());
      if (!collector.plan.isEmpty()) {
        meter.scan(query.range(), collector.plan.selection, collector);
      }
    }
    List<StoredSample> samples = new ArrayList<>(collector.page);
    samples.sort(ORDER);
    return samples;
  }

  @Override
  public void visit(SeriesBlock block) {
    boolean full = page.size() >= query.limit();
    if (full && block.lastTimestampMillis() < page.peek().sample().timestampMillis()) {
      return;
    }
    boolean filterMetadata = plan.metadataGroup != null;
    int count = rows.read(block, false, filterMetadata);
    long[] timestamps = rows.timestamps;
    for (int i = StatisticsExecutor.lowerBound(timestamps, count, query.range().fromMillis());
        i < count && timestamps[i] < query.range().toMillis();
        i++) {
      if (filterMetadata && plan.metadataGroup[rows.metadataIds[i]] < 0) {
        continue;
      }
      if (page.size() >= query.limit() && timestamps[i] < page.peek().sample().timestampMillis()) {
        continue;
      }
      StoredSample sample = block.sample(rows.rowIndex(i));
      if (page.size() < query.limit()) {
        page.add(sample);
      } else if (ORDER.compare(sample, page.peek()) < 0) {
        page.poll();
        page.add(sample);
      }
    }
  }
}
