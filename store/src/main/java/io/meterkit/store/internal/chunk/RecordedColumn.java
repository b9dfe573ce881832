package io.meterkit.store.internal.chunk;

/**
 * When the rows of a {@link Chunk} were recorded, at second precision: seconds since the chunk's
 * earliest ({@code baseSeconds}), packed with one width for the whole chunk, in row order.
 *
 * <p>Immutable once constructed (the array is handed over, not copied).
 */
final class RecordedColumn {
  final long baseSeconds;
  final int bits;
  final long[] words;

  RecordedColumn(long baseSeconds, int bits, long[] words) {
    this.baseSeconds = baseSeconds;
    this.bits = bits;
    this.words = words;
  }

  /** Returns the greatest recorded-at time of the first {@code rows} rows, epoch milliseconds. */
  long latestMillis(int rows) {
    long latest = 0;
    for (int row = 0; row < rows; row++) {
      latest = Math.max(latest, BitPacking.get(words, (long) row * bits, bits));
    }
    return (baseSeconds + latest) * 1000L;
  }

  long millis(int row) {
    return (baseSeconds + BitPacking.get(words, (long) row * bits, bits)) * 1000L;
  }
}
