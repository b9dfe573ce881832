package io.meterkit.jmh.state;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Samples of the {@link Fleet} that continue a data set in time: sample {@code k} polls resource
 * {@code k mod 1,000} (in polling order) in interval {@code k / 1,000} after the data set's last,
 * with a volume that cycles through (0, 100]. The data of a live store, arriving after what the
 * benchmark queries ask about.
 *
 * <p>Not thread-safe: one per ingesting thread.
 */
public final class LiveFeed {
  private final Fleet fleet = Fleet.DEFAULT;
  private final long startMillis;
  private long next;

  /**
   * Starts after {@code size} samples of {@link SampleGenerator}.
   *
   * @param size the data set's size
   */
  public LiveFeed(int size) {
    this.startMillis =
        SampleGenerator.EPOCH_MILLIS
            + SampleGenerator.intervals(size) * SampleGenerator.INTERVAL_MILLIS;
  }

  /**
   * Returns the first timestamp this feed can produce.
   *
   * @return epoch milliseconds, at or after the end of the data set
   */
  public long startMillis() {
    return startMillis;
  }

  /**
   * Returns the next {@code count} samples.
   *
   * @param count how many
   * @return a new list
   */
  public List<Sample> next(int count) {
    List<Sample> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++, next++) {
      int r = fleet.pollOrder[(int) (next % Fleet.RESOURCES)];
      long interval = next / Fleet.RESOURCES;
      batch.add(
          new Sample(
              SampleGenerator.METER,
              MeterType.GAUGE,
              SampleGenerator.UNIT,
              1 + next % 100,
              startMillis + interval * SampleGenerator.INTERVAL_MILLIS + fleet.phaseMillis[r],
              fleet.resourceIds[r],
              fleet.projectOfResource[r],
              fleet.userOfResource[r],
              fleet.sourceOfResource[r],
              Map.of(),
              null));
    }
    return batch;
  }
}
