package io.meterkit.store.internal.chunk;

/**
 * Reads and writes unsigned integers of a fixed bit width packed back to back into a {@code
 * long[]}, least significant bits first.
 *
 * <p>Value {@code i} of a run that starts at bit {@code offset} occupies bits {@code [offset + i *
 * width, offset + (i + 1) * width)}. A value may straddle two words; {@link #get} then combines the
 * high bits of the first word with the low bits of the next. Width 0 stores nothing: every value is
 * 0. Thread-safe: stateless.
 */
final class BitPacking {
  private BitPacking() {}

  /**
   * Returns the number of bits needed to hold every value in {@code [0, maxValue]}.
   *
   * @param maxValue the largest value, treated as unsigned
   * @return 0 for 0, else {@code 64 - numberOfLeadingZeros(maxValue)}
   */
  static int bitsFor(long maxValue) {
    return 64 - Long.numberOfLeadingZeros(maxValue);
  }

  /**
   * Returns the number of words needed to hold {@code bits} bits.
   *
   * @param bits a bit count, non-negative
   * @return {@code ceil(bits / 64)}
   */
  static int wordsFor(long bits) {
    return (int) ((bits + 63) >>> 6);
  }

  /**
   * Writes {@code value}'s low {@code width} bits at {@code bitOffset}; the target bits must be 0.
   *
   * @param words the packed storage, large enough for {@code bitOffset + width} bits
   * @param bitOffset where the value starts
   * @param width bits per value, 0..64
   * @param value the value; only its low {@code width} bits are written
   */
  static void put(long[] words, long bitOffset, int width, long value) {
    if (width == 0) {
      return;
    }
    long masked = width == 64 ? value : value & ((1L << width) - 1);
    int word = (int) (bitOffset >>> 6);
    int shift = (int) (bitOffset & 63);
    words[word] |= masked << shift;
    // The value straddles a word boundary when its bits end past bit 64 of the first word.
    if (shift + width > 64) {
      words[word + 1] |= masked >>> (64 - shift);
    }
  }

  /**
   * Reads the {@code width}-bit value stored at {@code bitOffset}.
   *
   * @param words the packed storage
   * @param bitOffset where the value starts
   * @param width bits per value, 0..64
   * @return the value, zero-extended
   */
  static long get(long[] words, long bitOffset, int width) {
    if (width == 0) {
      return 0L;
    }
    int word = (int) (bitOffset >>> 6);
    int shift = (int) (bitOffset & 63);
    long value = words[word] >>> shift;
    if (shift + width > 64) {
      value |= words[word + 1] << (64 - shift);
    }
    return width == 64 ? value : value & ((1L << width) - 1);
  }
}
