package io.meterkit.store.internal.chunk;

import java.util.Arrays;

/**
 * The tie ordinals of the rare rows of a {@link Chunk} that share their series and millisecond with
 * an earlier row (every other row has ordinal 0): two parallel arrays, sorted by row.
 *
 * <p>Immutable once constructed (the arrays are handed over, not copied).
 */
final class TieOrdinals {
  final int[] rows;
  final int[] ordinals;

  TieOrdinals(int[] rows, int[] ordinals) {
    this.rows = rows;
    this.ordinals = ordinals;
  }

  int of(int row) {
    int index = Arrays.binarySearch(rows, row);
    return index >= 0 ? ordinals[index] : 0;
  }
}
