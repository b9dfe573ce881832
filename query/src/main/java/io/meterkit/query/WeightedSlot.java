package io.meterkit.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * One row of a time-weighted result: a group's level integrated over one slot.
 *
 * <p>Immutable and thread-safe.
 *
 * @param groupBy group-by label to value, or null without group-by
 * @param slotStartMillis the slot's first instant, epoch milliseconds UTC
 * @param slotEndMillis the instant after the slot (exclusive)
 * @param integral the level integrated over the slot, in value-milliseconds, exact to about 106
 *     bits (double-double accumulation)
 */
public record WeightedSlot(
    Map<String, String> groupBy, long slotStartMillis, long slotEndMillis, BigDecimal integral) {
  /**
   * Returns the slot's time-weighted average level: the integral divided by the slot length.
   *
   * @return the average, to 34 significant digits
   */
  public BigDecimal average() {
    return integral.divide(
        BigDecimal.valueOf(slotEndMillis - slotStartMillis), MathContext.DECIMAL128);
  }
}
