package io.meterkit.query;

import io.meterkit.core.Summation;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One sum of products {@code level * millis} per slot, as a double-double: every product is split
 * exactly into its rounded value and its error (with {@link Math#fma}), and both are added with
 * error-free transformations, so a slot carries about 106 significant bits. A slot never added to
 * sums to 0. Sums of two executions merge by adding both parts. Not thread-safe while adding;
 * read-only afterwards.
 */
final class IntegralSums {
  private double[] high = new double[16];
  private double[] low = new double[16];

  /** Adds {@code level * millis} to {@code slot}. */
  void add(int slot, double level, long millis) {
    if (slot >= high.length) {
      int grown = Math.max(slot + 1, high.length * 2);
      high = Arrays.copyOf(high, grown);
      low = Arrays.copyOf(low, grown);
    }
    double duration = millis;
    double product = level * duration;
    double productError = Math.fma(level, duration, -product);
    double sum = high[slot] + product;
    double sumError = Summation.error(high[slot], product, sum);
    high[slot] = sum;
    low[slot] += sumError + productError;
  }

  /** Returns the sum of {@code slot}, rounded to a double (level-milliseconds). */
  double value(int slot) {
    return slot < high.length ? high[slot] + low[slot] : 0;
  }

  /** Returns the sum of {@code slot} as carried, exactly (level-milliseconds). */
  BigDecimal exact(int slot) {
    return slot < high.length
        ? new BigDecimal(high[slot]).add(new BigDecimal(low[slot]))
        : BigDecimal.ZERO;
  }
}
