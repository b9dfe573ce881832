package io.meterkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, so that "now" is a fixed, known instant:
 * give it to a store ({@code StoreConfig.builder().clock(clock)}, which stamps {@code recorded_at}
 * with it) and to the REST adapters ({@code MeterApi.builder(store).clock(clock)}, whose default
 * windows end at "now"), then {@link #set} or {@link #advance} it between steps of a test.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at("2024-05-01T00:00:00Z");
 * clock.advance(Duration.ofMinutes(90));
 * clock.instant(); // 2024-05-01T01:30:00Z
 * }</pre>
 *
 * <p>Thread-safe: the instant is held in an atomic reference, so a test thread may move the clock
 * while a store or server reads it on other threads; concurrent {@link #advance} calls all count.
 * Every clock {@link #withZone} makes from this one shares its instant.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Returns a clock standing at {@code instant}, in UTC.
   *
   * @param instant where the clock starts
   * @return the clock
   * @throws NullPointerException when {@code instant} is null
   */
  public static ManualClock at(Instant instant) {
    return new ManualClock(
        new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
  }

  /**
   * Returns a clock standing at an ISO-8601 instant such as {@code 2024-05-01T00:00:00Z}, in UTC.
   *
   * @param isoInstant the instant, as {@link Instant#parse} reads it
   * @return the clock
   * @throws java.time.format.DateTimeParseException when the text is not an instant
   */
  public static ManualClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /**
   * Moves the clock to {@code instant}, forwards or backwards.
   *
   * @param instant the new "now"
   * @throws NullPointerException when {@code instant} is null
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Moves the clock forwards.
   *
   * @param duration how far; zero or positive (use {@link #set} to go back)
   * @return the new "now"
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "duration must not be negative (use set to move back), got: " + duration);
    }
    return now.updateAndGet(instant -> instant.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** Returns a clock in another zone that shares this clock's instant (moving one moves both). */
  @Override
  public ManualClock withZone(ZoneId otherZone) {
    return new ManualClock(now, Objects.requireNonNull(otherZone, "zone"));
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "," + zone + "]";
  }
}
