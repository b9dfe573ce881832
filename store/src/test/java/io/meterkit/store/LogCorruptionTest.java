package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.state.MessageIds;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages the log the ways a crash or a bad disk does, and checks that recovery brings back every
 * acknowledged batch before the damage, exactly, drops the damaged one entirely, and says so.
 */
class LogCorruptionTest {
  private static final int BATCHES = 16; // 10 covered by a snapshot, 6 in the log after it
  // The log format: a 24-byte segment header; per record a 13-byte header and a 4-byte CRC.
  private static final int SEGMENT_HEADER_BYTES = 24;
  private static final int RECORD_HEADER_BYTES = 13;
  private static final int RECORD_TRAILER_BYTES = 4;

  @TempDir Path temp;

  private final TestClock clock = new TestClock(Batches.START_MILLIS);
  private final DurabilityOptions options =
      DurabilityOptions.builder()
          .storeConfig(StoreConfig.builder().chunkRows(16).clock(clock).build())
          .fsyncNever()
          .snapshotEverySealedChunks(0)
          .snapshotEvery(Duration.ZERO)
          .checkpointOnClose(false)
          .build();

  private Path pristine;
  private final List<String> contentsAfter = new ArrayList<>(); // after batch i (index i)
  private final List<IngestReceipt> receipts = new ArrayList<>();
  private int copies;

  @BeforeEach
  void writeAStoreWithASnapshotAndALogTail() throws IOException {
    pristine = temp.resolve("pristine");
    MeterStore store = MeterStore.open(pristine, options);
    Batches batches = new Batches(21);
    contentsAfter.add(StoreContents.of(store));
    for (int i = 1; i <= BATCHES; i++) {
      List<Sample> batch = new ArrayList<>();
      if (i < BATCHES) {
        batch.addAll(batches.next(12));
        batch.add(DurableStoreTest.gauge("vm-fresh", Batches.START_MILLIS + i, i, null));
      } else { // the last batch: one row with a client id, one the store assigns an id
        batch.add(DurableStoreTest.gauge("vm-last", Batches.START_MILLIS + i, 1.5, "last-1"));
        batch.add(DurableStoreTest.gauge("vm-last", Batches.START_MILLIS + i, 2.5, null));
      }
      receipts.add(store.recordAllWithIds(batch));
      assertThat(receipts.get(i - 1).stored()).isPositive(); // one log record per batch
      contentsAfter.add(StoreContents.of(store));
      clock.advance(Duration.ofMinutes(1).toMillis());
      if (i == 10) {
        store.checkpoint();
      }
    }
    DurableStoreTest.crash(store);
  }

  @Test
  void aLastRecordCutAtAnyByteIsDroppedWholeAndEverythingBeforeItComesBack() throws IOException {
    Record last = records().get((long) BATCHES);
    Path copy = copy();
    for (long cut = last.start(); cut < last.end(); cut++) {
      restoreLog(copy);
      truncate(segmentOf(copy, last), cut);

      MeterStore store = MeterStore.open(copy, options);

      assertRecoveredUpTo(store, BATCHES - 1);
      RecoveryReport report = store.recoveryReport().orElseThrow();
      assertThat(report.bytesTruncated()).isEqualTo(cut - last.start());
      assertThat(report.logPosition()).isEqualTo(BATCHES - 1);
      assertThat(report.recordsReplayed()).isEqualTo(BATCHES - 1 - 10);
      if (cut == last.start()) {
        assertThat(report.truncated()).isFalse(); // the log simply ends before the record
      } else {
        String damage =
            cut - last.start() < 4
                ? "short length (" + (cut - last.start()) + " of 4 bytes)"
                : "short record (" + (cut - last.start()) + " of " + last.length() + " bytes)";
        assertThat(report.truncationReason())
            .isEqualTo(
                damage
                    + " in the record at byte "
                    + last.start()
                    + " of log segment "
                    + last.segment()
                    + " (position "
                    + BATCHES
                    + "); cut "
                    + (cut - last.start())
                    + " bytes");
      }
      DurableStoreTest.crash(store);
    }
  }

  @Test
  void aLastRecordWithAnyByteFlippedIsDroppedWholeAndEverythingBeforeItComesBack()
      throws IOException {
    Record last = records().get((long) BATCHES);
    Path copy = copy();
    for (long at = last.start(); at < last.end(); at++) {
      restoreLog(copy);
      flip(segmentOf(copy, last), at);

      MeterStore store = MeterStore.open(copy, options);

      assertRecoveredUpTo(store, BATCHES - 1);
      RecoveryReport report = store.recoveryReport().orElseThrow();
      assertThat(report.truncated()).isTrue();
      assertThat(report.bytesTruncated()).isEqualTo(last.length());
      assertThat(report.truncationReason())
          .matches(
              "(CRC mismatch|short record \\(\\d+ of \\d+ bytes\\)|bad record header \\(payload"
                  + " length -?\\d+\\)) in the record at byte "
                  + last.start()
                  + " of log segment "
                  + last.segment()
                  + " \\(position "
                  + BATCHES
                  + "\\); cut "
                  + last.length()
                  + " bytes");
      DurableStoreTest.crash(store);
    }
  }

  @Test
  void aDamagedRecordFollowedByIntactOnesEndsTheLogThere() throws IOException {
    Map<Long, Record> records = records();
    Record damaged = records.get(13L);
    Path copy = copy();
    flip(segmentOf(copy, damaged), damaged.start() + 20);

    MeterStore store = MeterStore.open(copy, options);

    assertRecoveredUpTo(store, 12);
    RecoveryReport report = store.recoveryReport().orElseThrow();
    long cut = records.get((long) BATCHES).end() - damaged.start();
    assertThat(report.bytesTruncated()).isEqualTo(cut);
    assertThat(report.truncationReason())
        .isEqualTo(
            "CRC mismatch in the record at byte "
                + damaged.start()
                + " of log segment "
                + damaged.segment()
                + " (position 13); cut "
                + cut
                + " bytes");
    // The store goes on from the cut: the next batch is record 13 again.
    store.recordAll(new Batches(99).next(5));
    assertThat(store.durable()).isNotNull();
    DurableStoreTest.crash(store);
    MeterStore again = MeterStore.open(copy, options);
    assertThat(again.recoveryReport().orElseThrow().logPosition()).isEqualTo(13);
    assertThat(again.recoveryReport().orElseThrow().truncated()).isFalse();
    DurableStoreTest.crash(again);
  }

  @Test
  void aTornHeaderOfANewSegmentIsCutAndTheLogContinues() throws IOException {
    Path copy = copy();
    Path torn = copy.resolve("log").resolve(StoreFiles.segmentName(BATCHES + 1));
    Files.write(torn, new byte[] {'M', 'E', 'T', 'E', 'R', 'W', 'A', 'L', 1, 0});

    MeterStore store = MeterStore.open(copy, options);

    assertRecoveredUpTo(store, BATCHES);
    assertThat(store.recoveryReport().orElseThrow().truncationReason())
        .isEqualTo(
            "bad segment header (10 of 24 bytes) of log segment "
                + torn.getFileName()
                + " (position "
                + (BATCHES + 1)
                + "); cut 10 bytes");
    store.recordAll(new Batches(99).next(5));
    DurableStoreTest.crash(store);
  }

  @Test
  void aDamagedRecordInAnEarlierSegmentDropsTheLaterSegmentsToo() throws IOException {
    Path small = temp.resolve("small");
    MeterStore store =
        MeterStore.open(
            small,
            DurabilityOptions.builder()
                .storeConfig(StoreConfig.builder().chunkRows(16).clock(clock).build())
                .fsyncNever()
                .logSegmentBytes(1024)
                .checkpointOnClose(false)
                .build());
    Batches batches = new Batches(5);
    List<String> contents = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      store.recordAll(batches.next(10));
      contents.add(StoreContents.of(store));
    }
    DurableStoreTest.crash(store);
    TreeMap<Long, Path> segments =
        StoreFiles.list(small.resolve("log"), "", StoreFiles.SEGMENT_SUFFIX);
    assertThat(segments).hasSizeGreaterThan(3);
    Map.Entry<Long, Path> second = segments.higherEntry(segments.firstKey());
    long laterBytes = 0;
    for (Path later : segments.tailMap(second.getKey(), false).values()) {
      laterBytes += Files.size(later);
    }
    long secondSize = Files.size(second.getValue());
    flip(second.getValue(), SEGMENT_HEADER_BYTES + 30); // inside its first record

    MeterStore recovered = MeterStore.open(small, options);

    long firstLost = second.getKey();
    assertThat(StoreContents.of(recovered)).isEqualTo(contents.get((int) firstLost - 2));
    RecoveryReport report = recovered.recoveryReport().orElseThrow();
    assertThat(report.logPosition()).isEqualTo(firstLost - 1);
    assertThat(report.bytesTruncated()).isEqualTo(secondSize - SEGMENT_HEADER_BYTES + laterBytes);
    assertThat(report.truncationReason())
        .endsWith("with " + (segments.size() - 2) + " later segments");
    assertThat(StoreFiles.list(small.resolve("log"), "", StoreFiles.SEGMENT_SUFFIX).keySet())
        .containsExactly(segments.firstKey(), second.getKey());
    DurableStoreTest.crash(recovered);
  }

  private void assertRecoveredUpTo(MeterStore store, int batches) {
    assertThat(StoreContents.of(store)).isEqualTo(contentsAfter.get(batches));
    for (int i = 0; i < batches; i++) {
      for (String id : receipts.get(i).messageIds()) {
        assertThat(store.sample(id)).as("batch %d id %s", i + 1, id).isPresent();
      }
    }
    for (int i = batches; i < BATCHES; i++) {
      IngestReceipt lost = receipts.get(i);
      for (int s = 0; s < lost.messageIds().size(); s++) {
        if (MessageIds.parse(lost.messageIds().get(s)) == null) {
          // A client id: none of this batch's rows may be present (assigned ids may be reused).
          String id = lost.messageIds().get(s);
          boolean earlier = false;
          for (int j = 0; j < batches; j++) {
            earlier |= receipts.get(j).messageIds().contains(id);
          }
          if (!earlier) {
            assertThat(store.sample(id)).as("lost batch %d id %s", i + 1, id).isEmpty();
          }
        }
      }
    }
  }

  /** A record of the log: its segment, where it starts, its total length. */
  record Record(String segment, long start, long length) {
    long end() {
      return start + length;
    }
  }

  /** Lists every record of the pristine log by position. */
  private Map<Long, Record> records() throws IOException {
    Map<Long, Record> records = new TreeMap<>();
    for (Path segment :
        StoreFiles.list(pristine.resolve("log"), "", StoreFiles.SEGMENT_SUFFIX).values()) {
      ByteBuffer bytes =
          ByteBuffer.wrap(Files.readAllBytes(segment)).order(ByteOrder.LITTLE_ENDIAN);
      int offset = SEGMENT_HEADER_BYTES;
      while (offset < bytes.limit()) {
        int length = RECORD_HEADER_BYTES + bytes.getInt(offset) + RECORD_TRAILER_BYTES;
        records.put(
            bytes.getLong(offset + 5),
            new Record(segment.getFileName().toString(), offset, length));
        offset += length;
      }
    }
    return records;
  }

  private Path copy() {
    Path copy = temp.resolve("copy-" + copies++);
    StoreContents.copyTree(pristine, copy);
    return copy;
  }

  /**
   * Puts the pristine log back into {@code copy}: recovery cut it, and may have added a segment.
   */
  private void restoreLog(Path copy) throws IOException {
    TreeMap<Long, Path> original =
        StoreFiles.list(pristine.resolve("log"), "", StoreFiles.SEGMENT_SUFFIX);
    for (Map.Entry<Long, Path> segment :
        StoreFiles.list(copy.resolve("log"), "", StoreFiles.SEGMENT_SUFFIX).entrySet()) {
      if (!original.containsKey(segment.getKey())) {
        Files.delete(segment.getValue());
      }
    }
    Path lastSegment = original.lastEntry().getValue();
    Files.write(
        copy.resolve("log").resolve(lastSegment.getFileName()), Files.readAllBytes(lastSegment));
  }

  private static Path segmentOf(Path store, Record record) {
    return store.resolve("log").resolve(record.segment());
  }

  private static void truncate(Path file, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0xFF);
    }
  }
}
