package io.meterkit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads request bodies within two limits: one body at most {@code maxBodyBytes}, and all bodies
 * being read at once at most {@code budgetBytes} together, so that many large uploads at the same
 * time cannot exhaust the heap. Memory is taken from the budget as the body grows, so a client that
 * declares a large body and sends it slowly holds only what it sent.
 *
 * <p>Thread-safe.
 */
final class BodyBuffer {
  private static final int CHUNK = 64 << 10;

  /** The outcome of reading one body. */
  static final class Read {
    final byte[] bytes;
    final boolean tooLarge;
    final boolean overBudget;
    private final long reserved;

    private Read(byte[] bytes, boolean tooLarge, boolean overBudget, long reserved) {
      this.bytes = bytes;
      this.tooLarge = tooLarge;
      this.overBudget = overBudget;
      this.reserved = reserved;
    }
  }

  private final int maxBodyBytes;
  private final AtomicLong available;

  BodyBuffer(int maxBodyBytes, long budgetBytes) {
    this.maxBodyBytes = maxBodyBytes;
    this.available = new AtomicLong(budgetBytes);
  }

  /**
   * Reads a body, stopping as soon as it passes the limit or the budget runs out. The caller must
   * {@link #release} the result once the request is answered.
   *
   * @param in the body stream
   * @param declaredLength the {@code Content-Length}, or -1 when unknown (chunked)
   */
  Read read(InputStream in, long declaredLength) throws IOException {
    int initial = (int) Math.min(declaredLength < 0 ? CHUNK : declaredLength, CHUNK);
    if (!reserve(initial)) {
      return new Read(null, false, true, 0);
    }
    long reserved = initial;
    byte[] bytes = new byte[Math.max(initial, 1)];
    int length = 0;
    while (true) {
      if (length == bytes.length) {
        if (length > maxBodyBytes) {
          return new Read(null, true, false, reserved);
        }
        int grown = (int) Math.min((long) maxBodyBytes + 1, Math.max(2L * length, CHUNK));
        if (!reserve(grown - length)) {
          return new Read(null, false, true, reserved);
        }
        reserved += grown - length;
        bytes = Arrays.copyOf(bytes, grown);
      }
      int read = in.read(bytes, length, bytes.length - length);
      if (read < 0) {
        break;
      }
      length += read;
    }
    if (length > maxBodyBytes) {
      return new Read(null, true, false, reserved);
    }
    return new Read(
        length == bytes.length ? bytes : Arrays.copyOf(bytes, length), false, false, reserved);
  }

  /** Gives the memory of a read back to the budget. */
  void release(Read read) {
    available.addAndGet(read.reserved);
  }

  private boolean reserve(long bytes) {
    while (true) {
      long now = available.get();
      if (now < bytes) {
        return false;
      }
      if (available.compareAndSet(now, now - bytes)) {
        return true;
      }
    }
  }
}
