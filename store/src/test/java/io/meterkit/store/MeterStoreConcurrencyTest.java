package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesBlock;
import io.meterkit.store.spi.SeriesSelection;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Writers record tagged batches while readers take snapshots: every snapshot holds each batch
 * entirely or not at all, and in the end nothing is lost or duplicated. No timing assertions: the
 * test only bounds how long it keeps the threads busy.
 */
class MeterStoreConcurrencyTest {
  private static final long SEED = 20141022L;
  private static final int WRITERS = 3;
  private static final int READERS = 2;
  private static final long WRITE_NANOS = 1_500_000_000L;
  private static final int MAX_BATCHES_PER_WRITER = 500;
  private static final long T0 = 1_413_936_000_000L;
  private static final RandomSamples.MeterSpec[] METERS =
      RandomSamples.METERS.subList(0, 3).toArray(new RandomSamples.MeterSpec[0]);

  /** What a writer recorded: every batch's tag and size, and every id the store returned. */
  private record Recorded(Map<String, Integer> sizes, Map<String, String> tagsById) {}

  private final MeterStore store = MeterStore.create(StoreConfig.builder().chunkRows(16).build());
  private final Map<String, Integer> committedSizes = new ConcurrentHashMap<>();
  private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean(true);

  @Test
  void everySnapshotHoldsWholeBatchesAndNothingIsLostOrDuplicated() throws InterruptedException {
    System.out.println("MeterStoreConcurrencyTest seed " + SEED);
    CountDownLatch start = new CountDownLatch(1);
    List<Recorded> recorded = new ArrayList<>();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      Recorded mine = new Recorded(new HashMap<>(), new HashMap<>());
      recorded.add(mine);
      int writer = w;
      writers.add(thread("writer-" + w, start, () -> write(writer, mine)));
    }
    List<Thread> readers = new ArrayList<>();
    int[] snapshotsRead = new int[READERS];
    for (int r = 0; r < READERS; r++) {
      int reader = r;
      readers.add(thread("reader-" + r, start, () -> snapshotsRead[reader] = read(reader)));
    }

    start.countDown();
    for (Thread writer : writers) {
      writer.join();
    }
    writing.set(false);
    for (Thread reader : readers) {
      reader.join();
    }

    assertThat(failures).as("seed %d: failures in writer and reader threads", SEED).isEmpty();
    Map<String, Integer> sizes = new HashMap<>();
    Map<String, String> tagsById = new HashMap<>();
    for (Recorded mine : recorded) {
      sizes.putAll(mine.sizes());
      tagsById.putAll(mine.tagsById());
    }
    StoreSnapshot last = store.snapshot();
    assertThat(rowsPerBatch(last)).as("seed %d: rows per batch at the end", SEED).isEqualTo(sizes);
    assertThat(last.sampleCount())
        .as("seed %d: sampleCount", SEED)
        .isEqualTo(sizes.values().stream().mapToLong(Integer::longValue).sum());
    for (Map.Entry<String, String> idAndTag : tagsById.entrySet()) {
      StoredSample sample = store.sample(idAndTag.getKey()).orElseThrow();
      assertThat(sample.sample().metadata().get("batch"))
          .as("seed %d: sample(%s)", SEED, idAndTag.getKey())
          .isEqualTo(idAndTag.getValue());
    }
    assertThat(snapshotsRead).as("seed %d: every reader read", SEED).doesNotContain(0);
    System.out.println(
        "MeterStoreConcurrencyTest batches "
            + sizes.size()
            + ", rows "
            + last.sampleCount()
            + ", snapshots read "
            + java.util.Arrays.toString(snapshotsRead));
  }

  private Thread thread(String name, CountDownLatch start, Runnable body) {
    Thread thread =
        new Thread(
            () -> {
              try {
                start.await();
                body.run();
              } catch (Throwable t) {
                failures.add(t);
              }
            },
            name);
    thread.start();
    return thread;
  }

  /**
   * Records batches tagged {@code w<writer>-b<n>} (a metadata entry on every sample, with the batch
   * size), some with client ids and some without, and now and then retries an earlier batch with
   * the ids the store returned for it: a retry must store nothing.
   */
  private void write(int writer, Recorded mine) {
    Random random = new Random(SEED + writer);
    List<List<Sample>> retryable = new ArrayList<>();
    long deadline = System.nanoTime() + WRITE_NANOS;
    for (int n = 0; n < MAX_BATCHES_PER_WRITER && System.nanoTime() < deadline; n++) {
      if (n % 10 == 9 && !retryable.isEmpty()) {
        List<Sample> retry = retryable.get(random.nextInt(retryable.size()));
        IngestReceipt receipt = store.recordAllWithIds(retry);
        assertThat(receipt.stored()).as("seed %d: retry of %s", SEED, tag(retry)).isZero();
        continue;
      }
      String tag = "w" + writer + "-b" + n;
      int size = 1 + random.nextInt(n % 4 == 0 ? 1 : 40);
      boolean clientIds = random.nextBoolean();
      List<Sample> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        RandomSamples.MeterSpec meter = METERS[random.nextInt(METERS.length)];
        batch.add(
            Sample.builder(meter.name(), meter.type(), meter.unit())
                .resourceId("instance-" + random.nextInt(20))
                .projectId(random.nextInt(4) == 0 ? null : "project-" + writer)
                .timestampMillis(T0 + n * 1000L + random.nextInt(60_000))
                .volume(random.nextInt(1000))
                .metadata(Map.of("batch", tag, "size", Integer.toString(size)))
                .messageId(clientIds ? tag + "-" + i : null)
                .build());
      }
      if (size == 1 && random.nextBoolean()) {
        assertThat(store.record(batch.get(0))).as("seed %d: record %s", SEED, tag).isTrue();
      } else {
        IngestReceipt receipt = store.recordAllWithIds(batch);
        assertThat(receipt.stored()).as("seed %d: stored of %s", SEED, tag).isEqualTo(size);
        List<Sample> withIds = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          mine.tagsById().put(receipt.messageIds().get(i), tag);
          withIds.add(batch.get(i).withMessageId(receipt.messageIds().get(i)));
        }
        retryable.add(withIds);
      }
      mine.sizes().put(tag, size);
      committedSizes.put(tag, size);
    }
  }

  private static String tag(List<Sample> batch) {
    return batch.get(0).metadata().get("batch");
  }

  /**
   * Reads snapshots until the writers are done: each must hold whole batches only, more and more of
   * them, and every batch committed before the snapshot was taken.
   */
  private int read(int reader) {
    Map<String, Integer> previous = Map.of();
    long previousCount = 0;
    int snapshots = 0;
    while (writing.get() || snapshots == 0) {
      Map<String, Integer> committedBefore = Map.copyOf(committedSizes);
      StoreSnapshot snapshot = store.snapshot();
      Map<String, Integer> declared = new HashMap<>();
      Map<String, Integer> rows = rowsPerBatch(snapshot, declared);
      String where = "seed " + SEED + ", reader " + reader + ", snapshot " + snapshots;
      assertThat(rows).as("%s: every batch whole", where).isEqualTo(declared);
      assertThat(rows)
          .as("%s: batches committed before it", where)
          .containsAllEntriesOf(committedBefore);
      assertThat(rows)
          .as("%s: batches of the previous snapshot", where)
          .containsAllEntriesOf(previous);
      assertThat(snapshot.sampleCount())
          .as("%s: sampleCount", where)
          .isEqualTo(rows.values().stream().mapToLong(Integer::longValue).sum())
          .isGreaterThanOrEqualTo(previousCount);
      if (snapshots % 25 == 0) {
        StoreReader.contents(where, snapshot); // checks every block of the snapshot
      }
      previous = rows;
      previousCount = snapshot.sampleCount();
      snapshots++;
    }
    return snapshots;
  }

  /** Counts the rows of every batch tag in a snapshot, by scanning every meter. */
  private static Map<String, Integer> rowsPerBatch(StoreSnapshot snapshot) {
    return rowsPerBatch(snapshot, new HashMap<>());
  }

  /** Counts the rows of every batch tag, and puts the size each batch declares in {@code sizes}. */
  private static Map<String, Integer> rowsPerBatch(
      StoreSnapshot snapshot, Map<String, Integer> sizes) {
    Map<String, Integer> rows = new HashMap<>();
    int[] metadataIds = new int[SeriesBlock.MAX_ROWS];
    for (MeterSnapshot meter : snapshot.meters()) {
      meter.scan(
          TimeRange.ALL,
          SeriesSelection.all(),
          block -> {
            block.readMetadataIds(metadataIds, 0);
            for (int i = 0; i < block.rowCount(); i++) {
              Map<String, String> metadata = snapshot.metadata(metadataIds[i]);
              rows.merge(metadata.get("batch"), 1, Integer::sum);
              sizes.put(metadata.get("batch"), Integer.parseInt(metadata.get("size")));
            }
          });
    }
    return rows;
  }
}
