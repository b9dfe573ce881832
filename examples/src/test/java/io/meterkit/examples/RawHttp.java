package io.meterkit.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, for what {@code HttpClient} will not send. */
final class RawHttp {
  private RawHttp() {}

  /**
   * Sends {@code head} (request line and headers, without the final blank line) and {@code body},
   * then reads the answer until the server closes or {@code Content-Length} bytes arrived.
   *
   * @return the answer's status line, headers and body, as text
   */
  static String exchange(InetAddress host, int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return readAnswer(socket.getInputStream());
    }
  }

  /** Reads one answer: head, then as many body bytes as {@code Content-Length} says. */
  static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    long length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).strip());
      }
    }
    byte[] body = in.readNBytes((int) length);
    return text + new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Whether the server closes the connection within {@code waitMillis}: reading reaches the end of
   * the stream or a reset (whatever the server wrote before).
   */
  static boolean closedByServer(Socket socket, int waitMillis) throws IOException {
    long deadline = System.nanoTime() + waitMillis * 1_000_000L;
    try {
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return false;
        }
        socket.setSoTimeout((int) left);
        if (socket.getInputStream().read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // connection reset
    }
  }
}
