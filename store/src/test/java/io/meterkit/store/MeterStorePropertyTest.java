package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Limits;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.store.internal.state.MessageIds;
import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesSelection;
import io.meterkit.store.spi.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests: {@link MeterStore} against {@link ReferenceStore} over seeded random data.
 *
 * <p>Every assertion names its seed. To replay one seed: {@code mvn -pl store test
 * -Dtest=MeterStorePropertyTest -Dmeterkit.seed=N}.
 */
class MeterStorePropertyTest {
  private static final int[] CHUNK_ROWS = {8, 16, 100, 1000, StoreConfig.DEFAULT_CHUNK_ROWS};
  private static final int[] SAMPLE_COUNTS = {0, 1, 40, 400, 1500, 3000};

  static LongStream seeds() {
    String seed = System.getProperty("meterkit.seed");
    return seed != null ? LongStream.of(Long.parseLong(seed)) : LongStream.rangeClosed(1, 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void storeAgreesWithTheNaiveReference(long seed) {
    // Mix the seed: java.util.Random's first outputs for neighbouring seeds are alike.
    Random random = new Random(seed * 0x9E3779B97F4A7C15L);
    int chunkRows = CHUNK_ROWS[random.nextInt(CHUNK_ROWS.length)];
    int target = SAMPLE_COUNTS[random.nextInt(SAMPLE_COUNTS.length)];
    run(seed, random, chunkRows, target, new RandomSamples(random));
  }

  /**
   * Thousands of series with few rows each: a chunk then has fewer rows than there are series, and
   * its rows are ordered by a comparison sort instead of the counting sort.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("fewSeeds")
  void storeAgreesWithTheNaiveReferenceWhenSeriesOutnumberRows(long seed) {
    Random random = new Random(seed * 0x9E3779B97F4A7C15L);
    run(seed, random, random.nextBoolean() ? 8 : 16, 2_500, new RandomSamples(random, 1, 5_000));
  }

  static LongStream fewSeeds() {
    String seed = System.getProperty("meterkit.seed");
    return seed != null ? LongStream.of(Long.parseLong(seed)) : LongStream.rangeClosed(1, 3);
  }

  private static void run(
      long seed, Random random, int chunkRows, int target, RandomSamples samples) {
    int maxBatch = random.nextBoolean() ? 8 : 300;
    String context =
        "seed " + seed + " (chunkRows " + chunkRows + ", " + target + " samples, " + samples + ")";
    System.out.println("MeterStorePropertyTest " + context);
    TestClock clock = new TestClock(1_700_000_000_000L + random.nextInt(1_000_000));
    MeterStore store =
        MeterStore.create(StoreConfig.builder().chunkRows(chunkRows).clock(clock).build());
    ReferenceStore reference = new ReferenceStore();

    List<List<Sample>> sentBatches = new ArrayList<>();
    StoreSnapshot midway = null;
    int midwayRows = 0;
    int generated = 0;
    while (generated < target) {
      List<Sample> batch =
          random.nextInt(20) == 0 && !sentBatches.isEmpty()
              ? sentBatches.get(random.nextInt(sentBatches.size()))
              : newBatch(random, samples, reference, random.nextInt(maxBatch + 1));
      generated += Math.max(1, batch.size());
      record(context, random.nextInt(5), batch, store, reference, clock);
      sentBatches.add(batch);
      clock.advance(random.nextInt(3_000));
      if (midway == null && generated >= target / 2) {
        midway = store.snapshot();
        midwayRows = reference.rows().size();
      }
    }

    assertAgrees(context, store.snapshot(), reference, random);
    if (midway != null) {
      assertAgrees(
          context + " [snapshot taken midway]", midway, reference.prefix(midwayRows), random);
    }
    assertLookups(context, store, reference, random);
  }

  private static List<Sample> newBatch(
      Random random, RandomSamples samples, ReferenceStore reference, int size) {
    List<Sample> batch = new ArrayList<>();
    List<StoredSample> stored = reference.rows();
    while (batch.size() < size) {
      double r = random.nextDouble();
      Sample retry = null;
      if (r < 0.08) {
        retry = samples.retry();
      } else if (r < 0.12 && !batch.isEmpty()) {
        Sample earlier = batch.get(random.nextInt(batch.size()));
        retry = earlier.messageId() != null ? earlier : null;
      } else if (r < 0.15 && !stored.isEmpty()) {
        // A client retrying with the id the store assigned, possibly with other contents.
        Sample row = stored.get(random.nextInt(stored.size())).sample();
        retry = random.nextBoolean() ? row : samples.next().withMessageId(row.messageId());
      }
      batch.add(retry != null ? retry : samples.next());
    }
    return batch;
  }

  /** Records a batch in one of the ways the store offers and checks what each call returns. */
  private static void record(
      String context,
      int method,
      List<Sample> batch,
      MeterStore store,
      ReferenceStore reference,
      TestClock clock) {
    int before = reference.rows().size();
    if (method == 0) {
      for (Sample sample : batch) {
        int rows = reference.rows().size();
        reference.recordAll(List.of(sample), clock.millis());
        assertThat(store.record(sample))
            .as("%s: record(%s) stores it", context, sample)
            .isEqualTo(reference.rows().size() > rows);
      }
      return;
    }
    List<String> expectedIds = reference.recordAll(batch, clock.millis());
    int stored = reference.rows().size() - before;
    if (method <= 2) {
      assertThat(store.recordAll(batch)).as("%s: recordAll count", context).isEqualTo(stored);
      return;
    }
    IngestReceipt receipt = store.recordAllWithIds(batch);
    assertThat(receipt)
        .as("%s: receipt", context)
        .isEqualTo(new IngestReceipt(expectedIds, stored, batch.size() - stored));
    Set<String> newIds =
        reference.rows().subList(before, reference.rows().size()).stream()
            .map(row -> row.sample().messageId())
            .collect(Collectors.toSet());
    Set<String> claimed = new HashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      String id = receipt.messageIds().get(i);
      StoredSample found = store.sample(id).orElseThrow();
      assertThat(found)
          .as("%s: sample(%s)", context, id)
          .isEqualTo(reference.sample(id).orElseThrow());
      if (newIds.contains(id) && claimed.add(id)) {
        assertThat(found.sample().withMessageId(batch.get(i).messageId()))
            .as("%s: round trip of samples[%d]", context, i)
            .isEqualTo(batch.get(i));
      }
    }
  }

  /** Compares everything a snapshot shows with the reference. */
  static void assertAgrees(
      String context, StoreSnapshot snapshot, ReferenceStore reference, Random random) {
    List<StoredSample> rows = reference.rows();
    assertThat(snapshot.meterNames())
        .as("%s: meterNames", context)
        .isEqualTo(reference.meterNames());
    assertThat(snapshot.meters())
        .as("%s: meters", context)
        .extracting(MeterSnapshot::name)
        .isEqualTo(reference.meterNames());
    assertThat(snapshot.sampleCount()).as("%s: sampleCount", context).isEqualTo(rows.size());
    assertThat(snapshot.meter("no such meter")).as("%s: unknown meter", context).isEmpty();
    for (String name : reference.meterNames()) {
      MeterSnapshot meter = snapshot.meter(name).orElseThrow();
      List<StoredSample> meterRows =
          rows.stream().filter(r -> r.sample().meterName().equals(name)).toList();
      String where = context + ", meter " + name;
      assertThat(meter.type()).as(where).isEqualTo(meterRows.get(0).sample().type());
      assertThat(meter.unit()).as(where).isEqualTo(meterRows.get(0).sample().unit());
      assertThat(meter.sampleCount()).as(where).isEqualTo(meterRows.size());
      assertSeries(where, snapshot, meter, meterRows);
      assertThat(
              StoreReader.inTimeOrder(
                  StoreReader.scan(where, snapshot, meter, TimeRange.ALL, SeriesSelection.all())))
          .as("%s: every row, per series in time order, ties in arrival order", where)
          .isEqualTo(StoreReader.inTimeOrder(meterRows));
      for (int i = 0; i < 8; i++) {
        assertRestrictedScan(where, snapshot, meter, meterRows, random);
      }
    }
    assertThat(snapshot.resources()).as("%s: resources", context).isEqualTo(reference.resources());
    assertThat(snapshot.meterCatalog())
        .as("%s: meterCatalog", context)
        .isEqualTo(reference.meterCatalog());
    assertThat(snapshot.resourceIds().idOf(null)).as(context).isEqualTo(Dictionary.NULL_ID);
    assertThat(snapshot.resourceIds().valueOf(Dictionary.NULL_ID)).as(context).isNull();
    assertThat(snapshot.projectIds().idOf("never stored"))
        .as(context)
        .isEqualTo(Dictionary.UNKNOWN_ID);
    assertThat(snapshot.metadata(0)).as(context).isEmpty();
  }

  /**
   * Checks the per-series facts: one series per distinct owner, counts, bounds, latest metadata.
   */
  private static void assertSeries(
      String where, StoreSnapshot snapshot, MeterSnapshot meter, List<StoredSample> meterRows) {
    Map<String, List<StoredSample>> expected = StoreReader.inTimeOrder(meterRows);
    Set<String> keys = new HashSet<>();
    for (int series = 0; series < meter.seriesCount(); series++) {
      String key = seriesKey(snapshot, meter, series);
      assertThat(keys.add(key)).as("%s: series %d is distinct", where, series).isTrue();
      List<StoredSample> seriesRows = expected.get(key);
      assertThat(seriesRows).as("%s: series %d %s has rows", where, series, key).isNotNull();
      assertThat(meter.sampleCount(series))
          .as("%s: %s count", where, key)
          .isEqualTo(seriesRows.size());
      assertThat(meter.firstTimestampMillis(series))
          .as("%s: %s first", where, key)
          .isEqualTo(seriesRows.get(0).sample().timestampMillis());
      // Sorted stably by time, the last row is the latest: greatest timestamp, latest arrival.
      StoredSample latest = seriesRows.get(seriesRows.size() - 1);
      assertThat(meter.lastTimestampMillis(series))
          .as("%s: %s last", where, key)
          .isEqualTo(latest.sample().timestampMillis());
      assertThat(snapshot.metadata(meter.lastMetadataIdOf(series)))
          .as("%s: %s latest metadata", where, key)
          .isEqualTo(latest.sample().metadata());
    }
    assertThat(keys).as("%s: series", where).isEqualTo(expected.keySet());
  }

  private static String seriesKey(StoreSnapshot snapshot, MeterSnapshot meter, int series) {
    return java.util.Arrays.asList(
            meter.name(),
            snapshot.resourceIds().valueOf(meter.resourceIdOf(series)),
            snapshot.projectIds().valueOf(meter.projectIdOf(series)),
            snapshot.userIds().valueOf(meter.userIdOf(series)),
            snapshot.sources().valueOf(meter.sourceOf(series)))
        .toString();
  }

  /** A scan restricted to a random range and selection returns exactly the matching rows. */
  private static void assertRestrictedScan(
      String where,
      StoreSnapshot snapshot,
      MeterSnapshot meter,
      List<StoredSample> meterRows,
      Random random) {
    TimeRange range = randomRange(random, meterRows);
    int[] ids = randomSeriesIds(random, meter.seriesCount());
    SeriesSelection selection = ids == null ? SeriesSelection.all() : SeriesSelection.of(ids);
    Set<String> selected = new HashSet<>();
    for (int series = 0; series < meter.seriesCount(); series++) {
      if (selection.contains(series)) {
        selected.add(seriesKey(snapshot, meter, series));
      }
    }
    List<StoredSample> expected =
        meterRows.stream()
            .filter(row -> range.contains(row.sample().timestampMillis()))
            .filter(row -> selected.contains(ReferenceStore.seriesKey(row.sample()).toString()))
            .toList();
    String scan = where + ", scan of " + range + " and series " + java.util.Arrays.toString(ids);
    assertThat(StoreReader.inTimeOrder(StoreReader.scan(scan, snapshot, meter, range, selection)))
        .as(scan)
        .isEqualTo(StoreReader.inTimeOrder(expected));
  }

  private static TimeRange randomRange(Random random, List<StoredSample> rows) {
    long a = rows.get(random.nextInt(rows.size())).sample().timestampMillis();
    long b = rows.get(random.nextInt(rows.size())).sample().timestampMillis();
    long from = Math.min(a, b) + random.nextInt(3) - 1;
    long to = Math.max(a, b) + random.nextInt(3) - 1;
    return switch (random.nextInt(8)) {
      case 0 -> TimeRange.ALL;
      case 1 -> TimeRange.of(a, a);
      case 2 -> TimeRange.of(a, a + 1);
      case 3 -> TimeRange.of(Long.MIN_VALUE, a + random.nextInt(2));
      case 4 -> TimeRange.of(a + random.nextInt(2), Long.MAX_VALUE);
      case 5 -> TimeRange.of(Limits.MAX_TIMESTAMP_MILLIS + 1, Long.MAX_VALUE);
      default -> TimeRange.of(Math.min(from, to), Math.max(from, to));
    };
  }

  /** Returns random series ids (some unknown, some repeated), or null for "all". */
  private static int[] randomSeriesIds(Random random, int seriesCount) {
    return switch (random.nextInt(5)) {
      case 0 -> null;
      case 1 -> new int[0];
      case 2 -> new int[] {random.nextInt(seriesCount)};
      case 3 -> random.ints(1 + random.nextInt(5), 0, seriesCount + 3).toArray();
      default -> random.ints(1 + seriesCount / 2, 0, seriesCount).toArray();
    };
  }

  /** Every stored id finds its row; unknown ids, in every form, find nothing. */
  private static void assertLookups(
      String context, MeterStore store, ReferenceStore reference, Random random) {
    for (StoredSample row : reference.rows()) {
      String id = row.sample().messageId();
      assertThat(store.sample(id)).as("%s: sample(%s)", context, id).contains(row);
    }
    List<String> unknown = new ArrayList<>();
    unknown.add(null);
    unknown.add("never sent");
    unknown.add(UUID.nameUUIDFromBytes("never".getBytes(StandardCharsets.UTF_8)).toString());
    unknown.add(MessageIds.format(random.nextLong(Limits.MAX_TIMESTAMP_MILLIS), 0, 0, 0));
    unknown.add(MessageIds.format(0, 0, 4_000_000, 0));
    unknown.add(MessageIds.format(0, 0, 0, 1 << 20));
    for (StoredSample row : reference.rows().subList(0, Math.min(20, reference.rows().size()))) {
      Sample sample = row.sample();
      MessageIds.Decoded decoded = MessageIds.parse(sample.messageId());
      if (decoded != null) {
        unknown.add(sample.messageId().toUpperCase(java.util.Locale.ROOT));
        unknown.add(
            MessageIds.format(
                decoded.timestampMillis(),
                MessageIds.MAX_TIE_ORDINAL,
                decoded.meterOrdinal(),
                decoded.seriesId()));
        unknown.add(
            MessageIds.format(
                decoded.timestampMillis() + 1,
                decoded.tieOrdinal(),
                decoded.meterOrdinal(),
                decoded.seriesId()));
      } else {
        unknown.add(sample.messageId() + "-other");
      }
    }
    for (String id : unknown) {
      if (id == null || reference.sample(id).isEmpty()) {
        assertThat(store.sample(id)).as("%s: unknown id %s", context, id).isEmpty();
      }
    }
  }
}
