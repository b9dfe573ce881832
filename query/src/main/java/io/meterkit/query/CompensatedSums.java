package io.meterkit.query;

import io.meterkit.core.Summation;
import java.util.Arrays;

/**
 * One compensated sum per slot (see {@link Summation}): a running sum and the low-order part its
 * additions rounded away, grown as slots are added to. A slot never added to sums to 0. Sums of two
 * executions merge by adding both parts. Not thread-safe while adding; read-only afterwards.
 */
final class CompensatedSums {
  private double[] sums = new double[16];
  private double[] compensations = new double[16];

  /** Adds {@code value} to {@code slot}. */
  void add(int slot, double value) {
    if (slot >= sums.length) {
      int grown = Math.max(slot + 1, sums.length * 2);
      sums = Arrays.copyOf(sums, grown);
      compensations = Arrays.copyOf(compensations, grown);
    }
    double running = sums[slot];
    double next = running + value;
    compensations[slot] += Summation.error(running, value, next);
    sums[slot] = next;
  }

  /** Returns the sum of {@code slot}. */
  double value(int slot) {
    return slot < sums.length ? sums[slot] + compensations[slot] : 0;
  }
}
