package io.meterkit.store.spi;

/**
 * Receives the blocks of a scan, one at a time (see {@link MeterSnapshot#scan}).
 *
 * <p>Implementations are called on the scanning thread only; the block is valid during the call.
 */
@FunctionalInterface
public interface SeriesBlockVisitor {
  /**
   * Consumes one block.
   *
   * @param block a flyweight, valid only during this call
   */
  void visit(SeriesBlock block);
}
