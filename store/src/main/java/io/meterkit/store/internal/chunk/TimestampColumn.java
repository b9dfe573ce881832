package io.meterkit.store.internal.chunk;

/**
 * The timestamps of a {@link Chunk}, per block: the first one is the block's first timestamp (kept
 * in its {@link BlockIndex}); each following one is stored as its delta to the previous one minus
 * the block's smallest delta (frame of reference), packed in {@code bits[block]} bits from bit
 * {@code bitOffset[block]} of {@code words}. A series sampled every 5 minutes with a second of
 * jitter needs 11 bits per row; evenly spaced rows need none.
 *
 * <p>Immutable once constructed (the arrays are handed over, not copied).
 */
final class TimestampColumn {
  final long[] minDelta;
  final byte[] bits;
  final int[] bitOffset;
  final long[] words;

  TimestampColumn(long[] minDelta, byte[] bits, int[] bitOffset, long[] words) {
    this.minDelta = minDelta;
    this.bits = bits;
    this.bitOffset = bitOffset;
    this.words = words;
  }

  /** Decodes the {@code rows} timestamps of {@code block}, starting at {@code first}. */
  void read(int block, int rows, long first, long[] target, int offset) {
    long timestamp = first;
    target[offset] = timestamp;
    int width = bits[block];
    long delta0 = minDelta[block];
    if (width == 0) {
      for (int i = 1; i < rows; i++) {
        timestamp += delta0;
        target[offset + i] = timestamp;
      }
      return;
    }
    long bit = bitOffset[block];
    int lastWord = words.length - 1;
    long mask = width == 64 ? -1L : (1L << width) - 1;
    for (int i = 1; i < rows; i++) {
      // The value starts at bit `shift` of words[index] and may continue into the next word.
      // (next << 1) << (63 - shift) is next << (64 - shift) for shift 1..63, and 0 for shift 0
      // (a plain shift by 64 would be a shift by 0), so no branch on straddling is needed.
      int index = (int) (bit >>> 6);
      int shift = (int) (bit & 63);
      long next = index < lastWord ? words[index + 1] : 0L;
      long delta = ((words[index] >>> shift) | ((next << 1) << (63 - shift))) & mask;
      timestamp += delta0 + delta;
      bit += width;
      target[offset + i] = timestamp;
    }
  }
}
