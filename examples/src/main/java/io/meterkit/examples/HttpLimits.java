package io.meterkit.examples;

/**
 * What one connection or request may cost the example server, as its binding enforces it.
 *
 * <ul>
 *   <li>{@code maxBodyBytes}: a longer body is refused with 413 without being read (a declared
 *       {@code Content-Length} is refused at once; a chunked body once it passes the limit).
 *   <li>{@code maxUrlBytes} (414) and {@code maxHeaderBytes} (431, names plus values): checked
 *       before anything else. Far beyond them the JDK's own limits close the connection.
 *   <li>{@code threads} requests are answered at once and {@code queue} more may wait for one of
 *       them; beyond that a request is refused at once with 503 and {@code Retry-After}. Reading a
 *       request and writing its answer take no such slot, so slow clients cannot hold them.
 *   <li>{@code readTimeoutSeconds}: the most a request may take to arrive (request line, headers
 *       and body) and its answer to be taken; the connection is closed after it. {@code
 *       idleTimeoutSeconds}: how long a kept-alive connection may sit idle. {@code maxConnections}:
 *       open connections beyond it are closed as soon as they are accepted.
 *   <li>{@code bodyBufferBytes}: the most memory the bodies being read may hold together; a request
 *       that would need more is refused with 503 and {@code Retry-After}.
 * </ul>
 *
 * <p>The timeouts and {@code maxConnections} are settings of the JDK's HTTP server that hold for
 * the whole JVM: the first server of a JVM fixes them (see {@link ExampleServer}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxBodyBytes the longest request body, in bytes
 * @param maxUrlBytes the longest path plus query, in bytes
 * @param maxHeaderBytes the most header bytes (names and values)
 * @param threads requests answered at once
 * @param queue requests that may wait for a thread
 * @param readTimeoutSeconds the read and write timeout of one request
 * @param idleTimeoutSeconds the idle timeout of a kept-alive connection
 * @param maxConnections the most open connections
 * @param bodyBufferBytes the most bytes of bodies being read at once
 */
public record HttpLimits(
    int maxBodyBytes,
    int maxUrlBytes,
    int maxHeaderBytes,
    int threads,
    int queue,
    int readTimeoutSeconds,
    int idleTimeoutSeconds,
    int maxConnections,
    long bodyBufferBytes) {
  static final int DEFAULT_MAX_BODY_BYTES = 16 << 20;
  static final int DEFAULT_MAX_URL_BYTES = 16 << 10;
  static final int DEFAULT_MAX_HEADER_BYTES = 64 << 10;
  static final int DEFAULT_THREADS = 8;
  static final int DEFAULT_QUEUE = 64;
  static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;
  static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
  static final int DEFAULT_MAX_CONNECTIONS = 1000;

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException naming a limit out of its range
   */
  public HttpLimits {
    check("max body bytes", maxBodyBytes, 1, Integer.MAX_VALUE - 8);
    check("max URL bytes", maxUrlBytes, 64, 1 << 20);
    check("max header bytes", maxHeaderBytes, 256, 1 << 20);
    check("threads", threads, 1, 1024);
    check("queue", queue, 0, 100_000);
    check("read timeout", readTimeoutSeconds, 1, 3600);
    check("idle timeout", idleTimeoutSeconds, 1, 86_400);
    check("max connections", maxConnections, 1, 100_000);
    if (bodyBufferBytes < maxBodyBytes) {
      throw new IllegalArgumentException(
          "the body buffer must hold at least one largest body ("
              + maxBodyBytes
              + " bytes), got: "
              + bodyBufferBytes);
    }
  }

  /**
   * Returns the defaults: 16 MiB bodies, 16 KiB URLs, 64 KiB of headers, 8 threads and a queue of
   * 64, 30 s read and idle timeouts, 1000 connections, and a body buffer of an eighth of the heap
   * (at least one largest body).
   */
  public static HttpLimits defaults() {
    return new HttpLimits(
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_URL_BYTES,
        DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_THREADS,
        DEFAULT_QUEUE,
        DEFAULT_READ_TIMEOUT_SECONDS,
        DEFAULT_IDLE_TIMEOUT_SECONDS,
        DEFAULT_MAX_CONNECTIONS,
        bodyBufferFor(DEFAULT_MAX_BODY_BYTES));
  }

  /** An eighth of the heap, and at least one largest body. */
  static long bodyBufferFor(int maxBodyBytes) {
    return Math.max(maxBodyBytes, Runtime.getRuntime().maxMemory() / 8);
  }

  /** These limits with another worker pool. */
  public HttpLimits withPool(int threads, int queue) {
    return new HttpLimits(
        maxBodyBytes,
        maxUrlBytes,
        maxHeaderBytes,
        threads,
        queue,
        readTimeoutSeconds,
        idleTimeoutSeconds,
        maxConnections,
        bodyBufferBytes);
  }

  private static void check(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", got: " + value);
    }
  }
}
