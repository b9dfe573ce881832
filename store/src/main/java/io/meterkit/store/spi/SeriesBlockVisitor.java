package io.meterkit.store.spi;

/**
 * Receives the blocks of a scan, one at a time (see {@link MeterSnapshot#scan}), and, before the
 * blocks of a chunk that lies wholly inside the scan's range, the chunk's summary.
 *
 * <p>Implementations are called on the scanning thread only; the block or summary is valid during
 * the call.
 */
@FunctionalInterface
public interface SeriesBlockVisitor {
  /**
   * Consumes one block.
   *
   * @param block a flyweight, valid only during this call
   */
  void visit(SeriesBlock block);

  /**
   * Offers a chunk whose every row lies inside the scan's range and which holds a selected series,
   * before its blocks. Returning true consumes the chunk: the scan then visits none of its blocks,
   * and the visitor must have folded every selected row of it from the summary (the totals when
   * {@link ChunkSummary#allSelected()}, else the selected series). Returning false has the scan
   * visit the chunk's selected blocks as usual.
   *
   * <p>The default declines every chunk.
   *
   * @param chunk a flyweight, valid only during this call
   * @return true when the chunk was folded whole
   */
  default boolean visitChunk(ChunkSummary chunk) {
    return false;
  }
}
