package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.MeterApi;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow and half-open clients against a server with two worker threads: connections that send
 * nothing, half a request line, headers without the promised body, or a body byte by byte. A normal
 * request must still be answered within a second, and the server must close the slow connections
 * once the read timeout (3 s in the test JVM, see the examples pom) has passed.
 */
@Timeout(60)
class SlowClientTest {
  private static final int EACH_KIND = 100;

  private final List<Socket> slow = new ArrayList<>();
  private ExampleServer server;

  @BeforeEach
  void start() throws IOException {
    MeterApi api =
        MeterApi.builder(MeterStore.inMemory())
            .authenticator(TrustedHeaders.fromLoopback())
            .build();
    server =
        ExampleServer.start(
            api,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            HttpLimits.defaults().withPool(2, 2),
            line -> {});
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : slow) {
      socket.close();
    }
    server.close();
  }

  private Socket open(String sent) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
    OutputStream out = socket.getOutputStream();
    out.write(sent.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    slow.add(socket);
    return socket;
  }

  private long normalRequestMillis() throws IOException {
    long start = System.nanoTime();
    String answer =
        RawHttp.exchange(
            InetAddress.getLoopbackAddress(),
            server.port(),
            "GET /v2/meters HTTP/1.1\r\nHost: x\r\nX-Roles: admin\r\nConnection: close",
            new byte[0]);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(answer).startsWith("HTTP/1.1 200");
    return millis;
  }

  @Test
  void halfOpenConnectionsNeitherDelayOthersNorStayOpenPastTheReadTimeout() throws Exception {
    long idle = normalRequestMillis(); // also loads the classes of the first answer
    for (int i = 0; i < EACH_KIND; i++) {
      open("");
      open("GET /v2/me");
      open("POST /v2/meters/cpu_util HTTP/1.1\r\nHost: x\r\nX-Roles: admin\r\n");
      open("POST /v2/meters/cpu_util HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n[{");
    }
    Socket dripping =
        open("POST /v2/meters/cpu_util HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
    long slowest = 0;
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      dripping.getOutputStream().write('[');
      millis.add(normalRequestMillis());
      slowest = Math.max(slowest, millis.get(i));
    }
    System.out.printf(
        "SlowClientTest: a normal request took %d ms alone; with %d slow connections open, 20"
            + " normal requests took %s ms%n",
        idle, slow.size(), millis);
    assertThat(slowest)
        .as("a normal request among %d slow connections", slow.size())
        .isLessThan(1000);

    long waited = System.nanoTime();
    int open = 0;
    for (Socket socket : slow) {
      if (!RawHttp.closedByServer(socket, 8000)) {
        open++;
      }
    }
    System.out.printf(
        "SlowClientTest: the server closed %d of %d slow connections within %d ms%n",
        slow.size() - open, slow.size(), (System.nanoTime() - waited) / 1_000_000);
    assertThat(open).as("slow connections still open after the read timeout").isZero();
    assertThat(normalRequestMillis()).isLessThan(1000);
  }
}
