package io.meterkit.examples;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A running JDK {@link HttpServer} serving a {@link MeterApi} at {@code /} on a bounded thread
 * pool: {@code threads} workers and a queue of {@value #QUEUE_CAPACITY} requests; when both are
 * full, the accepting thread runs the request itself, which slows down accepting (back-pressure).
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class ExampleServer implements AutoCloseable {
  /** Requests that may wait for a worker. */
  public static final int QUEUE_CAPACITY = 256;

  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ThreadPoolExecutor pool;

  private ExampleServer(HttpServer server, ThreadPoolExecutor pool) {
    this.server = server;
    this.pool = pool;
  }

  /**
   * Binds and starts a server.
   *
   * @param api the API to serve
   * @param address where to listen; port 0 picks a free port
   * @param anonymous the caller of requests without identity headers, or null to answer 401
   * @param threads worker threads, at least 1
   * @param log receives one line per request
   * @return the running server
   * @throws IOException when the address cannot be bound
   */
  public static ExampleServer start(
      MeterApi api,
      InetSocketAddress address,
      Principal anonymous,
      int threads,
      Consumer<String> log)
      throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got: " + threads);
    }
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK, about 40 ms per request. The property is
    // read once, when the server implementation initialises, so set it before the first create.
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
    HttpServer server = HttpServer.create(address, 0);
    HttpContext context = server.createContext("/", new JdkHttpBinding(api, anonymous));
    context.getFilters().add(new AccessLog(log));
    // The usage dashboard's static files at /ui/.
    server
        .createContext(DashboardFiles.PATH, new DashboardFiles())
        .getFilters()
        .add(new AccessLog(log));
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            namedThreads(),
            new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(pool);
    server.start();
    return new ExampleServer(server, pool);
  }

  /**
   * Returns the bound port.
   *
   * @return the port, useful after binding port 0
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, lets exchanges in progress finish for up to a second, stops the pool. */
  @Override
  public void close() {
    server.stop(1);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory namedThreads() {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "meterkit-http-" + next.incrementAndGet());
      thread.setDaemon(false);
      return thread;
    };
  }
}
