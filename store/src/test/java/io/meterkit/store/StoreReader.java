package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import io.meterkit.core.Sample;
import io.meterkit.core.Summation;
import io.meterkit.core.TimeRange;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesSelection;
import io.meterkit.store.spi.StoreSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a {@link StoreSnapshot} back through its public API only, checking on the way that every
 * block a scan visits is consistent: its summary against its decoded rows, its rows sorted by time,
 * its series selected and its time bounds overlapping the range.
 */
final class StoreReader {
  private static final int OFFSET = 3; // decode at an offset, to check the offset parameter

  private StoreReader() {}

  /** Everything a snapshot shows, as one comparable value. */
  record Contents(
      List<String> meterNames,
      long sampleCount,
      Map<String, List<StoredSample>> seriesInTimeOrder,
      List<Resource> resources,
      List<Meter> meterCatalog) {}

  static Contents contents(String context, StoreSnapshot snapshot) {
    List<StoredSample> rows = new ArrayList<>();
    for (MeterSnapshot meter : snapshot.meters()) {
      rows.addAll(scan(context, snapshot, meter, TimeRange.ALL, SeriesSelection.all()));
    }
    return new Contents(
        snapshot.meterNames(),
        snapshot.sampleCount(),
        inTimeOrder(rows),
        snapshot.resources(),
        snapshot.meterCatalog());
  }

  /**
   * Groups rows by series (meter, resource, project, user, source) and sorts each group stably by
   * timestamp, so rows with equal timestamps keep the order they came in.
   */
  static Map<String, List<StoredSample>> inTimeOrder(List<StoredSample> rows) {
    Map<String, List<StoredSample>> series = new TreeMap<>();
    for (StoredSample row : rows) {
      series
          .computeIfAbsent(
              ReferenceStore.seriesKey(row.sample()).toString(), k -> new ArrayList<>())
          .add(row);
    }
    for (List<StoredSample> group : series.values()) {
      group.sort(Comparator.comparingLong(row -> row.sample().timestampMillis()));
    }
    return series;
  }

  /**
   * Scans one meter and returns the rows of the visited blocks that lie in {@code range}, in visit
   * order, after checking every visited block.
   */
  static List<StoredSample> scan(
      String context,
      StoreSnapshot snapshot,
      MeterSnapshot meter,
      TimeRange range,
      SeriesSelection selection) {
    List<StoredSample> rows = new ArrayList<>();
    long[] timestamps = new long[OFFSET + SeriesBlock.MAX_ROWS];
    double[] volumes = new double[OFFSET + SeriesBlock.MAX_ROWS];
    int[] metadataIds = new int[OFFSET + SeriesBlock.MAX_ROWS];
    meter.scan(
        range,
        selection,
        block -> {
          String where =
              context
                  + ", meter "
                  + meter.name()
                  + ", range "
                  + range
                  + ", block of series "
                  + block.seriesId();
          int n = block.rowCount();
          assertThat(n).as(where + ": rowCount").isBetween(1, SeriesBlock.MAX_ROWS);
          assertThat(block.seriesId()).as(where + ": series").isBetween(0, meter.seriesCount() - 1);
          assertThat(selection.contains(block.seriesId())).as(where + ": selected").isTrue();
          assertThat(
                  range.overlapsClosed(block.firstTimestampMillis(), block.lastTimestampMillis()))
              .as(where + ": a visited block overlaps the range")
              .isTrue();
          block.readTimestamps(timestamps, OFFSET);
          block.readVolumes(volumes, OFFSET);
          block.readMetadataIds(metadataIds, OFFSET);
          checkSummary(where, block, timestamps, volumes, metadataIds);
          for (int i = 0; i < n; i++) {
            long timestamp = timestamps[OFFSET + i];
            if (!range.contains(timestamp)) {
              continue;
            }
            int series = block.seriesId();
            StoredSample materialized = block.sample(i);
            Sample decoded =
                new Sample(
                    meter.name(),
                    meter.type(),
                    meter.unit(),
                    volumes[OFFSET + i],
                    timestamp,
                    snapshot.resourceIds().valueOf(meter.resourceIdOf(series)),
                    snapshot.projectIds().valueOf(meter.projectIdOf(series)),
                    snapshot.userIds().valueOf(meter.userIdOf(series)),
                    snapshot.sources().valueOf(meter.sourceOf(series)),
                    snapshot.metadata(metadataIds[OFFSET + i]),
                    materialized.sample().messageId());
            if (!decoded.equals(materialized.sample())) {
              throw new AssertionError(
                  where
                      + ", row "
                      + i
                      + ": sample(row) "
                      + materialized
                      + " but decoded "
                      + decoded);
            }
            rows.add(materialized);
          }
        });
    return rows;
  }

  private static void checkSummary(
      String where, SeriesBlock block, long[] timestamps, double[] volumes, int[] metadataIds) {
    int n = block.rowCount();
    assertThat(timestamps[OFFSET])
        .as(where + ": first timestamp")
        .isEqualTo(block.firstTimestampMillis());
    assertThat(timestamps[OFFSET + n - 1])
        .as(where + ": last timestamp")
        .isEqualTo(block.lastTimestampMillis());
    double sum = volumes[OFFSET];
    double compensation = 0;
    double min = volumes[OFFSET];
    double max = volumes[OFFSET];
    BigDecimal exact = new BigDecimal(volumes[OFFSET]);
    boolean dyadic = isSmallDyadic(volumes[OFFSET]);
    boolean constantMetadata = true;
    for (int i = 1; i < n; i++) {
      if (timestamps[OFFSET + i] < timestamps[OFFSET + i - 1]) {
        throw new AssertionError(where + ": timestamps not sorted at row " + i);
      }
      double volume = volumes[OFFSET + i];
      double next = sum + volume;
      compensation += Summation.error(sum, volume, next);
      sum = next;
      min = Math.min(min, volume);
      max = Math.max(max, volume);
      exact = exact.add(new BigDecimal(volume));
      dyadic &= isSmallDyadic(volume);
      constantMetadata &= metadataIds[OFFSET + i] == metadataIds[OFFSET];
    }
    assertThat(block.volumeSum()).as(where + ": sum").isEqualTo(sum);
    assertThat(block.volumeSumCompensation()).as(where + ": compensation").isEqualTo(compensation);
    assertThat(block.volumeMin()).as(where + ": min").isEqualTo(min);
    assertThat(block.volumeMax()).as(where + ": max").isEqualTo(max);
    if (dyadic) {
      assertThat(
              new BigDecimal(block.volumeSum()).add(new BigDecimal(block.volumeSumCompensation())))
          .as(where + ": sum + compensation is the exact sum of small dyadic volumes")
          .isEqualByComparingTo(exact);
    }
    assertThat(block.constantMetadataId())
        .as(where + ": constant metadata id")
        .isEqualTo(constantMetadata ? metadataIds[OFFSET] : -1);
  }

  /**
   * Whether {@code v} is a multiple of 2^-10 of magnitude at most 2^52: the compensated sum of 128
   * such values is exact (every rounding error is a multiple of 2^-10 below 2^7, and their sum
   * needs fewer than 53 bits).
   */
  private static boolean isSmallDyadic(double v) {
    return Math.abs(v) <= 0x1p52 && v * 1024 == Math.rint(v * 1024);
  }
}
