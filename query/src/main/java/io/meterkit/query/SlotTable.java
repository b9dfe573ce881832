package io.meterkit.query;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;

/**
 * Maps (group, bucket) pairs to dense accumulator slots, allocating a slot on first use.
 *
 * <p>When the grid of every possible pair is small (at most {@link #DENSE_LIMIT} cells) the map is
 * a plain {@code int[]} indexed by {@code group * bucketCount + bucket}; otherwise a primitive hash
 * map keyed by {@code group << 32 | bucket}, with the key of every slot kept. A dense table keeps
 * no keys while slots are added (its result rows come from walking the cells in order); asked for a
 * slot's group or bucket, it derives every key once. Slots are numbered in order of first use. Not
 * thread-safe.
 */
final class SlotTable {
  static final long DENSE_LIMIT = 1 << 22;

  private final long bucketCount;
  private final int[] dense;
  private final Long2IntOpenHashMap sparse;
  private long[] keys; // per slot of a sparse table: group << 32 | bucket
  private int size;

  /**
   * Creates a table for {@code groupCount} groups and buckets {@code 0..bucketCount - 1}; a
   * non-positive {@code bucketCount} means the bucket range is unknown (sparse).
   */
  SlotTable(long groupCount, long bucketCount) {
    this.bucketCount = bucketCount;
    if (bucketCount > 0 && groupCount <= DENSE_LIMIT && groupCount * bucketCount <= DENSE_LIMIT) {
      dense = new int[(int) (groupCount * bucketCount)];
      Arrays.fill(dense, -1);
      sparse = null;
    } else {
      dense = null;
      sparse = new Long2IntOpenHashMap();
      sparse.defaultReturnValue(-1);
      keys = new long[64];
    }
  }

  /** Returns the slot of (group, bucket), allocating it when new; {@link #size()} grows then. */
  int slot(int group, long bucket) {
    if (dense != null) {
      int cell = (int) (group * bucketCount + bucket);
      int slot = dense[cell];
      if (slot < 0) {
        slot = size++;
        dense[cell] = slot;
      }
      return slot;
    }
    long key = ((long) group << 32) | bucket;
    int slot = sparse.get(key);
    if (slot < 0) {
      slot = allocate(group, bucket);
      sparse.put(key, slot);
    }
    return slot;
  }

  private int allocate(int group, long bucket) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size] = ((long) group << 32) | bucket;
    return size++;
  }

  /** Returns whether slots are found by direct indexing (every bucket index is known). */
  boolean isDense() {
    return dense != null;
  }

  /** Returns the number of buckets per group of a dense table. */
  long bucketCount() {
    return bucketCount;
  }

  /** Returns the number of groups of a dense table. */
  long groupCount() {
    return bucketCount == 0 ? 0 : dense.length / bucketCount;
  }

  /** Returns the slot of (group, bucket) of a dense table, or -1 when it was never used. */
  int existingSlot(int group, long bucket) {
    return dense[(int) (group * bucketCount + bucket)];
  }

  int size() {
    return size;
  }

  int groupOf(int slot) {
    return (int) (keys()[slot] >>> 32);
  }

  long bucketOf(int slot) {
    return keys()[slot] & 0xFFFFFFFFL;
  }

  private long[] keys() {
    if (dense != null && (keys == null || keys.length < size)) {
      keys = new long[size];
      for (int cell = 0; cell < dense.length; cell++) {
        if (dense[cell] >= 0) {
          keys[dense[cell]] = ((cell / bucketCount) << 32) | (cell % bucketCount);
        }
      }
    }
    return keys;
  }
}
