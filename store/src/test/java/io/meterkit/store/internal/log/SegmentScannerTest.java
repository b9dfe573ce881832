package io.meterkit.store.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.DurabilityOptions.FsyncPolicy;
import io.meterkit.store.internal.io.BinaryReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds of log damage that only a bad disk or a foreign file makes (a crash only tears the last
 * record; {@code LogCorruptionTest} covers that): each is found as its {@link LogDamage} with its
 * facts, and cut where the format says.
 */
class SegmentScannerTest {
  private static final String FIRST = "00000000000000000001.wal";
  private static final int HEADER = 24; // segment header bytes

  @TempDir Path log;

  private final List<Long> replayed = new ArrayList<>();
  private long recordBytes; // of each of the three records below, which encode alike

  @BeforeEach
  void writeThreeRecords() throws IOException {
    WriteAheadLog wal = WriteAheadLog.open(log, 1 << 20, FsyncPolicy.NEVER, Duration.ofMillis(1));
    wal.replay(0, (position, entry) -> {});
    for (int i = 0; i < 3; i++) {
      wal.append(new IngestBatch(1_000, List.of(sample("s-" + i))));
    }
    wal.close();
    recordBytes = (Files.size(log.resolve(FIRST)) - HEADER) / 3;
  }

  @Test
  void aRecordAtTheWrongPositionEndsTheLogThereWithBothPositions() throws IOException {
    long second = HEADER + recordBytes;
    rewrite(second + 5, 9L); // the record's position field; its CRC recomputed, so only it is off

    IngestLog.Replayed result = replayAll();

    assertThat(replayed).containsExactly(1L);
    LogTruncation cut = result.truncation();
    assertThat(cut.damage()).isEqualTo(LogDamage.BAD_POSITION);
    assertThat(cut.damage().wholeSegment()).isFalse();
    assertThat(cut)
        .extracting(
            LogTruncation::found,
            LogTruncation::expected,
            LogTruncation::byteOffset,
            LogTruncation::position,
            LogTruncation::bytesCut)
        .containsExactly(9L, 2L, second, 2L, 2 * recordBytes);
    assertThat(cut.describe())
        .isEqualTo(
            "bad record header (position 9, expected 2) in the record at byte "
                + second
                + " of log segment "
                + FIRST
                + " (position 2); cut "
                + 2 * recordBytes
                + " bytes");
    assertThat(Files.size(log.resolve(FIRST))).isEqualTo(second);
  }

  @Test
  void aSegmentHeaderWithAWrongMagicCondemnsTheWholeSegment() throws IOException {
    byte[] bytes = Files.readAllBytes(log.resolve(FIRST));
    bytes[0] ^= 0x20;
    Files.write(log.resolve(FIRST), bytes);

    IngestLog.Replayed result = replayAll();

    assertThat(replayed).isEmpty();
    assertThat(result.truncation().damage()).isEqualTo(LogDamage.BAD_SEGMENT_HEADER);
    assertThat(result.truncation().damage().wholeSegment()).isTrue();
    assertThat(result.truncation().bytesCut()).isEqualTo(bytes.length);
    assertThat(result.truncation().describe())
        .isEqualTo(
            "bad segment header (magic or CRC) of log segment "
                + FIRST
                + " (position 1); cut "
                + bytes.length
                + " bytes");
    // Deleted whole; appending starts over in a fresh segment of the same name.
    assertThat(Files.size(log.resolve(FIRST))).isEqualTo(HEADER);
  }

  @Test
  void aSegmentWhoseHeaderNamesAnotherFirstPositionIsCondemnedNamingBoth() throws IOException {
    long size = Files.size(log.resolve(FIRST));
    rewrite(12, 5L); // the header's first position; its CRC recomputed

    IngestLog.Replayed result = replayAll();

    assertThat(replayed).isEmpty();
    assertThat(result.truncation())
        .extracting(LogTruncation::damage, LogTruncation::found, LogTruncation::expected)
        .containsExactly(LogDamage.BAD_SEGMENT_FIRST_POSITION, 5L, 1L);
    assertThat(result.truncation().describe())
        .isEqualTo(
            "bad segment header (first position 5 in a segment named 1) of log segment "
                + FIRST
                + " (position 1); cut "
                + size
                + " bytes");
  }

  @Test
  void everyDamageRendersItsFactsAndSaysWhetherItCondemnsTheSegment() {
    assertThat(LogDamage.SHORT_LENGTH.describe(3, 4)).isEqualTo("short length (3 of 4 bytes)");
    assertThat(LogDamage.BAD_LENGTH.describe(-7, 0))
        .isEqualTo("bad record header (payload length -7)");
    assertThat(LogDamage.SHORT_RECORD.describe(17, 60)).isEqualTo("short record (17 of 60 bytes)");
    assertThat(LogDamage.CRC_MISMATCH.describe(0, 0)).isEqualTo("CRC mismatch");
    assertThat(LogDamage.SHORT_SEGMENT_HEADER.describe(10, 24))
        .isEqualTo("bad segment header (10 of 24 bytes)");
    assertThat(List.of(LogDamage.values()))
        .filteredOn(LogDamage::wholeSegment)
        .containsExactly(
            LogDamage.SHORT_SEGMENT_HEADER,
            LogDamage.BAD_SEGMENT_HEADER,
            LogDamage.BAD_SEGMENT_FIRST_POSITION);
  }

  private IngestLog.Replayed replayAll() throws IOException {
    WriteAheadLog wal = WriteAheadLog.open(log, 1 << 20, FsyncPolicy.NEVER, Duration.ofMillis(1));
    try {
      return wal.replay(0, (position, entry) -> replayed.add(position));
    } finally {
      wal.close();
    }
  }

  // Overwrites the int64 at `offset` of the first segment, then the CRC that covers it.
  private void rewrite(long offset, long value) throws IOException {
    Path path = log.resolve(FIRST);
    byte[] bytes = Files.readAllBytes(path);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong((int) offset, value);
    if (offset < HEADER) {
      buffer.putInt(20, BinaryReader.crc32c(bytes, 0, 20));
    } else {
      int start = (int) (HEADER + (offset - HEADER) / recordBytes * recordBytes);
      int end = (int) (start + recordBytes - 4);
      buffer.putInt(end, BinaryReader.crc32c(bytes, start, end));
    }
    Files.write(path, bytes);
  }

  private static Sample sample(String id) {
    return Sample.builder("cpu_util", MeterType.GAUGE, "%")
        .volume(1)
        .timestampMillis(1_700_000_000_000L)
        .resourceId("vm-1")
        .messageId(id)
        .build();
  }
}
