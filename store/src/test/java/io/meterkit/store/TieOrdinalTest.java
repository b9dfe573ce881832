package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.state.MessageIds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tie ordinal of an id-less row (the number in its assigned message id) is one more than the
 * largest tie ordinal stored at its series and millisecond, 0 when there is none. Checked against
 * {@link ReferenceStore}'s naive count on the arrival patterns the writer's shortcuts treat apart:
 * rows later than their series' latest, repeats of the latest millisecond, late rows a short walk
 * back along the head finds, late rows deep enough to make the writer index its head, repeated
 * bodies spanning many chunks; and after retention and a reopen, where the writer recomputes what
 * it keeps.
 */
class TieOrdinalTest {
  private static final long T0 = Batches.START_MILLIS;

  @TempDir Path directory;

  static LongStream seeds() {
    String seed = System.getProperty("meterkit.seed");
    return seed != null ? LongStream.of(Long.parseLong(seed)) : LongStream.rangeClosed(1, 24);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void assignedIdsCountTheRowsAtTheirSeriesAndMillisecondAsANaiveCountDoes(long seed) {
    Random random = new Random(seed * 0x9E3779B97F4A7C15L);
    int chunkRows = new int[] {8, 64, 1000, StoreConfig.DEFAULT_CHUNK_ROWS}[random.nextInt(4)];
    MeterStore store = MeterStore.create(StoreConfig.builder().chunkRows(chunkRows).build());
    ReferenceStore reference = new ReferenceStore();
    for (int batch = 0; batch < 12; batch++) {
      List<Sample> samples = pattern(random, random.nextInt(5));
      assertThat(store.recordAllWithIds(samples).messageIds())
          .as("seed %d, chunkRows %d, batch %d", seed, chunkRows, batch)
          .isEqualTo(reference.recordAll(samples, 0));
    }
  }

  // One of five arrival patterns over 3 resources and a window of 200 milliseconds.
  private static List<Sample> pattern(Random random, int kind) {
    List<Sample> samples = new ArrayList<>();
    int size = 1 + random.nextInt(400);
    for (int i = 0; i < size; i++) {
      long millis =
          switch (kind) {
            case 0 -> T0 + i; // in order, repeating the window on the next batch of this kind
            case 1 -> T0 + 199 - (i % 200); // newest first: a walk back along the whole chain
            case 2 -> T0 + 100; // one millisecond, over and over
            case 3 -> T0 + random.nextInt(200); // anywhere in the window
            default -> T0 + 10_000 + random.nextInt(3); // a few milliseconds, later than all
          };
      samples.add(gauge("vm-" + random.nextInt(3), millis, i));
    }
    if (kind == 0 && random.nextBoolean()) {
      Collections.reverse(samples);
    }
    return samples;
  }

  @Test
  @Timeout(10)
  void aSeriesReceivingItsRowsNewestFirstCostsNoMoreThanInOrder() {
    // 100,000 rows of one series, each older than every stored one, twice: walking back along the
    // series' head rows for each would take 5 billion steps (half a minute here); a head index and
    // a binary search of the series' blocks in each sealed chunk take about a second.
    MeterStore store = MeterStore.inMemory();
    int rows = 100_000;
    List<Sample> samples = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      samples.add(gauge("vm-1", T0 + rows - i, i));
    }
    store.recordAll(samples);

    List<String> ids = store.recordAllWithIds(samples).messageIds();

    for (int i = 0; i < rows; i += 997) {
      assertThat(ids.get(i)).isEqualTo(MessageIds.format(T0 + rows - i, 1, 0, 0));
    }
  }

  @Test
  @Timeout(10)
  void repeatingTheSameBodyCostsTheSameEachTime() {
    // 1,000 posts of one body (20 rows of each of 50 series at 20 milliseconds): a million rows in
    // 15 chunks; every row's tie ordinal is the number of posts before it. Searching the head and
    // every chunk for each row would take about a minute here; the table of ties, a few seconds.
    List<Sample> body = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      body.add(gauge("vm-" + (i % 50), T0 + 1_000L * (i / 50), i));
    }
    MeterStore store = MeterStore.inMemory();
    List<String> ids = List.of();
    for (int post = 0; post < 1_000; post++) {
      ids = store.recordAllWithIds(body).messageIds();
    }

    for (int i = 0; i < body.size(); i += 37) {
      assertThat(ids.get(i)).isEqualTo(MessageIds.format(T0 + 1_000L * (i / 50), 999, 0, i % 50));
    }
  }

  @Test
  void afterRetentionTheTieFollowsTheLargestOfTheRowsThatRemain() {
    TestClock clock = new TestClock(T0 + 100 * 3_600_000L);
    MeterStore store = MeterStore.create(StoreConfig.builder().chunkRows(8).clock(clock).build());
    List<Sample> old = new ArrayList<>();
    old.add(gauge("vm-1", T0, 0));
    old.add(gauge("vm-1", T0, 1)); // tie 1
    for (int i = 1; i <= 5; i++) {
      old.add(gauge("vm-1", T0 + i, 1 + i));
    }
    old.add(gauge("vm-1", T0 + 9, 7)); // the series' latest, sealed with the rest
    store.recordAll(old);
    store.recordAll(List.of(gauge("vm-1", T0 + 5, 8))); // tie 1, in the head

    assertThat(store.dropChunksOlderThan(Duration.ofHours(99))).isEqualTo(8);

    List<String> ids =
        store
            .recordAllWithIds(
                List.of(
                    gauge("vm-1", T0, 9), // its rows (ties 0 and 1) were dropped
                    gauge("vm-1", T0 + 9, 10), // the series' latest was dropped
                    gauge("vm-1", T0 + 5, 11), // after tie 1 in the head
                    gauge("vm-1", T0 + 9, 12))) // after the row two lines up
            .messageIds();
    assertThat(ids)
        .containsExactly(
            MessageIds.format(T0, 0, 0, 0),
            MessageIds.format(T0 + 9, 0, 0, 0),
            MessageIds.format(T0 + 5, 2, 0, 0),
            MessageIds.format(T0 + 9, 1, 0, 0));
  }

  @Test
  void aReopenedStoreGoesOnNumberingTiesAsTheStoreThatWroteItWould() throws IOException {
    StoreConfig config = StoreConfig.builder().chunkRows(8).build();
    DurabilityOptions options =
        DurabilityOptions.builder()
            .storeConfig(config)
            .fsyncNever()
            .snapshotEverySealedChunks(0)
            .snapshotEvery(Duration.ZERO)
            .checkpointOnClose(false)
            .build();
    Random random = new Random(7);
    ReferenceStore reference = new ReferenceStore();
    try (MeterStore store = MeterStore.open(directory, options)) {
      for (int batch = 0; batch < 6; batch++) {
        List<Sample> samples = pattern(random, batch % 4);
        store.recordAll(samples);
        reference.recordAll(samples, 0);
        if (batch == 3) {
          store.checkpoint(); // sealed chunks with ties in the snapshot, the rest in the log
        }
      }
    }

    try (MeterStore reopened = MeterStore.open(directory, options)) {
      for (int batch = 0; batch < 4; batch++) {
        List<Sample> samples = pattern(random, batch);
        assertThat(reopened.recordAllWithIds(samples).messageIds())
            .as("batch %d after reopening", batch)
            .isEqualTo(reference.recordAll(samples, 0));
      }
    }
  }

  private static Sample gauge(String resource, long millis, double volume) {
    return Sample.builder("cpu_util", MeterType.GAUGE, "%")
        .volume(volume)
        .timestampMillis(millis)
        .resourceId(resource)
        .projectId("p")
        .metadata(Map.of())
        .build();
  }
}
