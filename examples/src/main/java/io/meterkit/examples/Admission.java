package io.meterkit.examples;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded worker pool of the example server, as slots: at most {@code threads} requests are
 * answered at once, at most {@code queue} more wait for a slot, and any request beyond that is
 * refused at once (never queued without bound). Waiting requests get their slot in arrival order.
 *
 * <p>Thread-safe.
 */
final class Admission {
  private final Semaphore running;
  private final AtomicInteger admitted = new AtomicInteger();
  private final int capacity;

  Admission(int threads, int queue) {
    this.running = new Semaphore(threads, true);
    this.capacity = threads + queue;
  }

  /**
   * Takes a slot, waiting while all are taken and the queue has room.
   *
   * @return true with a slot (give it back with {@link #leave()}), false when the queue is full
   */
  boolean enter() {
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      return false;
    }
    running.acquireUninterruptibly();
    return true;
  }

  /** Gives back the slot of an {@link #enter()} that returned true. */
  void leave() {
    running.release();
    admitted.decrementAndGet();
  }
}
