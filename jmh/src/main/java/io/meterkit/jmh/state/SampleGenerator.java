package io.meterkit.jmh.state;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Generates the benchmark data: {@code cpu_util} gauge samples of the {@link Fleet}, in the order a
 * collector would deliver them.
 *
 * <p>Every resource is polled every {@link #INTERVAL_MILLIS} from {@link #EPOCH_MILLIS} on, at its
 * own phase within the interval and with ±2 s of jitter, so that the samples of interval {@code k}
 * all lie in {@code [EPOCH + k * 5 min, EPOCH + (k + 1) * 5 min)}. Volumes are full-precision
 * percentages in (0, 100]: a per-resource base level and daily cycle times multiplicative,
 * mean-reverting noise (the exponential of an AR(1) process), capped at 100, like Ceilometer's
 * {@code cpu_util}. About 1% of the samples are delivered late, 1 to 15 minutes after they were
 * measured, hence out of order. Samples carry no metadata and no client message id.
 *
 * <p>The result depends only on {@link Fleet#SEED} and the count. Thread-safe: stateless.
 */
public final class SampleGenerator {
  /** The meter name. */
  public static final String METER = "cpu_util";

  /** The meter unit. */
  public static final String UNIT = "%";

  /** The first polling interval starts here: 2026-01-01T00:00:00Z. */
  public static final long EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  /** The polling interval: 5 minutes. */
  public static final long INTERVAL_MILLIS = 300_000;

  private static final long DAY_MILLIS = 86_400_000;
  private static final double LATE_FRACTION = 0.01;
  private static final double NOISE_MEMORY = 0.9;

  private SampleGenerator() {}

  /**
   * Returns the number of polling intervals {@code count} samples span.
   *
   * @param count number of samples, >= 0
   * @return the intervals, the last possibly partial
   */
  public static long intervals(int count) {
    return (count + Fleet.RESOURCES - 1) / Fleet.RESOURCES;
  }

  /**
   * Generates {@code count} samples in delivery order.
   *
   * @param count number of samples, >= 0
   * @return a new mutable list
   */
  public static List<Sample> generate(int count) {
    List<Sample> out = new ArrayList<>(count);
    stream(count).forEach(out::add);
    return out;
  }

  /**
   * Returns the samples of {@link #generate(int)} without holding them: each iteration generates
   * them again, one by one, so that loading a store does not need the whole list in memory.
   *
   * @param count number of samples, >= 0
   * @return an iterable over the same samples, in the same order, as {@link #generate(int)}
   */
  public static Iterable<Sample> stream(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got: " + count);
    }
    return () -> new Cursor(count);
  }

  /** Generates samples in poll order and releases them in delivery order. */
  private static final class Cursor implements Iterator<Sample> {
    private final Fleet fleet = Fleet.DEFAULT;
    private final int count;
    private final SplittableRandom random;
    private final double[] drift = new double[Fleet.RESOURCES];
    private final PriorityQueue<Late> late = new PriorityQueue<>();
    private final ArrayDeque<Sample> ready = new ArrayDeque<>();
    private int made;

    Cursor(int count) {
      this.count = count;
      this.random = new SplittableRandom(Fleet.SEED + count);
    }

    @Override
    public boolean hasNext() {
      return !ready.isEmpty() || made < count || !late.isEmpty();
    }

    @Override
    public Sample next() {
      while (ready.isEmpty()) {
        if (made < count) {
          poll();
        } else if (!late.isEmpty()) {
          ready.add(late.poll().sample);
        } else {
          throw new NoSuchElementException();
        }
      }
      return ready.poll();
    }

    /** Polls the next resource; queues late samples delivered by then, then its own. */
    private void poll() {
      long interval = made / Fleet.RESOURCES;
      int r = fleet.pollOrder[made % Fleet.RESOURCES];
      long timestamp =
          EPOCH_MILLIS
              + interval * INTERVAL_MILLIS
              + fleet.phaseMillis[r]
              + random.nextLong(-2_000, 2_001);
      drift[r] = NOISE_MEMORY * drift[r] + fleet.noise[r] * random.nextGaussian();
      Sample sample = sample(fleet, r, timestamp, volume(fleet, r, timestamp, drift[r]));
      while (!late.isEmpty() && late.peek().deliveredMillis <= timestamp) {
        ready.add(late.poll().sample);
      }
      if (random.nextDouble() < LATE_FRACTION) {
        late.add(new Late(timestamp + random.nextLong(60_000, 900_001), made, sample));
      } else {
        ready.add(sample);
      }
      made++;
    }
  }

  private static double volume(Fleet fleet, int r, long timestamp, double drift) {
    double dayAngle = 2 * Math.PI * Math.floorMod(timestamp, DAY_MILLIS) / DAY_MILLIS;
    double level =
        fleet.baseLevel[r] + fleet.dailyAmplitude[r] * Math.sin(dayAngle + fleet.dailyPhase[r]);
    return Math.min(100, level * Math.exp(drift));
  }

  private static Sample sample(Fleet fleet, int r, long timestamp, double volume) {
    return new Sample(
        METER,
        MeterType.GAUGE,
        UNIT,
        volume,
        timestamp,
        fleet.resourceIds[r],
        fleet.projectOfResource[r],
        fleet.userOfResource[r],
        fleet.sourceOfResource[r],
        Map.of(),
        null);
  }

  /** A sample held back until its delivery time; ties keep generation order. */
  private record Late(long deliveredMillis, int sequence, Sample sample)
      implements Comparable<Late> {
    @Override
    public int compareTo(Late other) {
      int c = Long.compare(deliveredMillis, other.deliveredMillis);
      return c != 0 ? c : Integer.compare(sequence, other.sequence);
    }
  }
}
