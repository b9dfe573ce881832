package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentSnapshotTest {
  private static final int WRITERS = 3;
  private static final int CHECKPOINTS = 8;
  private static final int BATCHES_AHEAD = 100;

  @TempDir Path directory;

  @Test
  void snapshotsTakenWhileWritersRunHoldWholeBatchesAndRecoveryBringsBackExactlyTheAcknowledged()
      throws Exception {
    DurabilityOptions options =
        DurabilityOptions.builder()
            .storeConfig(StoreConfig.builder().chunkRows(64).build())
            .fsyncEvery(Duration.ofMillis(5))
            .snapshotEverySealedChunks(4)
            .snapshotEvery(Duration.ZERO)
            .checkpointOnClose(false)
            .build();
    MeterStore store = MeterStore.open(directory, options);
    List<List<IngestReceipt>> acknowledged = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger checkpointsDone = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      List<IngestReceipt> receipts = Collections.synchronizedList(new ArrayList<>());
      acknowledged.add(receipts);
      int writer = w;
      writers.add(
          new Thread(() -> write(store, writer, stop, checkpointsDone, receipts), "writer-" + w));
    }
    writers.forEach(Thread::start);
    // Writers may run at most BATCHES_AHEAD batches ahead of the checkpoints done; a checkpoint
    // starts once every writer is halfway through its allowance, so it overlaps the other half.
    // That bounds the batches to check however slow the disk is.
    for (int checkpoint = 0; checkpoint < CHECKPOINTS; checkpoint++) {
      int halfway = checkpoint * BATCHES_AHEAD + BATCHES_AHEAD / 2;
      while (acknowledged.stream().anyMatch(receipts -> receipts.size() < halfway)) {
        Thread.sleep(1);
      }
      store.checkpoint();
      checkpointsDone.incrementAndGet();
    }
    stop.set(true);
    for (Thread writer : writers) {
      writer.join();
    }
    System.out.println(
        "ConcurrentSnapshotTest: "
            + CHECKPOINTS
            + " checkpoints while writing "
            + acknowledged.stream().mapToInt(List::size).sum()
            + " batches");
    long stored =
        acknowledged.stream().flatMap(List::stream).mapToLong(IngestReceipt::stored).sum();
    assertThat(store.snapshot().sampleCount()).isEqualTo(stored);
    String before = StoreContents.of(store);
    DurableStoreTest.crash(store);

    // Snapshot plus log: exactly the acknowledged batches, each once.
    Path snapshotOnly = directory.resolveSibling(directory.getFileName() + "-snapshot-only");
    StoreContents.copyTree(directory, snapshotOnly);
    MeterStore recovered = MeterStore.open(directory, options);
    assertThat(StoreContents.of(recovered)).isEqualTo(before);
    assertThat(recovered.snapshot().sampleCount()).isEqualTo(stored);
    for (List<IngestReceipt> receipts : acknowledged) {
      for (IngestReceipt receipt : receipts) {
        for (String id : receipt.messageIds()) {
          assertThat(recovered.sample(id)).as(id).isPresent();
        }
      }
    }
    DurableStoreTest.crash(recovered);

    // The newest snapshot alone: a prefix of whole batches, as many as the log positions it covers.
    try (Stream<Path> segments = Files.list(snapshotOnly.resolve("log"))) {
      for (Path segment : (Iterable<Path>) segments::iterator) {
        Files.delete(segment);
      }
    }
    MeterStore fromSnapshot = MeterStore.open(snapshotOnly, options);
    long covered = fromSnapshot.recoveryReport().orElseThrow().snapshotLogPosition();
    long wholeBatches = 0;
    for (List<IngestReceipt> receipts : acknowledged) {
      boolean gone = false;
      for (IngestReceipt receipt : receipts) {
        long present =
            receipt.messageIds().stream().filter(id -> fromSnapshot.sample(id).isPresent()).count();
        assertThat(present)
            .as("a batch is whole or absent")
            .isIn(0L, (long) receipt.messageIds().size());
        if (present > 0) {
          assertThat(gone).as("each writer's batches are a prefix").isFalse();
          wholeBatches++;
        } else {
          gone = true;
        }
      }
    }
    assertThat(wholeBatches).isEqualTo(covered);
    DurableStoreTest.crash(fromSnapshot);
  }

  // Every sample has its own timestamp, so an assigned id names one row only.
  private static void write(
      MeterStore store,
      int writer,
      AtomicBoolean stop,
      AtomicInteger checkpointsDone,
      List<IngestReceipt> receipts) {
    Random random = new Random(writer);
    long timestamp = Batches.START_MILLIS + writer * 1_000_000_000L;
    int batchNumber = 0;
    while (!stop.get()) {
      if (batchNumber >= BATCHES_AHEAD * (checkpointsDone.get() + 1)) {
        LockSupport.parkNanos(100_000);
        continue;
      }
      List<Sample> batch = new ArrayList<>();
      int size = 1 + random.nextInt(20);
      for (int s = 0; s < size; s++) {
        batch.add(
            Sample.builder(s % 2 == 0 ? "cpu_util" : "memory.usage", MeterType.GAUGE, "%")
                .volume(random.nextInt(100))
                .timestampMillis(timestamp++)
                .resourceId("vm-" + writer + "-" + random.nextInt(8))
                .projectId("project-" + writer)
                .messageId(
                    random.nextBoolean() ? "w" + writer + "-b" + batchNumber + "-s" + s : null)
                .build());
      }
      receipts.add(store.recordAllWithIds(batch));
      batchNumber++;
      LockSupport.parkNanos(200_000); // paced, so writes go on throughout each checkpoint
    }
  }
}
