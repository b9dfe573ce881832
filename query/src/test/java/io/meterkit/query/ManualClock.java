package io.meterkit.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test sets by hand, for recorded-at times and the engine's "now"; thread-safe. */
public final class ManualClock extends Clock {
  private final AtomicLong millis;

  public ManualClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  /** Moves the clock by {@code deltaMillis}, which may be negative. */
  public void advance(long deltaMillis) {
    millis.addAndGet(deltaMillis);
  }

  /** Sets the clock to {@code instantMillis}. */
  public void set(long instantMillis) {
    millis.set(instantMillis);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a manual clock stays in UTC");
  }
}
