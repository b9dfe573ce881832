package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Time-in-state and time-weighted aggregates against a naive reference: a list of samples in
 * arrival order, a stable sort per series, and a walk with exact BigDecimal arithmetic.
 */
class UsageAggregatesPropertyTest {
  private static final List<String> STATES = List.of("RUNNING", "STOPPED", "PAUSED", "STARTING");

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long seed = 1; seed <= 150; seed++) {
      seeds.add(seed * 7919);
    }
    return seeds;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void timeInStateEqualsTheNaiveStateMachine(long seed) {
    Random random = new Random(seed);
    List<Sample> samples = randomEvents(random);
    MeterStore store = store(random, samples);
    long from = random.nextInt(2_000);
    long to = from + random.nextInt(3_000);
    List<GroupBy> groupBy = randomGroupBy(random);
    Filter filter = randomFilter(random);
    Set<String> active = random.nextBoolean() ? Set.of("RUNNING") : Set.of("RUNNING", "STARTING");
    TimeInStateQuery query =
        new TimeInStateQuery("events", TimeRange.of(from, to), filter, groupBy, "state", active);

    List<StateTime> actual = new QueryEngine(store).timeInState(store.snapshot(), query);

    Map<Map<String, String>, Long> expected = new HashMap<>();
    for (List<Sample> series : bySeries(samples, filter).values()) {
      Sample before = null;
      List<Sample> inside = new ArrayList<>();
      for (Sample s : series) {
        if (s.timestampMillis() < from) {
          before = s;
        } else if (s.timestampMillis() < to) {
          inside.add(s);
        }
      }
      boolean on = before != null && active.contains(before.metadata().get("state"));
      long since = from;
      Map<String, String> group = before == null ? null : groupOf(before, groupBy);
      for (Sample s : inside) {
        boolean now = active.contains(s.metadata().get("state"));
        if (now && !on) {
          since = s.timestampMillis();
          group = groupOf(s, groupBy);
        } else if (!now && on) {
          expected.merge(group, s.timestampMillis() - since, Long::sum);
        }
        on = now || on && now;
      }
      if (on) {
        expected.merge(group, to - since, Long::sum);
      }
    }
    Map<Map<String, String>, Long> actualMap = new HashMap<>();
    for (StateTime row : actual) {
      actualMap.put(row.groupBy() == null ? Map.of() : row.groupBy(), row.activeMillis());
    }
    Map<Map<String, String>, Long> expectedMap = new HashMap<>();
    expected.forEach((group, millis) -> expectedMap.put(group == null ? Map.of() : group, millis));
    assertThat(actualMap).as("seed %d, query %s", seed, query).isEqualTo(expectedMap);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void timeWeightedIntegralsEqualExactArithmetic(long seed) {
    Random random = new Random(seed);
    List<Sample> samples = randomEvents(random);
    MeterStore store = store(random, samples);
    long from = random.nextInt(2_000);
    long to = from + 1 + random.nextInt(3_000);
    long slot = 1 + random.nextInt(400);
    long holdUntil = from + random.nextInt(4_000);
    List<GroupBy> groupBy = randomGroupBy(random);
    Filter filter = randomFilter(random);
    TimeWeightedQuery query =
        new TimeWeightedQuery("events", TimeRange.of(from, to), filter, groupBy, slot, holdUntil);

    List<WeightedSlot> actual = new QueryEngine(store).timeWeighted(store.snapshot(), query);

    Map<List<Object>, BigDecimal> expected = new HashMap<>();
    long end = Math.min(to, holdUntil);
    for (List<Sample> series : bySeries(samples, filter).values()) {
      for (int i = 0; i < series.size(); i++) {
        Sample s = series.get(i);
        long segmentStart = Math.max(s.timestampMillis(), from);
        long segmentEnd = i + 1 < series.size() ? series.get(i + 1).timestampMillis() : end;
        segmentEnd = Math.min(segmentEnd, end);
        Map<String, String> group = groupOf(s, groupBy);
        for (long t = Math.floorDiv(segmentStart, slot) * slot; t < segmentEnd; t += slot) {
          long overlap = Math.min(segmentEnd, t + slot) - Math.max(segmentStart, t);
          if (overlap > 0) {
            expected.merge(
                List.of(group == null ? Map.of() : group, Math.max(t, from)),
                new BigDecimal(s.volume()).multiply(BigDecimal.valueOf(overlap)),
                BigDecimal::add);
          }
        }
      }
    }
    Map<List<Object>, BigDecimal> actualMap = new HashMap<>();
    for (WeightedSlot row : actual) {
      assertThat(row.slotEndMillis() - row.slotStartMillis())
          .isPositive()
          .isLessThanOrEqualTo(slot);
      actualMap.put(
          List.of(row.groupBy() == null ? Map.of() : row.groupBy(), row.slotStartMillis()),
          row.integral());
    }
    assertThat(actualMap.keySet()).as("seed %d slots", seed).isEqualTo(expected.keySet());
    expected.forEach(
        (key, exact) ->
            assertThat(actualMap.get(key).subtract(exact).abs())
                .as("seed %d slot %s", seed, key)
                .isLessThanOrEqualTo(
                    exact.abs().multiply(new BigDecimal("1e-25")).add(new BigDecimal("1e-20"))));
    List<Long> starts =
        actual.stream().map(WeightedSlot::slotStartMillis).collect(Collectors.toList());
    assertThat(starts).as("ordered by slot start").isSorted();
  }

  private static List<Sample> randomEvents(Random random) {
    int series = 1 + random.nextInt(6);
    int count = random.nextInt(120);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int s = random.nextInt(series);
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("state", STATES.get(random.nextInt(STATES.size())));
      metadata.put("location", "L" + (s % 3 == 0 ? random.nextInt(2) : s % 3));
      double volume = random.nextInt(4) == 0 ? random.nextGaussian() * 1e12 : random.nextInt(5000);
      samples.add(
          Sample.builder("events", MeterType.GAUGE, "u")
              .volume(volume)
              .timestampMillis(random.nextInt(5) == 0 ? 1000 : random.nextInt(6_000))
              .resourceId("r" + s)
              .projectId(s % 2 == 0 ? "p0" : "p1")
              .userId(s == 3 ? null : "u" + (s % 3))
              .metadata(metadata)
              .build());
    }
    return samples;
  }

  private static MeterStore store(Random random, List<Sample> samples) {
    int[] sizes = {8, 16, 64, 4096};
    MeterStore store =
        MeterStore.create(
            StoreConfig.builder().chunkRows(sizes[random.nextInt(sizes.length)]).build());
    int i = 0;
    while (i < samples.size()) {
      int batch = 1 + random.nextInt(20);
      store.recordAll(samples.subList(i, Math.min(samples.size(), i + batch)));
      i += batch;
    }
    return store;
  }

  private static List<GroupBy> randomGroupBy(Random random) {
    List<GroupBy> all =
        List.of(
            GroupBy.of(Dimension.PROJECT_ID),
            GroupBy.of(Dimension.USER_ID),
            GroupBy.metadata("location", "location"),
            GroupBy.of(Dimension.RESOURCE_ID));
    List<GroupBy> chosen = new ArrayList<>();
    for (GroupBy g : all) {
      if (random.nextInt(3) == 0) {
        chosen.add(g);
      }
    }
    return chosen;
  }

  private static Filter randomFilter(Random random) {
    Filter.Builder filter = Filter.builder();
    if (random.nextInt(3) == 0) {
      filter.equal(Dimension.PROJECT_ID, random.nextBoolean() ? "p0" : "p1");
    }
    if (random.nextInt(4) == 0) {
      filter.metadata(MetadataMatch.string("location", "L" + random.nextInt(3)));
    }
    return filter.build();
  }

  private static Map<List<String>, List<Sample>> bySeries(List<Sample> samples, Filter filter) {
    Map<List<String>, List<Sample>> series = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (accepts(filter, s)) {
        series
            .computeIfAbsent(
                java.util.Arrays.asList(s.resourceId(), s.projectId(), s.userId(), s.source()),
                k -> new ArrayList<>())
            .add(s);
      }
    }
    series.values().forEach(list -> list.sort(Comparator.comparingLong(Sample::timestampMillis)));
    return series;
  }

  private static boolean accepts(Filter filter, Sample s) {
    for (Map.Entry<Dimension, Set<String>> entry : filter.dimensions().entrySet()) {
      String value =
          switch (entry.getKey()) {
            case RESOURCE_ID -> s.resourceId();
            case PROJECT_ID -> s.projectId();
            case USER_ID -> s.userId();
            case SOURCE -> s.source();
          };
      if (!entry.getValue().contains(value)) {
        return false;
      }
    }
    return filter.acceptsMetadata(s.metadata());
  }

  private static Map<String, String> groupOf(Sample s, List<GroupBy> groupBy) {
    if (groupBy.isEmpty()) {
      return null;
    }
    Map<String, String> group = new LinkedHashMap<>();
    for (GroupBy g : groupBy) {
      String value =
          g.metadataKey() != null
              ? s.metadata().get(g.metadataKey())
              : switch (g.dimension()) {
                case RESOURCE_ID -> s.resourceId();
                case PROJECT_ID -> s.projectId();
                case USER_ID -> s.userId();
                case SOURCE -> s.source();
              };
      group.put(g.label(), value);
    }
    return group;
  }
}
