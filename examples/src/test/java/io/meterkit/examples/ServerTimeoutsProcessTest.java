package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --read-timeout}, {@code --idle-timeout} and {@code --max-connections} set the JDK HTTP
 * server's JVM-wide settings, so they are tried on a server in a JVM of its own.
 */
@Timeout(60)
class ServerTimeoutsProcessTest {
  private static final Pattern LISTENING =
      Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

  private Process process;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (process != null) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }

  private int startServer(String... flags) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.meterkit.examples.Main");
    command.addAll(List.of("--port", "0", "--dev-admin"));
    command.addAll(List.of(flags));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    out.lines().forEach(output::add);
                  } catch (java.io.UncheckedIOException closed) {
                    // the test is over
                  }
                },
                "server-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(listening.group(1));
      }
    }
    throw new IOException("the server did not start:\n" + seen);
  }

  private Socket connect(int port, String sent) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
    socket.getOutputStream().write(sent.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    sockets.add(socket);
    return socket;
  }

  private static long secondsUntilClosed(Socket socket) throws IOException {
    long start = System.nanoTime();
    assertThat(RawHttp.closedByServer(socket, 15_000)).as("closed by the server").isTrue();
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void slowIdleAndSurplusConnectionsAreClosedAsTheFlagsSay() throws Exception {
    int port = startServer("--read-timeout", "1", "--idle-timeout", "2", "--max-connections", "8");

    long halfOpen = secondsUntilClosed(connect(port, "GET /v2/meters HTTP/1.1\r\nHost: x\r\n"));
    assertThat(halfOpen).as("a half-open request, read timeout 1 s").isBetween(500L, 4000L);

    Socket keptAlive = connect(port, "GET /v2/meters HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(RawHttp.readAnswer(keptAlive.getInputStream())).startsWith("HTTP/1.1 200");
    long idle = secondsUntilClosed(keptAlive);
    assertThat(idle).as("an idle kept-alive connection, idle timeout 2 s").isBetween(1000L, 6000L);

    List<Socket> open = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      open.add(connect(port, ""));
    }
    Thread.sleep(200);
    Socket surplus = connect(port, "GET /v2/meters HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(RawHttp.closedByServer(surplus, 500)).as("the ninth connection").isTrue();
    for (Socket socket : open) {
      socket.close();
    }
    Thread.sleep(500);
    Socket again = connect(port, "GET /v2/meters HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(RawHttp.readAnswer(again.getInputStream())).startsWith("HTTP/1.1 200");
    System.out.printf(
        "ServerTimeoutsProcessTest: half-open closed after %d ms, idle after %d ms%n",
        halfOpen, idle);
  }
}
