package io.meterkit.store.internal.chunk;

/**
 * The metadata ids of a {@link Chunk}, per block: each id minus the block's smallest ({@code
 * base[block]}), packed in {@code bits[block]} bits from bit {@code bitOffset[block]} of {@code
 * words}. A block whose rows share one metadata map needs 0 bits per row.
 *
 * <p>Immutable once constructed (the arrays are handed over, not copied).
 */
final class MetadataColumn {
  final int[] base;
  final byte[] bits;
  final int[] bitOffset;
  final long[] words;

  MetadataColumn(int[] base, byte[] bits, int[] bitOffset, long[] words) {
    this.base = base;
    this.bits = bits;
    this.bitOffset = bitOffset;
    this.words = words;
  }

  /** Decodes the {@code rows} metadata ids of {@code block}. */
  void read(int block, int rows, int[] target, int offset) {
    int smallest = base[block];
    int width = bits[block];
    long bit = bitOffset[block];
    for (int i = 0; i < rows; i++) {
      target[offset + i] = smallest + (int) BitPacking.get(words, bit, width);
      bit += width;
    }
  }

  /** Returns the id every row of {@code block} shares, or -1 when they differ. */
  int constant(int block) {
    return bits[block] == 0 ? base[block] : -1;
  }
}
