package io.meterkit.query;

/**
 * The buckets of one statistics execution: a single bucket (no period), a fixed grid {@code [anchor
 * + k * width, anchor + (k + 1) * width)}, or a calendar grid given by its precomputed boundary
 * instants ({@code bounds[k]} to {@code bounds[k + 1]}).
 *
 * <p>Kernels find the bucket of a sorted run of timestamps by one {@link #bucketOf} and then walk
 * forward with {@link #endMillis}; a calendar grid is never asked anything of {@code java.time}.
 * Every row that makes a slot lies inside the grid ({@code 0 <= bucket < count()}); rows a filter
 * rejects may lie outside, and a kernel walks past them before it checks the filter, so a calendar
 * grid answers for them too: {@code -1} before its first boundary, {@code count()} after its last,
 * where the bucket after the last never ends. Immutable; the boundary array is never written after
 * construction.
 */
final class BucketGrid {
  /** One bucket holding everything: queries without a period. */
  static final BucketGrid SINGLE = new BucketGrid(0, 0, 0, null, 1);

  private final long anchorMillis;
  private final long widthMillis;
  private final long fixedSeconds;
  private final long[] bounds;
  private final long count;

  private BucketGrid(
      long anchorMillis, long widthMillis, long fixedSeconds, long[] bounds, long count) {
    this.anchorMillis = anchorMillis;
    this.widthMillis = widthMillis;
    this.fixedSeconds = fixedSeconds;
    this.bounds = bounds;
    this.count = count;
  }

  /** Returns the fixed grid of {@code count} buckets of {@code seconds} from {@code anchor}. */
  static BucketGrid fixed(long anchorMillis, long seconds, long count) {
    return new BucketGrid(anchorMillis, seconds * 1000L, seconds, null, count);
  }

  /** Returns the calendar grid of the sorted boundaries (one more than the buckets). */
  static BucketGrid calendar(long[] bounds) {
    return new BucketGrid(0, 0, 0, bounds, bounds.length - 1);
  }

  long count() {
    return count;
  }

  /** Returns whether this is the single bucket of a query without a period. */
  boolean isSingle() {
    return bounds == null && widthMillis == 0;
  }

  /** Returns the bucket holding {@code timestampMillis}; see the class comment beyond the grid. */
  long bucketOf(long timestampMillis) {
    if (bounds != null) {
      // The last boundary <= timestampMillis, by a lower-bound search for timestampMillis + 1.
      int low = 0;
      int high = bounds.length;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (bounds[middle] <= timestampMillis) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      return low - 1;
    }
    return widthMillis == 0 ? 0 : Math.floorDiv(timestampMillis - anchorMillis, widthMillis);
  }

  /** Returns the first instant of {@code bucket}; {@link Long#MIN_VALUE} for the single bucket. */
  long startMillis(long bucket) {
    if (bounds != null) {
      return bounds[(int) bucket];
    }
    return widthMillis == 0 ? Long.MIN_VALUE : anchorMillis + bucket * widthMillis;
  }

  /** Returns the first instant after {@code bucket}; {@link Long#MAX_VALUE} for the single one. */
  long endMillis(long bucket) {
    if (bounds != null) {
      return bucket < count ? bounds[(int) bucket + 1] : Long.MAX_VALUE;
    }
    return widthMillis == 0 ? Long.MAX_VALUE : anchorMillis + (bucket + 1) * widthMillis;
  }

  /** Returns the length of {@code bucket} in seconds; 0 for the single bucket. */
  long lengthSeconds(long bucket) {
    if (bounds != null) {
      return (bounds[(int) bucket + 1] - bounds[(int) bucket]) / 1000L;
    }
    return fixedSeconds;
  }
}
