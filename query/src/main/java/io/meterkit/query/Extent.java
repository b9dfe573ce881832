package io.meterkit.query;

import io.meterkit.core.TimeRange;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesBlockVisitor;

/**
 * The time extent of a query's matching samples, found by a pre-pass over block summaries: the
 * exact earliest matching timestamp (the default anchor of a period grid) and an upper bound of the
 * latest (to size the grid).
 *
 * <p>Blocks inside the range whose rows all pass the metadata conditions answer from their summary;
 * other blocks are decoded. Not thread-safe.
 */
final class Extent implements SeriesBlockVisitor {
  private final GroupPlan plan;
  private final TimeRange range;
  private final long[] timestamps = new long[SeriesBlock.MAX_ROWS];
  private final int[] metadataIds = new int[SeriesBlock.MAX_ROWS];
  long earliestMillis = Long.MAX_VALUE;
  long latestBoundMillis = Long.MIN_VALUE;

  private Extent(GroupPlan plan, TimeRange range) {
    this.plan = plan;
    this.range = range;
  }

  static Extent of(GroupPlan plan, TimeRange range) {
    Extent extent = new Extent(plan, range);
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
    if (first >= range.fromMillis() && constant >= 0) {
      earliestMillis = Math.min(earliestMillis, first);
      latestBoundMillis = Math.max(latestBoundMillis, Math.min(last, range.toMillis() - 1));
      return;
    }
    int rows = block.rowCount();
    block.readTimestamps(timestamps, 0);
    if (constant < 0) {
      block.readMetadataIds(metadataIds, 0);
    }
    for (int i = StatisticsExecutor.lowerBound(timestamps, rows, range.fromMillis());
        i < rows && timestamps[i] < range.toMillis();
        i++) {
      if (constant >= 0 || plan.metadataGroup[metadataIds[i]] >= 0) {
        earliestMillis = Math.min(earliestMillis, timestamps[i]);
        latestBoundMillis = Math.max(latestBoundMillis, Math.min(last, range.toMillis() - 1));
        return;
      }
    }
  }
}
