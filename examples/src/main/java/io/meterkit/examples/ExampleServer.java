package io.meterkit.examples;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.meterkit.api.MeterApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A running JDK {@link HttpServer} (or {@link HttpsServer} with TLS) serving a {@link MeterApi} at
 * {@code /} within {@link HttpLimits}.
 *
 * <p>The JDK server reads a request's line and headers on the thread its executor gives it, so a
 * client that sends them slowly holds that thread. Here every connection with a request in flight
 * gets a thread of its own (at most one per allowed connection, see {@link JdkServerSettings}), and
 * the bounded part is the {@link RequestGate}'s worker slots, taken only once the request has fully
 * arrived: slow and half-open clients hold a cheap thread until the read timeout closes their
 * connection, and never a worker.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class ExampleServer implements AutoCloseable {
  private final HttpServer server;
  private final ThreadPoolExecutor connections;

  private ExampleServer(HttpServer server, ThreadPoolExecutor connections) {
    this.server = server;
    this.connections = connections;
  }

  /**
   * Binds and starts a server.
   *
   * @param api the API to serve; it authenticates callers
   * @param address where to listen; port 0 picks a free port
   * @param tls the TLS context for HTTPS, or null for plain HTTP
   * @param limits what a request may cost
   * @param log receives one {@link AccessLog} line per request
   * @return the running server
   * @throws IOException when the address cannot be bound
   */
  public static ExampleServer start(
      MeterApi api,
      InetSocketAddress address,
      SSLContext tls,
      HttpLimits limits,
      Consumer<String> log)
      throws IOException {
    Objects.requireNonNull(limits, "limits");
    int maxConnections = JdkServerSettings.apply(limits);
    HttpServer server;
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/", new JdkHttpBinding(api, new RequestGate(limits), log));
    // The usage dashboard's static files at /ui/.
    DashboardFiles dashboard = new DashboardFiles();
    server.createContext(DashboardFiles.PATH, dashboard);
    server.createContext(DashboardFiles.FAVICON_PATH, dashboard);
    ThreadPoolExecutor connections =
        new ThreadPoolExecutor(
            2, maxConnections + 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), namedThreads());
    server.setExecutor(connections);
    server.start();
    return new ExampleServer(server, connections);
  }

  /**
   * Returns the bound port.
   *
   * @return the port, useful after binding port 0
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Returns the bound address.
   *
   * @return the address and port
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting, lets exchanges in progress finish for up to a second, stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    connections.shutdown();
    try {
      if (!connections.awaitTermination(5, TimeUnit.SECONDS)) {
        connections.shutdownNow();
      }
    } catch (InterruptedException e) {
      connections.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory namedThreads() {
    AtomicInteger next = new AtomicInteger();
    // Small stacks: a thread per connection in flight, most of them just reading.
    return task -> new Thread(null, task, "meterkit-http-" + next.incrementAndGet(), 256 << 10);
  }
}
