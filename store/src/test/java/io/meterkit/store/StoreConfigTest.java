package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreConfigTest {

  @Test
  void builderStartsFromTheDefaults() {
    StoreConfig config = StoreConfig.builder().build();

    assertThat(config.chunkRows()).isEqualTo(65_536).isEqualTo(StoreConfig.DEFAULT_CHUNK_ROWS);
    assertThat(config.clock()).isEqualTo(Clock.systemUTC());
    assertThat(config).isEqualTo(StoreConfig.DEFAULTS);
    assertThat(MeterStore.inMemory().config()).isEqualTo(StoreConfig.DEFAULTS);
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 9, 100, 65_536, 1 << 20})
  void acceptsChunkRowsFrom8To2To20(int rows) {
    assertThat(StoreConfig.builder().chunkRows(rows).build().chunkRows()).isEqualTo(rows);
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 7, (1 << 20) + 1, Integer.MAX_VALUE})
  void rejectsChunkRowsOutOfRange(int rows) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StoreConfig.builder().chunkRows(rows).build())
        .withMessage("chunkRows must be in [8, 1048576], got: " + rows);
  }

  @Test
  void requiresAClock() {
    assertThatNullPointerException()
        .isThrownBy(() -> StoreConfig.builder().clock(null).build())
        .withMessage("clock");
  }

  @Test
  void aStoreRequiresAConfig() {
    assertThatNullPointerException()
        .isThrownBy(() -> MeterStore.create(null))
        .withMessage("config");
  }

  @Test
  void aStoreKeepsItsConfig() {
    StoreConfig config = StoreConfig.builder().chunkRows(16).clock(new TestClock(0)).build();

    assertThat(MeterStore.create(config).config()).isSameAs(config);
  }
}
