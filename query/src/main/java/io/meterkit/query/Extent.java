package io.meterkit.query;

import io.meterkit.core.TimeRange;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesBlockVisitor;

/**
 * The time extent of a query's matching samples, found by a pre-pass over block summaries: the
 * exact earliest matching timestamp (the default anchor of a period grid) and an upper bound of the
 * latest (to size the grid).
 *
 * <p>Blocks inside the range whose rows all pass the metadata conditions and were all recorded by
 * the as-of instant answer from their summary; other blocks are decoded. Not thread-safe.
 */
final class Extent implements SeriesBlockVisitor {
  private final GroupPlan plan;
  private final TimeRange range;
  private final BlockRows rows;
  long earliestMillis = Long.MAX_VALUE;
  long latestBoundMillis = Long.MIN_VALUE;

  private Extent(GroupPlan plan, TimeRange range, long asOfMillis) {
    this.plan = plan;
    this.range = range;
    this.rows = new BlockRows(asOfMillis);
  }

  static Extent of(GroupPlan plan, TimeRange range, long asOfMillis) {
    Extent extent = new Extent(plan, range, asOfMillis);
    plan.meter.scan(range, plan.selection, extent);
    return extent;
  }

  boolean isEmpty() {
    return earliestMillis == Long.MAX_VALUE;
  }

  @Override
  public void visit(SeriesBlock block) {
    long first = block.firstTimestampMillis();
    long last = block.lastTimestampMillis();
    int constant = plan.metadataGroup == null ? 0 : block.constantMetadataId();
    if (constant >= 0 && plan.metadataGroup != null && plan.metadataGroup[constant] < 0) {
      return;
    }
    if (first >= range.fromMillis() && constant >= 0 && rows.keepsEveryRow(block)) {
      earliestMillis = Math.min(earliestMillis, first);
      latestBoundMillis = Math.max(latestBoundMillis, Math.min(last, range.toMillis() - 1));
      return;
    }
    int count = rows.read(block, false, constant < 0);
    long[] timestamps = rows.timestamps;
    for (int i = StatisticsExecutor.lowerBound(timestamps, count, range.fromMillis());
        i < count && timestamps[i] < range.toMillis();
        i++) {
      if (constant >= 0 || plan.metadataGroup[rows.metadataIds[i]] >= 0) {
        earliestMillis = Math.min(earliestMillis, timestamps[i]);
        latestBoundMillis = Math.max(latestBoundMillis, Math.min(last, range.toMillis() - 1));
        return;
      }
    }
  }
}
