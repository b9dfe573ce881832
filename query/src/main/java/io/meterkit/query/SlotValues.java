package io.meterkit.query;

/**
 * The finished aggregates of every slot of one statistics execution, as the result rows read them:
 * the sample accumulators, the spread sums of the billing aggregates, the selected percentiles, and
 * the bounds durations are clamped to.
 *
 * <p>Values that a slot does not define are NaN (the mean, extremes, deviation and percentiles of a
 * slot without samples; the time-weighted average of a slot without a level). Immutable once built:
 * nothing writes the arrays it reads, so any number of threads may read it.
 */
final class SlotValues {
  private final Accumulators accumulators;
  private final TimeSpread spread; // null without increase, integral and twa
  private final double[] percentiles; // [slot * percentileCount + p]; null without percentiles
  private final int percentileCount;
  private final long clampStartMillis; // the start bound's value as given, or Long.MIN_VALUE
  private final long clampEndMillis; // the end bound's value as given, or Long.MAX_VALUE

  SlotValues(
      Accumulators accumulators,
      TimeSpread spread,
      double[] percentiles,
      int percentileCount,
      long clampStartMillis,
      long clampEndMillis) {
    this.accumulators = accumulators;
    this.spread = spread;
    this.percentiles = percentiles;
    this.percentileCount = percentileCount;
    this.clampStartMillis = clampStartMillis;
    this.clampEndMillis = clampEndMillis;
  }

  long count(int slot) {
    return accumulators.count(slot);
  }

  double sum(int slot) {
    return accumulators.count(slot) == 0 ? 0 : accumulators.total(slot);
  }

  double avg(int slot) {
    long count = accumulators.count(slot);
    return count == 0 ? Double.NaN : accumulators.total(slot) / count;
  }

  double min(int slot) {
    return accumulators.count(slot) == 0 ? Double.NaN : accumulators.min(slot);
  }

  double max(int slot) {
    return accumulators.count(slot) == 0 ? Double.NaN : accumulators.max(slot);
  }

  double stddev(int slot) {
    return accumulators.mean == null || accumulators.count(slot) == 0
        ? Double.NaN
        : accumulators.deviation(slot);
  }

  long distinct(int dimensionSlot, int slot) {
    return accumulators.distinctCount(dimensionSlot, slot);
  }

  double increase(int slot) {
    return spread.increase.value(slot);
  }

  /** Returns the integral in unit-seconds. */
  double integral(int slot) {
    return spread.integral.value(slot) / 1000.0;
  }

  double twa(int slot) {
    long covered = spread.coveredMillis(slot);
    return covered == 0 ? Double.NaN : spread.integral.value(slot) / covered;
  }

  double percentile(int slot, int p) {
    return percentiles[slot * percentileCount + p];
  }

  /** Returns whether the slot's clamped durations exist: it has samples, and clamping left some. */
  boolean hasDuration(int slot) {
    return accumulators.count(slot) > 0 && durationStart(slot) <= durationEnd(slot);
  }

  long durationStart(int slot) {
    return Math.max(accumulators.first(slot), clampStartMillis);
  }

  long durationEnd(int slot) {
    return Math.min(accumulators.last(slot), clampEndMillis);
  }
}
