package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.store.IngestReceipt;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded random data set for the differential tests, loaded into both a {@link MeterStore} and a
 * {@link ReferenceQueryEngine}, plus random queries over it (with calendar periods in random zones,
 * as-of instants and the billing aggregates that the queried meter's type allows).
 *
 * <p>Data shapes: uniform, bursty, gaps, few distinct timestamps (many duplicates) and regular with
 * jitter; arrival in order, shuffled, or in order with late arrivals; one to three meters; up to 40
 * resources whose owner (project, user, source, each possibly null) sometimes changes; metadata
 * drawn from a shared pool or made per sample, with numeric- and boolean-looking values; volumes
 * small integers, fractions, values around 1e15 or of mixed magnitude and sign; client message ids,
 * store-assigned ones and retries; chunks of 8 to 65,536 rows. A {@link ManualClock} stamps the
 * batches (recorded-at times a few seconds apart, near the data) and is then set to the engine's
 * "now": inside the data or well after it. Everything follows from the seed.
 */
final class RandomData {
  static final String[] METADATA_KEYS = {"flavor", "size", "enabled", "properties.prop_1"};
  static final String[] METADATA_VALUES = {
    "0",
    "0.0",
    "1",
    "1.0",
    "1.5",
    "1.50",
    "-2",
    "10",
    "010",
    "1e1",
    "true",
    "false",
    "TRUE",
    "False",
    "abc",
    "m1.small",
    "m1.tiny",
    "9007199254740993",
    "9007199254740992"
  };
  private static final String[][] METERS = {
    {"cpu_util", "GAUGE", "%"},
    {"network.incoming.bytes", "CUMULATIVE", "B"},
    {"instance", "GAUGE", "instance"}
  };
  private static final String[] SHAPES = {"uniform", "bursty", "gaps", "duplicates", "regular"};
  private static final String[] ARRIVALS = {"in order", "shuffled", "late arrivals"};
  private static final String[] VOLUMES = {
    "small integers", "fractions", "around 1e15", "mixed magnitudes"
  };
  private static final long[] EPOCHS = {
    0L, 1_413_936_000_000L, 4_102_444_800_000L
  }; // 1970, 2014, 2100

  /** Zones with whole-minute offsets since 1970: daylight saving, half and quarter hours, none. */
  static final String[] ZONES = {
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Pacific/Chatham",
    "America/Santiago",
    "Pacific/Apia",
    "Europe/London"
  };

  private static final String[] PERCENTILES = {"50", "95", "99.9", "100", "0.1", "33.3333", "1"};

  final long seed;
  final Random random;
  final String description;
  final int chunkRows;
  final long spanMillis;
  final List<Sample> arrivals = new ArrayList<>(); // what is sent, retries included
  final List<String> meterNames = new ArrayList<>();
  final Map<Dimension, List<String>> known = new HashMap<>();
  final List<Long> timestamps = new ArrayList<>();
  final List<Long> recordedTimes = new ArrayList<>();
  final Map<String, MeterType> meterTypes = new HashMap<>();
  final ManualClock clock;
  final MeterStore store;
  final QueryEngine engine;
  final ReferenceQueryEngine reference = new ReferenceQueryEngine();

  /**
   * Generates the data set of {@code seed} and loads it.
   *
   * @param distinctSeriesTimes when true, no two series ever share a timestamp (ties within a
   *     series remain), for the catalog whose tie-breaking across series is an open question
   */
  RandomData(long seed, boolean distinctSeriesTimes) {
    this.seed = seed;
    // Consecutive seeds give java.util.Random correlated first draws: mix the seed first.
    this.random = new Random(new SplittableRandom(seed).nextLong());
    int size = pick(new int[] {0, 1, 3, 20, 150, 600, 600, 1500, 2500});
    String shape = SHAPES[random.nextInt(SHAPES.length)];
    String arrival = ARRIVALS[random.nextInt(ARRIVALS.length)];
    String volumes = VOLUMES[random.nextInt(VOLUMES.length)];
    long epoch = EPOCHS[random.nextInt(EPOCHS.length)];
    spanMillis = pick(new long[] {1_000L, 60_000L, 3_600_000L, 86_400_000L, 30 * 86_400_000L});
    chunkRows = pick(new int[] {8, 16, 64, 256, StoreConfig.DEFAULT_CHUNK_ROWS});
    int meters = 1 + random.nextInt(METERS.length);
    int resources = 1 + random.nextInt(size < 50 ? 5 : 40);
    double ownerChange = pick(new double[] {0, 0.02, 0.3});
    List<Map<String, String>> pool = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
      pool.add(randomMetadata());
    }
    long[] times = times(shape, size, epoch);
    Map<String, String[]> owners = new HashMap<>();
    List<Sample> generated = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String[] meter = METERS[random.nextInt(meters)];
      String resource = "r" + random.nextInt(resources);
      String[] owner = owners.get(resource);
      if (owner == null || random.nextDouble() < ownerChange) {
        owner =
            new String[] {
              orNull("p", 4),
              orNull("u", 6),
              random.nextInt(4) == 0 ? null : pick(new String[] {"openstack", "ceilometer"})
            };
        owners.put(resource, owner);
      }
      Map<String, String> metadata =
          random.nextInt(4) == 0 ? randomMetadata() : pool.get(random.nextInt(pool.size()));
      generated.add(
          Sample.builder(meter[0], MeterType.valueOf(meter[1]), meter[2])
              .volume(volume(volumes))
              .timestampMillis(times[i])
              .resourceId(resource)
              .projectId(owner[0])
              .userId(owner[1])
              .source(owner[2])
              .metadata(metadata)
              .messageId(random.nextInt(10) < 7 ? "m-" + seed + "-" + i : null)
              .build());
    }
    if (distinctSeriesTimes) {
      separateSeriesTimes(generated);
    }
    arrive(generated, arrival);
    description =
        String.format(
            "seed %d: %d samples, %s, %s, %s volumes, chunkRows %d, span %d ms",
            seed, size, shape, arrival, volumes, chunkRows, spanMillis);
    clock = ManualClock.at(Instant.ofEpochMilli(epoch + (long) (random.nextDouble() * spanMillis)));
    store = MeterStore.create(StoreConfig.builder().chunkRows(chunkRows).clock(clock).build());
    engine = new QueryEngine(store);
    load();
    clock.set(
        Instant.ofEpochMilli(
            random.nextBoolean()
                ? epoch + (long) (random.nextDouble() * spanMillis * 1.2)
                : epoch + 100 * spanMillis));
  }

  private long[] times(String shape, int size, long epoch) {
    long[] times = new long[size];
    long[] centers = new long[1 + random.nextInt(4)];
    for (int c = 0; c < centers.length; c++) {
      centers[c] = epoch + (long) (random.nextDouble() * spanMillis);
    }
    long step = Math.max(1, spanMillis / Math.max(1, size));
    for (int i = 0; i < size; i++) {
      long offset;
      switch (shape) {
        case "bursty":
          offset =
              centers[random.nextInt(centers.length)]
                  - epoch
                  + (long) Math.abs(random.nextGaussian() * spanMillis / 500);
          break;
        case "gaps": // windows of a twentieth of the span, at the centers
          offset =
              centers[random.nextInt(centers.length)]
                  - epoch
                  + (long) (random.nextDouble() * spanMillis / 20);
          break;
        case "duplicates":
          offset = random.nextInt(1 + size / 10) * step * 7;
          break;
        case "regular":
          offset = i * step + random.nextInt((int) Math.min(step, 1000));
          break;
        default:
          offset = (long) (random.nextDouble() * spanMillis);
      }
      times[i] = epoch + Math.min(Math.max(offset, 0), 2 * spanMillis);
    }
    Arrays.sort(times);
    return times;
  }

  // Give every series (meter, resource, project, user, source) its own residue modulo 2^14 (there
  // are fewer series than samples, at most 2,500).
  private static void separateSeriesTimes(List<Sample> samples) {
    Map<List<String>, Integer> series = new HashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      int id =
          series.computeIfAbsent(
              Arrays.asList(s.meterName(), s.resourceId(), s.projectId(), s.userId(), s.source()),
              k -> series.size());
      long time =
          s.timestampMillis() - Math.floorMod(s.timestampMillis(), 1 << 14) + id + (1 << 14);
      samples.set(i, copy(s, s.volume(), time, s.messageId()));
    }
  }

  private void arrive(List<Sample> generated, String arrival) {
    if (arrival.equals("shuffled")) {
      Collections.shuffle(generated, random);
    } else if (arrival.equals("late arrivals")) {
      for (int i = 0; i < generated.size() / 8; i++) {
        int from = random.nextInt(generated.size());
        generated.add(
            Math.min(generated.size() - 1, from + random.nextInt(50)), generated.remove(from));
      }
    }
    for (Sample s : generated) {
      arrivals.add(s);
      if (s.messageId() != null
          && random.nextInt(20) == 0) { // a retry: ignored, even if it differs
        arrivals.add(copy(s, s.volume() + 1, s.timestampMillis(), s.messageId()));
      }
    }
  }

  private void load() {
    int i = 0;
    while (i < arrivals.size()) {
      int batch = Math.min(arrivals.size() - i, 1 + random.nextInt(random.nextBoolean() ? 3 : 300));
      List<Sample> part = arrivals.subList(i, i + batch);
      clock.advance(Duration.ofMillis(random.nextInt(3) * 1000L + random.nextInt(1000)));
      long recorded = Math.floorDiv(clock.millis(), 1000L) * 1000L; // kept to the second
      recordedTimes.add(recorded);
      if (batch == 1 && part.get(0).messageId() != null) {
        store.record(part.get(0));
        reference.record(part.get(0), recorded);
      } else {
        IngestReceipt receipt = store.recordAllWithIds(part);
        for (int j = 0; j < batch; j++) {
          reference.record(part.get(j).withMessageId(receipt.messageIds().get(j)), recorded);
        }
      }
      i += batch;
    }
    Map<Dimension, Set<String>> values = new HashMap<>();
    for (Sample s : arrivals) {
      if (!meterNames.contains(s.meterName())) {
        meterNames.add(s.meterName());
        meterTypes.put(s.meterName(), s.type());
      }
      for (Dimension d : Dimension.values()) {
        values
            .computeIfAbsent(d, k -> new LinkedHashSet<>())
            .add(ReferenceQueryEngine.dimension(s, d));
      }
      timestamps.add(s.timestampMillis());
    }
    for (Dimension d : Dimension.values()) {
      known.put(d, new ArrayList<>(values.getOrDefault(d, Set.of())));
    }
  }

  /** Returns the largest magnitude of any volume sent, at least 1: the scale of rounding errors. */
  double magnitude() {
    double magnitude = 1;
    for (Sample s : arrivals) {
      magnitude = Math.max(magnitude, Math.abs(s.volume()) + 1);
    }
    return magnitude;
  }

  // ---------------------------------------------------------------------------------------------
  // Random queries

  StatisticsQuery statisticsQuery() {
    String meter = meter();
    StatisticsQuery.Builder b = StatisticsQuery.builder(meter);
    TimeBound start = random.nextInt(5) < 3 ? new TimeBound(instant(), random.nextBoolean()) : null;
    TimeBound end = random.nextInt(5) < 3 ? new TimeBound(instant(), random.nextBoolean()) : null;
    if (start != null && end != null && start.millis() > end.millis()) {
      TimeBound swap = start;
      start = new TimeBound(end.millis(), swap.inclusive());
      end = new TimeBound(swap.millis(), end.inclusive());
    }
    b.start(start).end(end).filter(filter());
    if (random.nextInt(4) == 0) {
      b.searchOffsetMillis(1 + (long) (random.nextDouble() * spanMillis / 4));
    }
    List<GroupBy> fields =
        new ArrayList<>(
            List.of(
                GroupBy.of(Dimension.RESOURCE_ID),
                GroupBy.of(Dimension.PROJECT_ID),
                GroupBy.of(Dimension.USER_ID),
                GroupBy.of(Dimension.SOURCE),
                GroupBy.metadata("flavor", "resource_metadata.flavor"),
                GroupBy.metadata("size", "resource_metadata.size"),
                GroupBy.metadata("missing", "metadata.missing")));
    Collections.shuffle(fields, random);
    b.groupBy(fields.subList(0, pick(new int[] {0, 0, 1, 1, 2, 3})).toArray(new GroupBy[0]));
    List<Aggregation> aggregations = aggregations(meterTypes.get(meter));
    boolean spreads = aggregations.stream().anyMatch(a -> a.function().spreadsOverTime());
    int periodKind = random.nextInt(10);
    if (periodKind < 4) {
      // Spreading aggregates make a row per covered bucket: keep those grids small.
      long period =
          spreads
              ? pick(
                  new long[] {spanMillis / 7_000, spanMillis / 1_000, 2 * spanMillis / 1_000 + 1})
              : pick(
                  new long[] {
                    1,
                    spanMillis / 50_000,
                    spanMillis / 7_000,
                    spanMillis / 1_000,
                    2 * spanMillis / 1_000 + 1
                  });
      b.periodSeconds(Math.max(1, period));
    } else if (periodKind < 7) {
      b.period(calendarPeriod());
      if (random.nextInt(4) > 0) {
        b.timeZone(ZoneId.of(pick(ZONES)));
      }
    }
    if (random.nextInt(3) == 0 && !recordedTimes.isEmpty()) {
      long recorded = recordedTimes.get(random.nextInt(recordedTimes.size()));
      b.asOf(Instant.ofEpochMilli(recorded + pick(new long[] {-1, 0, 0, 999, 1000})));
    }
    return b.aggregations(aggregations.toArray(new Aggregation[0])).build();
  }

  /** A calendar period whose grid over this data set is mostly within the bucket cap. */
  Period.Calendar calendarPeriod() {
    Period.CalendarUnit[] units =
        spanMillis <= 3_600_000L
            ? new Period.CalendarUnit[] {Period.CalendarUnit.MINUTE, Period.CalendarUnit.HOUR}
            : spanMillis <= 86_400_000L
                ? new Period.CalendarUnit[] {
                  Period.CalendarUnit.MINUTE, Period.CalendarUnit.HOUR, Period.CalendarUnit.DAY
                }
                : Period.CalendarUnit.values();
    Period.CalendarUnit unit = units[random.nextInt(units.length)];
    int amount = random.nextInt(3) == 0 ? 1 + random.nextInt(7) : 1;
    if (unit == Period.CalendarUnit.MINUTE && spanMillis > 86_400_000L) {
      amount = 15 * (1 + random.nextInt(8));
    }
    return Period.calendar(unit, amount);
  }

  /**
   * Random aggregates: none (the standard five) or a subset of those the meter's type allows, now
   * and then with one it does not (refused by both engines alike).
   */
  private List<Aggregation> aggregations(MeterType type) {
    List<Aggregation> all =
        new ArrayList<>(
            List.of(
                Aggregation.of(AggregateFunction.COUNT),
                Aggregation.of(AggregateFunction.SUM),
                Aggregation.of(AggregateFunction.AVG),
                Aggregation.of(AggregateFunction.MIN),
                Aggregation.of(AggregateFunction.MAX),
                Aggregation.of(AggregateFunction.STDDEV),
                Aggregation.cardinality(Dimension.RESOURCE_ID),
                Aggregation.cardinality(Dimension.PROJECT_ID),
                Aggregation.cardinality(Dimension.USER_ID),
                Aggregation.percentile(Percentile.of(pick(PERCENTILES))),
                Aggregation.percentile(Percentile.of(pick(PERCENTILES)))));
    boolean mismatch = random.nextInt(25) == 0;
    for (AggregateFunction function :
        List.of(AggregateFunction.INCREASE, AggregateFunction.INTEGRAL, AggregateFunction.TWA)) {
      if (type == null || mismatch || function.requiredMeterType().orElseThrow() == type) {
        // Three copies: spreading aggregates are picked as often as all the others together.
        for (int copy = 0; copy < 3; copy++) {
          all.add(Aggregation.of(function));
        }
      }
    }
    Collections.shuffle(all, random);
    return random.nextInt(3) == 0
        ? List.of()
        : new ArrayList<>(all.subList(0, 1 + random.nextInt(all.size())));
  }

  SampleQuery sampleQuery() {
    SampleQuery.Builder b = SampleQuery.builder().filter(filter());
    if (random.nextInt(3) > 0) {
      b.meter(meter());
    }
    long from = random.nextBoolean() ? Long.MIN_VALUE : instant();
    long to = random.nextBoolean() ? Long.MAX_VALUE : instant();
    b.range(TimeRange.of(Math.min(from, to), Math.max(from, to)));
    if (random.nextBoolean()) {
      b.limit(1 + random.nextInt(1 + timestamps.size()));
    }
    if (random.nextInt(3) == 0 && !recordedTimes.isEmpty()) {
      long recorded = recordedTimes.get(random.nextInt(recordedTimes.size()));
      b.asOf(Instant.ofEpochMilli(recorded + pick(new long[] {-1, 0, 999, 1000})));
    }
    return b.build();
  }

  ResourceQuery resourceQuery() {
    long from = random.nextBoolean() ? Long.MIN_VALUE : instant();
    long to = random.nextBoolean() ? Long.MAX_VALUE : instant();
    return new ResourceQuery(filter(), TimeRange.of(Math.min(from, to), Math.max(from, to)));
  }

  /** Dimension values (known ones, an unknown one, null) and typed metadata matches. */
  Filter filter() {
    Filter.Builder b = Filter.builder();
    for (Dimension d : Dimension.values()) {
      if (random.nextInt(8) == 0) {
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          List<String> values = known.getOrDefault(d, List.of());
          int choice = random.nextInt(values.size() + 2);
          b.equal(
              d,
              choice < values.size()
                  ? values.get(choice)
                  : choice == values.size() ? "unknown-" + d : null);
        }
      }
    }
    for (int i = 0, n = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; i < n; i++) {
      String key =
          random.nextInt(8) == 0 ? "missing" : METADATA_KEYS[random.nextInt(METADATA_KEYS.length)];
      String value = METADATA_VALUES[random.nextInt(METADATA_VALUES.length)];
      ValueType type = ValueType.values()[random.nextInt(ValueType.values().length)];
      try {
        b.metadata(new MetadataMatch(key, value, type));
      } catch (InvalidQueryException notOfThatType) {
        b.metadata(MetadataMatch.inferred(key, value));
      }
    }
    return b.build();
  }

  private String meter() {
    return meterNames.isEmpty() || random.nextInt(12) == 0
        ? "unknown_meter"
        : meterNames.get(random.nextInt(meterNames.size()));
  }

  /** A sample's timestamp exactly, or an instant around the data. */
  private long instant() {
    if (!timestamps.isEmpty() && random.nextBoolean()) {
      return timestamps.get(random.nextInt(timestamps.size()));
    }
    long low = timestamps.isEmpty() ? 0 : Collections.min(timestamps) - spanMillis / 10;
    long high = timestamps.isEmpty() ? spanMillis : Collections.max(timestamps) + spanMillis / 10;
    return low + (long) (random.nextDouble() * (high - low + 1));
  }

  // ---------------------------------------------------------------------------------------------

  private Map<String, String> randomMetadata() {
    Map<String, String> metadata = new TreeMap<>();
    for (int i = 0, n = random.nextInt(4); i < n; i++) {
      metadata.put(
          METADATA_KEYS[random.nextInt(METADATA_KEYS.length)],
          METADATA_VALUES[random.nextInt(METADATA_VALUES.length)]);
    }
    return metadata;
  }

  private double volume(String kind) {
    switch (kind) {
      case "small integers":
        return random.nextInt(111) - 10;
      case "fractions":
        return random.nextDouble();
      case "around 1e15":
        return 1e15 + random.nextInt(1000);
      default:
        return (random.nextBoolean() ? -1 : 1)
            * random.nextDouble()
            * Math.pow(10, random.nextInt(31) - 15);
    }
  }

  private String orNull(String prefix, int distinct) {
    return random.nextInt(5) == 0 ? null : prefix + random.nextInt(distinct);
  }

  private static Sample copy(Sample s, double volume, long timestampMillis, String messageId) {
    return new Sample(
        s.meterName(),
        s.type(),
        s.unit(),
        volume,
        timestampMillis,
        s.resourceId(),
        s.projectId(),
        s.userId(),
        s.source(),
        s.metadata(),
        messageId);
  }

  private int pick(int[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private long pick(long[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private double pick(double[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
