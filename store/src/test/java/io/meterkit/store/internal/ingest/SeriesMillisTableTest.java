package io.meterkit.store.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesMillisTableTest {
  @Test
  void holdsTheLargestValueRaisedPerKeyAsAHashMapWould() {
    Random random = new Random(11);
    SeriesMillisTable table = new SeriesMillisTable();
    Map<List<Long>, Integer> naive = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      int series = random.nextInt(300);
      // Clustered times, negative ones and the extremes: keys that collide in naive hashes.
      long millis =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(2_000) - 1_000;
            case 1 -> 1_700_000_000_000L + 1_000L * random.nextInt(500);
            case 2 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            default -> random.nextLong();
          };
      int value = random.nextInt(5_000);
      table.raise(series, millis, value);
      naive.merge(List.of((long) series, millis), value, Math::max);
      if (i % 1_000 == 0) {
        int probe = random.nextInt(300);
        long probeMillis = random.nextInt(2_000) - 1_000;
        assertThat(table.get(probe, probeMillis))
            .isEqualTo(naive.getOrDefault(List.of((long) probe, probeMillis), -1));
      }
    }
    assertThat(table.size()).isEqualTo(naive.size());
    naive.forEach(
        (key, value) -> assertThat(table.get(key.get(0).intValue(), key.get(1))).isEqualTo(value));
  }

  @Test
  void forgetsEveryKeyWhenCleared() {
    SeriesMillisTable table = new SeriesMillisTable();
    for (int i = 0; i < 100; i++) {
      table.raise(i, i * 7L, 1);
    }

    table.clear();

    assertThat(table.size()).isZero();
    assertThat(table.get(3, 21)).isEqualTo(SeriesMillisTable.ABSENT);
    table.raise(3, 21, 4);
    assertThat(table.get(3, 21)).isEqualTo(4);
  }
}
