package io.meterkit.core;

/**
 * Compensated (Neumaier) summation, the one way meterkit adds volumes.
 *
 * <p>A sum is kept as an unevaluated pair {@code (sum, compensation)}: {@code sum} is the running
 * floating-point total and {@code compensation} collects, exactly in most cases, the low-order bits
 * every addition rounded away. The result is {@code sum + compensation}. For integer volumes the
 * pair is exact as long as the total stays below 2<sup>53</sup> in magnitude and the compensation
 * does too, which covers billing volumes of 10<sup>15</sup> and more per sample; for other volumes
 * the error no longer grows with the number of terms. To add {@code x}:
 *
 * <pre>{@code
 * double next = sum + x;
 * compensation += Summation.error(sum, x, next);
 * sum = next;
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class Summation {
  private Summation() {}

  /**
   * Returns the rounding error of {@code next = a + b}: {@code (a + b) - next} computed exactly
   * (Neumaier's variant of the Fast2Sum transformation, which needs no ordering of the operands).
   *
   * @param a one addend
   * @param b the other addend
   * @param next the rounded sum {@code a + b}
   * @return the part of the exact sum that {@code next} lost
   */
  public static double error(double a, double b, double next) {
    return Math.abs(a) >= Math.abs(b) ? (a - next) + b : (b - next) + a;
  }
}
