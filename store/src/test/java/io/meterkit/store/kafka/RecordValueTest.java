package io.meterkit.store.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.CorruptFileException;
import io.meterkit.store.internal.io.StoreFormat;
import io.meterkit.store.internal.log.IngestBatch;
import io.meterkit.store.internal.log.LogEntry;
import io.meterkit.store.internal.log.RetentionChange;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A record value carries one log entry, framed so that a damaged, foreign or too new record is
 * found and never applied.
 */
class RecordValueTest {
  private static final Sample SAMPLE =
      Sample.builder("cpu", MeterType.CUMULATIVE, "ns")
          .volume(42)
          .timestampMillis(1_000)
          .resourceId("vm-1")
          .projectId("p")
          .metadata(Map.of("flavor", "m1"))
          .messageId("id-1")
          .build();

  @Test
  void aBatchAndARetentionChangeReadBackEqual() throws IOException {
    RecordValue encoder = new RecordValue();
    LogEntry batch = new IngestBatch(7_000, List.of(SAMPLE, SAMPLE.withMessageId(null)));
    LogEntry retention = new RetentionChange(RetentionChange.EVERY_METER, 99);

    assertThat(RecordValue.decode(encoder.encode(batch), "r")).isEqualTo(batch);
    assertThat(RecordValue.decode(encoder.encode(retention), "r")).isEqualTo(retention);
  }

  @Test
  void aRetentionChangeIsFramedByteForByteAsDocumented() {
    byte[] value = new RecordValue().encode(new RetentionChange(3, 0x0102030405060708L));

    // "MKLE", the version, type 2, int32 3, int64 cutoff, then the CRC32C of the bytes before it.
    String version = String.format("%02x000000", StoreFormat.CURRENT);
    assertThat(HexFormat.of().formatHex(value, 0, value.length - 4))
        .isEqualTo("4d4b4c45" + version + "02" + "03000000" + "0807060504030201");
    assertThat(value).hasSize(4 + 4 + 1 + 4 + 8 + 4);
  }

  @Test
  void aFlippedBitIsACrcMismatch() {
    byte[] value = new RecordValue().encode(new IngestBatch(7_000, List.of(SAMPLE)));
    value[12] ^= 0x10;

    assertThatExceptionOfType(CorruptFileException.class)
        .isThrownBy(() -> RecordValue.decode(value, "t-0 offset 5"))
        .withMessage("t-0 offset 5: CRC mismatch");
  }

  @Test
  void aForeignOrTruncatedRecordIsNotAnEntry() {
    assertThatExceptionOfType(CorruptFileException.class)
        .isThrownBy(() -> RecordValue.decode("{\"json\": true}".getBytes(), "t-0 offset 1"))
        .withMessage("t-0 offset 1: not a meterkit log entry (magic)");
    byte[] value = new RecordValue().encode(new RetentionChange(1, 2));
    assertThatExceptionOfType(CorruptFileException.class)
        .isThrownBy(() -> RecordValue.decode(Arrays.copyOf(value, 12), "t-0 offset 2"))
        .withMessage("t-0 offset 2: not a meterkit log entry (12 bytes)");
    assertThatExceptionOfType(CorruptFileException.class)
        .isThrownBy(() -> RecordValue.decode(null, "t-0 offset 3"))
        .withMessage("t-0 offset 3: not a meterkit log entry (0 bytes)");
  }

  @Test
  void anIntactRecordOfANewerVersionIsRefusedAsSuch() {
    byte[] value = new RecordValue().encode(new RetentionChange(1, 2));
    value[4] = 99; // the version
    int crc = BinaryReader.crc32c(value, 0, value.length - 4);
    for (int i = 0; i < 4; i++) {
      value[value.length - 4 + i] = (byte) (crc >>> (8 * i));
    }

    assertThatExceptionOfType(IOException.class)
        .isThrownBy(() -> RecordValue.decode(value, "t-0 offset 4"))
        .isNotInstanceOf(CorruptFileException.class)
        .withMessageStartingWith("t-0 offset 4: format version 99 is not supported");
  }
}
