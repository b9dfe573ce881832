package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.MeterApi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end suite over the example server's JDK binding, plus what only that binding does: the
 * access log.
 */
class JdkBindingEndToEndTest extends BindingEndToEndSuite {
  private final List<String> log = new CopyOnWriteArrayList<>();

  @Override
  Served serve(MeterApi api, int maxBodyBytes) throws Exception {
    HttpLimits defaults = HttpLimits.defaults();
    HttpLimits limits =
        new HttpLimits(
            maxBodyBytes,
            defaults.maxUrlBytes(),
            defaults.maxHeaderBytes(),
            2,
            8,
            defaults.readTimeoutSeconds(),
            defaults.idleTimeoutSeconds(),
            defaults.maxConnections(),
            defaults.bodyBufferBytes());
    ExampleServer server =
        ExampleServer.start(
            api,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            limits,
            log::add);
    return new Served() {
      @Override
      public int port() {
        return server.port();
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  @Test
  void everyRequestGetsAnAccessLogLineNamingTheCaller() throws Exception {
    send(
        "POST",
        "/v2/meters/cpu_util",
        samples(),
        "Content-Type",
        "application/json",
        "X-Roles",
        "admin",
        "X-User-Id",
        "ops");
    assertThat(
            awaitLogLine(
                "127\\.0\\.0\\.1 POST /v2/meters/cpu_util 201 \\d+ms user=ops project=- roles=admin"))
        .isTrue();
  }

  /** The access log line is written after the response is sent: wait for it, 2 s at most. */
  private boolean awaitLogLine(String regex) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (log.stream().anyMatch(line -> line.matches(regex))) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
