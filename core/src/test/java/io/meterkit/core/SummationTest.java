package io.meterkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SummationTest {

  /** A compensated sum, added exactly as the {@link Summation} Javadoc prescribes. */
  private static final class Compensated {
    double sum;
    double compensation;

    void add(double x) {
      double next = sum + x;
      compensation += Summation.error(sum, x, next);
      sum = next;
    }

    double result() {
      return sum + compensation;
    }

    BigDecimal exactPair() {
      return new BigDecimal(sum).add(new BigDecimal(compensation));
    }
  }

  @Test
  void sumsLargeOddIntegersExactlyWhereANaiveSumIsOff() {
    Compensated compensated = new Compensated();
    double naive = 0;
    BigInteger exact = BigInteger.ZERO;
    for (int i = 0; i < 10_000; i++) {
      double volume = 1e15 + (2 * i + 1);
      compensated.add(volume);
      naive += volume;
      exact = exact.add(BigInteger.valueOf((long) volume));
    }

    BigDecimal expected = new BigDecimal(exact);
    assertThat(exact).isEqualTo(new BigInteger("10000000000100000000"));
    assertThat(compensated.exactPair()).isEqualByComparingTo(expected);
    assertThat(compensated.result()).isEqualTo(expected.doubleValue());
    assertThat(new BigDecimal(naive)).isNotEqualByComparingTo(expected);
  }

  @Test
  void keepsThePairExactForIntegerVolumesUpTo1e15OfMixedSign() {
    long seed = 53;
    Random random = new Random(seed);
    Compensated compensated = new Compensated();
    BigInteger exact = BigInteger.ZERO;
    for (int i = 0; i < 100_000; i++) {
      long volume = (random.nextLong() % 1_000_000_000_000_000L) | 1;
      compensated.add(volume);
      exact = exact.add(BigInteger.valueOf(volume));
    }

    assertThat(compensated.exactPair())
        .as("seed %d", seed)
        .isEqualByComparingTo(new BigDecimal(exact));
  }

  @Test
  void recoversWhatCancellationDestroys() {
    Compensated compensated = new Compensated();
    double naive = 0;
    for (double x : new double[] {1.0, 1e100, 1.0, -1e100}) {
      compensated.add(x);
      naive += x;
    }

    assertThat(compensated.result()).isEqualTo(2.0);
    assertThat(naive).isEqualTo(0.0);
  }

  @Test
  void sumsTenTenthsToOne() {
    Compensated compensated = new Compensated();
    double naive = 0;
    for (int i = 0; i < 10; i++) {
      compensated.add(0.1);
      naive += 0.1;
    }

    assertThat(compensated.result()).isEqualTo(1.0);
    assertThat(naive).isNotEqualTo(1.0);
  }

  @Test
  void errorIsExactlyWhatTheRoundedSumLostWhicheverOperandIsLarger() {
    long seed = 0x5eedL;
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      double a = randomDouble(random);
      double b = randomDouble(random);
      double next = a + b;

      BigDecimal lost = new BigDecimal(a).add(new BigDecimal(b)).subtract(new BigDecimal(next));

      assertThat(new BigDecimal(Summation.error(a, b, next)))
          .as("seed %d: error(%s, %s)", seed, a, b)
          .isEqualByComparingTo(lost);
      assertThat(Summation.error(b, a, next))
          .as("seed %d: symmetric", seed)
          .isEqualTo(Summation.error(a, b, next));
    }
  }

  @Test
  void errorOfAnExactSumIsZero() {
    assertThat(Summation.error(1.0, 2.0, 3.0)).isZero();
    assertThat(Summation.error(0.0, -0.0, 0.0)).isZero();
    assertThat(Summation.error(1e15, 1.0, 1e15 + 1.0)).isZero();
  }

  private static double randomDouble(Random random) {
    double mantissa = random.nextDouble() * 2 - 1;
    return Math.scalb(mantissa, random.nextInt(120) - 60);
  }
}
