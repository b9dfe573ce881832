package io.meterkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ManualClockTest {
  private static final Instant MAY_1 = Instant.parse("2024-05-01T00:00:00Z");

  @Test
  void itStandsStillWhereItWasPut() {
    ManualClock clock = ManualClock.at("2024-05-01T00:00:00Z");

    assertThat(clock.instant()).isEqualTo(MAY_1);
    assertThat(clock.millis()).isEqualTo(1_714_521_600_000L);
    assertThat(clock.instant()).isEqualTo(MAY_1);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advancingMovesItForwardAndAnswersTheNewNow() {
    ManualClock clock = ManualClock.at(MAY_1);

    assertThat(clock.advance(Duration.ofMinutes(90)))
        .isEqualTo(Instant.parse("2024-05-01T01:30:00Z"));
    assertThat(clock.advance(Duration.ofMillis(1)))
        .isEqualTo(Instant.parse("2024-05-01T01:30:00.001Z"));
    assertThat(clock.millis()).isEqualTo(1_714_521_600_000L + 90 * 60_000 + 1);
    assertThat(clock.advance(Duration.ZERO)).isEqualTo(Instant.parse("2024-05-01T01:30:00.001Z"));
  }

  @Test
  void settingMovesItAnywhereAndNegativeAdvancesAreRefused() {
    ManualClock clock = ManualClock.at(MAY_1);
    clock.set(Instant.parse("2020-01-01T00:00:00Z"));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .withMessage("duration must not be negative (use set to move back), got: PT-1S");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Test
  void aClockInAnotherZoneSharesTheInstant() {
    ManualClock clock = ManualClock.at(MAY_1);
    ManualClock tokyo = clock.withZone(ZoneId.of("Asia/Tokyo"));
    clock.advance(Duration.ofHours(2));

    assertThat(tokyo.getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(tokyo.instant()).isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
    tokyo.set(MAY_1);
    assertThat(clock.instant()).isEqualTo(MAY_1);
    assertThat(clock).hasToString("ManualClock[2024-05-01T00:00:00Z,Z]");
  }

  @Test
  @Timeout(10)
  void concurrentAdvancesAllCount() throws InterruptedException {
    ManualClock clock = ManualClock.at(MAY_1);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < 10_000; i++) {
                  clock.advance(Duration.ofMillis(1));
                }
              });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    // 4 threads x 10,000 advances of 1 ms: 40 s later, none lost.
    assertThat(clock.instant()).isEqualTo(Instant.parse("2024-05-01T00:00:40Z"));
  }
}
