package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.core.Summation;
import io.meterkit.core.TimeRange;
import io.meterkit.store.spi.ChunkSummary;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesBlockVisitor;
import io.meterkit.store.spi.SeriesSelection;
import io.meterkit.store.spi.StoreSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunk summaries a scan offers ({@link SeriesBlockVisitor#visitChunk}) against a naive
 * recomputation from {@link ReferenceStore}'s rows: a visitor that folds offered chunks from their
 * summaries (whole, or series by series) and every other block row by row must find, per series and
 * in total, what folding the reference's rows in the range finds; and every offered summary must be
 * consistent with itself and with the scan's range and selection.
 */
class ChunkSummaryTest {
  private static final int[] CHUNK_ROWS = {8, 64, 1000};

  static LongStream seeds() {
    String seed = System.getProperty("meterkit.seed");
    return seed != null ? LongStream.of(Long.parseLong(seed)) : LongStream.rangeClosed(1, 20);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void foldingOfferedChunksFromTheirSummariesFindsWhatTheRowsHold(long seed) {
    Random random = new Random(seed * 0x9E3779B97F4A7C15L);
    int chunkRows = CHUNK_ROWS[random.nextInt(CHUNK_ROWS.length)];
    // Few resources: series with several blocks per chunk; many: a block per series and chunk.
    RandomSamples samples =
        new RandomSamples(random, 1 + random.nextInt(2), random.nextBoolean() ? 2 : 40);
    MeterStore store = MeterStore.create(StoreConfig.builder().chunkRows(chunkRows).build());
    ReferenceStore reference = new ReferenceStore();
    int target = 200 + random.nextInt(3_000);
    while (reference.rows().size() < target) {
      List<Sample> batch = new ArrayList<>();
      for (int i = random.nextInt(200); i >= 0; i--) {
        batch.add(samples.next());
      }
      store.recordAll(batch);
      reference.recordAll(batch, 0);
    }
    StoreSnapshot snapshot = store.snapshot();
    int offered = 0;
    for (int query = 0; query < 40; query++) {
      MeterSnapshot meter = snapshot.meters().get(random.nextInt(snapshot.meters().size()));
      List<Sample> rows = rowsOf(reference, meter.name());
      TimeRange range = randomRange(random, rows);
      SeriesSelection selection = randomSelection(random, meter);
      String context =
          "seed " + seed + ", chunkRows " + chunkRows + ", " + meter.name() + ", " + range;
      Folding folding = new Folding(context, range, selection, random);
      meter.scan(range, selection, folding);
      offered += folding.offered;
      Map<Integer, Aggregate> expected = naive(snapshot, meter, rows, range, selection);
      assertThat(folding.perSeries.keySet()).as(context + ": series").isEqualTo(expected.keySet());
      expected.forEach(
          (series, aggregate) ->
              aggregate.assertMatches(
                  context + ", series " + series, folding.perSeries.get(series)));
      Aggregate all = new Aggregate();
      expected.values().forEach(all::add);
      all.assertMatches(context + ", in total", folding.total);
    }
    assertThat(offered).as("seed %d: chunks offered", seed).isPositive();
  }

  @Test
  void aChunkOfOneSeriesSummarisesItsRows() {
    // 20 rows of one series, chunks of 8: two sealed chunks, then a head of 4.
    MeterStore store = MeterStore.create(StoreConfig.builder().chunkRows(8).build());
    long t0 = Batches.START_MILLIS;
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(
          Sample.builder("cpu_util", MeterType.GAUGE, "%")
              .volume(i)
              .timestampMillis(t0 + 1_000L * i)
              .resourceId("vm-1")
              .build());
    }
    store.recordAll(batch);
    MeterSnapshot meter = store.snapshot().meter("cpu_util").orElseThrow();
    List<String> summaries = new ArrayList<>();

    meter.scan(
        TimeRange.of(t0, t0 + 17_000),
        SeriesSelection.all(),
        new SeriesBlockVisitor() {
          @Override
          public void visit(SeriesBlock block) {
            summaries.add("block of " + block.rowCount());
          }

          @Override
          public boolean visitChunk(ChunkSummary chunk) {
            summaries.add(
                chunk.rowCount()
                    + " rows, "
                    + (chunk.firstTimestampMillis() - t0)
                    + ".."
                    + (chunk.lastTimestampMillis() - t0)
                    + " ms, sum "
                    + (chunk.volumeSum() + chunk.volumeSumCompensation())
                    + ", min "
                    + chunk.volumeMin()
                    + ", max "
                    + chunk.volumeMax()
                    + ", series "
                    + chunk.seriesId(0)
                    + " of "
                    + chunk.seriesCount());
            return true;
          }
        });

    // The head (rows 16..19) reaches past the range: its block is visited, not offered.
    // (Ending the range at row 16 instead would skip the head unread.)
    assertThat(summaries)
        .containsExactly(
            "8 rows, 0..7000 ms, sum 28.0, min 0.0, max 7.0, series 0 of 1",
            "8 rows, 8000..15000 ms, sum 92.0, min 8.0, max 15.0, series 0 of 1",
            "block of 4");
  }

  /** Folds offered chunks from their summaries (or declines them), other blocks row by row. */
  private static final class Folding implements SeriesBlockVisitor {
    private final String context;
    private final TimeRange range;
    private final SeriesSelection selection;
    private final Random random;
    private final long[] timestamps = new long[SeriesBlock.MAX_ROWS];
    private final double[] volumes = new double[SeriesBlock.MAX_ROWS];
    final Map<Integer, Aggregate> perSeries = new HashMap<>();
    final Aggregate total = new Aggregate();
    int offered;

    Folding(String context, TimeRange range, SeriesSelection selection, Random random) {
      this.context = context;
      this.range = range;
      this.selection = selection;
      this.random = random;
    }

    @Override
    public void visit(SeriesBlock block) {
      block.readTimestamps(timestamps, 0);
      block.readVolumes(volumes, 0);
      for (int i = 0; i < block.rowCount(); i++) {
        if (range.contains(timestamps[i])) {
          perSeries
              .computeIfAbsent(block.seriesId(), s -> new Aggregate())
              .add(timestamps[i], volumes[i]);
          total.add(timestamps[i], volumes[i]);
        }
      }
    }

    @Override
    public boolean visitChunk(ChunkSummary chunk) {
      offered++;
      String where = context + ", offered chunk " + offered;
      checkConsistent(where, chunk);
      if (random.nextInt(4) == 0) {
        return false; // its blocks come next
      }
      Aggregate folded = new Aggregate();
      for (int index = 0; index < chunk.seriesCount(); index++) {
        if (chunk.isSelected(index)) {
          Aggregate one = Aggregate.of(chunk, index);
          perSeries.computeIfAbsent(chunk.seriesId(index), s -> new Aggregate()).add(one);
          folded.add(one);
        }
      }
      if (chunk.allSelected()) {
        Aggregate totals =
            new Aggregate(
                chunk.rowCount(),
                chunk.volumeSum(),
                chunk.volumeSumCompensation(),
                chunk.volumeMin(),
                chunk.volumeMax(),
                chunk.firstTimestampMillis(),
                chunk.lastTimestampMillis());
        folded.assertMatches(where + ": totals against its series", totals);
        total.add(totals);
      } else {
        total.add(folded);
      }
      return true;
    }

    private void checkConsistent(String where, ChunkSummary chunk) {
      assertThat(range.contains(chunk.firstTimestampMillis())).as(where + ": first").isTrue();
      assertThat(range.contains(chunk.lastTimestampMillis())).as(where + ": last").isTrue();
      int rows = 0;
      boolean anySelected = false;
      boolean allSelected = true;
      for (int index = 0; index < chunk.seriesCount(); index++) {
        int series = chunk.seriesId(index);
        if (index > 0) {
          assertThat(series).as(where + ": ascending ids").isGreaterThan(chunk.seriesId(index - 1));
        }
        assertThat(chunk.indexOf(series)).as(where + ": indexOf").isEqualTo(index);
        assertThat(chunk.isSelected(index))
            .as(where + ": isSelected")
            .isEqualTo(selection.contains(series));
        anySelected |= chunk.isSelected(index);
        allSelected &= chunk.isSelected(index);
        assertThat(chunk.seriesRowCount(index)).as(where + ": rows").isPositive();
        assertThat(chunk.seriesFirstTimestampMillis(index))
            .as(where + ": series span")
            .isBetween(chunk.firstTimestampMillis(), chunk.seriesLastTimestampMillis(index));
        assertThat(chunk.seriesLastTimestampMillis(index))
            .as(where + ": series span")
            .isLessThanOrEqualTo(chunk.lastTimestampMillis());
        rows += chunk.seriesRowCount(index);
      }
      assertThat(rows).as(where + ": row count").isEqualTo(chunk.rowCount());
      assertThat(anySelected).as(where + ": holds a selected series").isTrue();
      assertThat(chunk.allSelected()).as(where + ": allSelected").isEqualTo(allSelected);
      assertThat(chunk.indexOf(-1)).as(where + ": indexOf an absent series").isEqualTo(-1);
    }
  }

  /** Count, compensated and exact sum, sum of magnitudes, min, max, first and last time. */
  private static final class Aggregate {
    long count;
    double sum;
    double compensation;
    BigDecimal exact = BigDecimal.ZERO; // null once a summary is folded in
    double magnitude;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    Aggregate() {}

    Aggregate(
        long count,
        double sum,
        double compensation,
        double min,
        double max,
        long first,
        long last) {
      this.count = count;
      this.sum = sum;
      this.compensation = compensation;
      this.exact = null;
      this.min = min;
      this.max = max;
      this.first = first;
      this.last = last;
    }

    static Aggregate of(ChunkSummary chunk, int index) {
      return new Aggregate(
          chunk.seriesRowCount(index),
          chunk.seriesVolumeSum(index),
          chunk.seriesVolumeSumCompensation(index),
          chunk.seriesVolumeMin(index),
          chunk.seriesVolumeMax(index),
          chunk.seriesFirstTimestampMillis(index),
          chunk.seriesLastTimestampMillis(index));
    }

    void add(long timestamp, double volume) {
      count++;
      double next = sum + volume;
      compensation += Summation.error(sum, volume, next);
      sum = next;
      min = Math.min(min, volume);
      max = Math.max(max, volume);
      first = Math.min(first, timestamp);
      last = Math.max(last, timestamp);
      exact = exact == null ? null : exact.add(new BigDecimal(volume));
      magnitude += Math.abs(volume);
    }

    void add(Aggregate other) {
      count += other.count;
      double next = sum + other.sum;
      compensation += Summation.error(sum, other.sum, next) + other.compensation;
      sum = next;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
      first = Math.min(first, other.first);
      last = Math.max(last, other.last);
      exact = exact == null || other.exact == null ? null : exact.add(other.exact);
      magnitude += other.magnitude;
    }

    /** Checks {@code actual} against this, the naive aggregate of the same rows. */
    void assertMatches(String where, Aggregate actual) {
      assertThat(actual).as(where + ": present").isNotNull();
      assertThat(actual.count).as(where + ": count").isEqualTo(count);
      assertThat(actual.min).as(where + ": min").isEqualTo(min);
      assertThat(actual.max).as(where + ": max").isEqualTo(max);
      assertThat(actual.first).as(where + ": first").isEqualTo(first);
      assertThat(actual.last).as(where + ": last").isEqualTo(last);
      double expected = exact != null ? exact.doubleValue() : sum + compensation;
      double tolerance = 1e-13 * (magnitude + actual.magnitude) + Double.MIN_NORMAL;
      assertThat(actual.sum + actual.compensation)
          .as(where + ": sum")
          .isCloseTo(expected, offset(tolerance));
    }
  }

  private static List<Sample> rowsOf(ReferenceStore reference, String meter) {
    List<Sample> rows = new ArrayList<>();
    for (StoredSample row : reference.rows()) {
      if (row.sample().meterName().equals(meter)) {
        rows.add(row.sample());
      }
    }
    return rows;
  }

  // Bounds at stored timestamps (exact chunk edges included), beyond them, or everything.
  private static TimeRange randomRange(Random random, List<Sample> rows) {
    if (random.nextInt(5) == 0) {
      return TimeRange.ALL;
    }
    long a = rows.get(random.nextInt(rows.size())).timestampMillis() + random.nextInt(3) - 1;
    long b = rows.get(random.nextInt(rows.size())).timestampMillis() + random.nextInt(3) - 1;
    return TimeRange.of(Math.min(a, b), Math.max(a, b) + 1);
  }

  private static SeriesSelection randomSelection(Random random, MeterSnapshot meter) {
    if (random.nextBoolean()) {
      return SeriesSelection.all();
    }
    List<Integer> ids = new ArrayList<>();
    double share = random.nextDouble();
    for (int series = 0; series < meter.seriesCount(); series++) {
      if (random.nextDouble() < share) {
        ids.add(series);
      }
    }
    if (ids.isEmpty()) {
      ids.add(random.nextInt(meter.seriesCount()));
    }
    return SeriesSelection.of(ids.stream().mapToInt(Integer::intValue).toArray());
  }

  // The reference's rows of the meter in the range, per selected series, folded one by one.
  private static Map<Integer, Aggregate> naive(
      StoreSnapshot snapshot,
      MeterSnapshot meter,
      List<Sample> rows,
      TimeRange range,
      SeriesSelection selection) {
    Map<List<String>, Integer> seriesIds = new HashMap<>();
    for (int series = 0; series < meter.seriesCount(); series++) {
      seriesIds.put(
          Arrays.asList(
              meter.name(),
              snapshot.resourceIds().valueOf(meter.resourceIdOf(series)),
              snapshot.projectIds().valueOf(meter.projectIdOf(series)),
              snapshot.userIds().valueOf(meter.userIdOf(series)),
              snapshot.sources().valueOf(meter.sourceOf(series))),
          series);
    }
    Map<Integer, Aggregate> result = new HashMap<>();
    for (Sample row : rows) {
      int series = seriesIds.get(ReferenceStore.seriesKey(row));
      if (range.contains(row.timestampMillis()) && selection.contains(series)) {
        result
            .computeIfAbsent(series, s -> new Aggregate())
            .add(row.timestampMillis(), row.volume());
      }
    }
    return result;
  }
}
