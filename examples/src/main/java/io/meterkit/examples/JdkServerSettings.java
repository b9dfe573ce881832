package io.meterkit.examples;

/**
 * The settings of the JDK's {@code com.sun.net.httpserver} that the example server relies on. The
 * JDK reads them from system properties once, when its server implementation initialises, so they
 * hold for the whole JVM: they are set here before the first server is created, unless the JVM was
 * started with them ({@code -Dsun.net.httpserver.maxReqTime=...}), which then win.
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime} and {@code maxRspTime}: the read timeout. A request
 *       whose request line, headers and body have not all arrived in time (a slow or half-open
 *       client) has its connection closed; so has an answer the client does not take in time.
 *   <li>{@code sun.net.httpserver.idleInterval}: the idle timeout of kept-alive connections; a
 *       connection that sends nothing after being accepted is closed after the shorter of the two.
 *   <li>{@code sun.net.httpserver.clockTick}: the timers above look every second (the JDK's default
 *       is ten).
 *   <li>{@code jdk.httpserver.maxConnections}: connections beyond it are closed when accepted.
 *   <li>{@code sun.net.httpserver.nodelay}: TCP_NODELAY, so that an answer written as headers then
 *       body does not wait for the client's delayed ACK (about 40 ms per request).
 * </ul>
 *
 * <p>Thread-safe: {@link #apply} is synchronized.
 */
final class JdkServerSettings {
  static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
  static final String IDLE_INTERVAL = "sun.net.httpserver.idleInterval";
  static final String CLOCK_TICK = "sun.net.httpserver.clockTick";
  static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private JdkServerSettings() {}

  /**
   * Sets every property the JVM was not started with from the limits.
   *
   * @return the most connections the JDK server accepts, as it will apply it
   */
  static synchronized int apply(HttpLimits limits) {
    setIfAbsent(MAX_REQUEST_TIME, limits.readTimeoutSeconds());
    setIfAbsent(MAX_RESPONSE_TIME, limits.readTimeoutSeconds());
    setIfAbsent(IDLE_INTERVAL, limits.idleTimeoutSeconds());
    setIfAbsent(CLOCK_TICK, 1000);
    setIfAbsent(MAX_CONNECTIONS, limits.maxConnections());
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    return Integer.getInteger(MAX_CONNECTIONS, limits.maxConnections());
  }

  private static void setIfAbsent(String property, long value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Long.toString(value));
    }
  }
}
