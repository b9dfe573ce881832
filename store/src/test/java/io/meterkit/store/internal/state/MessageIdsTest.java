package io.meterkit.store.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Limits;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdsTest {
  private static final long T0 = 1_413_936_000_000L; // 2014-10-22T00:00:00Z

  @Test
  void laysOutTimestampVersionTieVariantTagMeterAndSeries() {
    assertThat(MessageIds.format(T0, 0, 0, 0)).isEqualTo("01493527-2c00-8000-a940-000000000000");
    assertThat(MessageIds.format(T0, 3, 2, 7)).isEqualTo("01493527-2c00-8003-a940-000200000007");
    assertThat(
            MessageIds.format(
                T0, MessageIds.MAX_TIE_ORDINAL, MessageIds.MAX_METER_ORDINAL, Integer.MAX_VALUE))
        .isEqualTo("01493527-2c00-8fff-a97f-ffff7fffffff");
  }

  @Test
  void isAVersion8UuidOfTheRfcVariant() {
    UUID id = UUID.fromString(MessageIds.format(T0, 1, 2, 3));

    assertThat(id.version()).isEqualTo(8);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void parsesWhatItFormats() {
    long seed = 8;
    Random random = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      long timestamp = random.nextLong(Limits.MAX_TIMESTAMP_MILLIS + 1);
      int tie = random.nextInt(MessageIds.MAX_TIE_ORDINAL + 1);
      int meter = random.nextInt(MessageIds.MAX_METER_ORDINAL + 1);
      int series = random.nextInt(Integer.MAX_VALUE);

      String id = MessageIds.format(timestamp, tie, meter, series);

      assertThat(MessageIds.parse(id))
          .as("seed %d: %s", seed, id)
          .isEqualTo(new MessageIds.Decoded(timestamp, tie, meter, series));
    }
  }

  @Test
  void parsesTheExtremeCoordinates() {
    String id =
        MessageIds.format(
            Limits.MAX_TIMESTAMP_MILLIS,
            MessageIds.MAX_TIE_ORDINAL,
            MessageIds.MAX_METER_ORDINAL,
            Integer.MAX_VALUE);

    assertThat(MessageIds.parse(id))
        .isEqualTo(
            new MessageIds.Decoded(
                Limits.MAX_TIMESTAMP_MILLIS,
                MessageIds.MAX_TIE_ORDINAL,
                MessageIds.MAX_METER_ORDINAL,
                Integer.MAX_VALUE));
    assertThat(MessageIds.parse(MessageIds.format(0, 0, 0, 0)))
        .isEqualTo(new MessageIds.Decoded(0, 0, 0, 0));
  }

  @Test
  void idsSortByTimestampAsStrings() {
    long seed = 7;
    Random random = new Random(seed);
    for (int i = 0; i < 1_000; i++) {
      long a = random.nextLong(Limits.MAX_TIMESTAMP_MILLIS);
      long b = a + 1 + random.nextInt(1_000_000);

      assertThat(MessageIds.format(a, random.nextInt(4096), random.nextInt(9), random.nextInt(9)))
          .as("seed %d", seed)
          .isLessThan(MessageIds.format(b, 0, 0, 0));
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "msg-1",
        "01493527-2C00-8000-A940-000000000000", // upper case: not the form the store writes
        "01493527-2c00-7000-a940-000000000000", // version 7
        "01493527-2c00-8000-c940-000000000000", // variant 0b110
        "01493527-2c00-8000-a980-000000000000", // tag 0xA6
        "01493527-2c00-8000-a940-00000000000", // 35 characters
        "01493527-2c00-8000-a940-0000000000000", // 37 characters
        "01493527-2c00-8000-a940-00000000000g", // not hexadecimal
        "01493527+2c00-8000-a940-000000000000", // not a UUID
        "0149352-72c00-8000-a940-000000000000", // UUID.fromString accepts it, not canonical
        "zzzzzzzz-zzzz-8zzz-azzz-zzzzzzzzzzzz", // the right shape, not hexadecimal
      })
  void rejectsEveryOtherForm(String id) {
    assertThat(MessageIds.parse(id)).isNull();
  }

  @Test
  void rejectsRandomUuids() {
    assertThat(
            MessageIds.parse(new UUID(0x0149_3527_2c00_4000L, 0xa940_0000_0000_0000L).toString()))
        .isNull();
    assertThat(MessageIds.parse(UUID.nameUUIDFromBytes(new byte[] {1}).toString())).isNull();
  }
}
