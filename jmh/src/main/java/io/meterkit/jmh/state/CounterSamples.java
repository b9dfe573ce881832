package io.meterkit.jmh.state;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.util.Iterator;
import java.util.Map;

/**
 * The cumulative counter of the billing benchmarks, derived from the generated gauge samples: for
 * each {@code cpu_util} sample, a {@value #METER} sample of the same series and time whose volume
 * is {@code ((t - EPOCH) / 1000 * rate) mod 1,000,000} bytes, {@code rate} = 1..5 B/s by resource.
 * It grows with time and wraps around (a reset) every 2.3 to 11.6 days, so increases see resets;
 * late gauge samples give late counter samples.
 *
 * <p>Thread-safe: stateless.
 */
public final class CounterSamples {
  /** The counter's meter name. */
  public static final String METER = "disk.read.bytes";

  /** The counter's unit. */
  public static final String UNIT = "B";

  /** Where the counter wraps around to 0. */
  public static final long WRAP = 1_000_000;

  private CounterSamples() {}

  /**
   * Returns the counter sample for a gauge sample.
   *
   * @param gauge a generated {@code cpu_util} sample
   * @return the counter sample of the same series and time
   */
  public static Sample of(Sample gauge) {
    long rate = 1 + Math.floorMod(gauge.resourceId().hashCode(), 5);
    long seconds = (gauge.timestampMillis() - SampleGenerator.EPOCH_MILLIS) / 1000;
    return new Sample(
        METER,
        MeterType.CUMULATIVE,
        UNIT,
        (seconds * rate) % WRAP,
        gauge.timestampMillis(),
        gauge.resourceId(),
        gauge.projectId(),
        gauge.userId(),
        gauge.source(),
        Map.of(),
        null);
  }

  /**
   * Returns the counter samples of some gauge samples, in their order, derived on the fly.
   *
   * @param gauges generated {@code cpu_util} samples
   * @return the counter samples
   */
  public static Iterable<Sample> of(Iterable<Sample> gauges) {
    return () ->
        new Iterator<>() {
          private final Iterator<Sample> source = gauges.iterator();

          @Override
          public boolean hasNext() {
            return source.hasNext();
          }

          @Override
          public Sample next() {
            return of(source.next());
          }
        };
  }
}
