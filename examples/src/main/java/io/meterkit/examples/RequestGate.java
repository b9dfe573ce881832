package io.meterkit.examples;

import com.sun.net.httpserver.HttpExchange;
import io.meterkit.api.LimitExceededException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a request passes before the API sees it, in this order: the URL (414) and header (431)
 * limits, the body limit (413, checked on the declared {@code Content-Length} before reading and
 * while reading a chunked body), the memory budget of bodies being read (503), and a worker slot
 * (503). Reading happens before a slot is taken, so a slow upload holds no worker.
 *
 * <p>Thread-safe.
 */
final class RequestGate {
  /** Seconds a client refused for capacity is asked to wait. */
  static final String RETRY_AFTER_SECONDS = "1";

  private final HttpLimits limits;
  private final BodyBuffer bodies;
  private final Admission admission;

  RequestGate(HttpLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.bodies = new BodyBuffer(limits.maxBodyBytes(), limits.bodyBufferBytes());
    this.admission = new Admission(limits.threads(), limits.queue());
  }

  /**
   * A request that passed the gate (its body and slot are held until {@link #close()}) or not.
   * Closing twice is harmless.
   */
  final class Passage implements AutoCloseable {
    final byte[] body;
    final LimitExceededException refusal;
    private BodyBuffer.Read read;
    private boolean slot;

    private Passage(byte[] body, LimitExceededException refusal, BodyBuffer.Read read) {
      this.body = body;
      this.refusal = refusal;
      this.read = read;
    }

    @Override
    public void close() {
      if (slot) {
        slot = false;
        admission.leave();
      }
      if (read != null) {
        bodies.release(read);
        read = null;
      }
    }
  }

  /**
   * Checks the limits, reads the body and takes a worker slot, waiting in the queue if need be.
   *
   * @return the passage; its {@code refusal} is set when a limit refused the request
   */
  Passage pass(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String rawQuery = uri.getRawQuery();
    long urlBytes =
        Objects.requireNonNullElse(uri.getRawPath(), "").length()
            + (rawQuery == null ? 0 : rawQuery.length() + 1);
    if (urlBytes > limits.maxUrlBytes()) {
      return refused(
          414, "the URL may be at most " + limits.maxUrlBytes() + " bytes, got " + urlBytes);
    }
    long headerBytes = 0;
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      for (String value : header.getValue()) {
        headerBytes += header.getKey().length() + value.length() + 4;
      }
    }
    if (headerBytes > limits.maxHeaderBytes()) {
      return refused(
          431,
          "the headers may be at most " + limits.maxHeaderBytes() + " bytes, got " + headerBytes);
    }
    long declared = declaredLength(exchange);
    if (declared > limits.maxBodyBytes()) {
      return refused(413, tooLarge() + ", got a Content-Length of " + declared);
    }
    BodyBuffer.Read read = bodies.read(exchange.getRequestBody(), declared);
    if (read.tooLarge || read.overBudget) {
      Passage passage =
          new Passage(
              null,
              read.tooLarge
                  ? new LimitExceededException(413, tooLarge())
                  : busy("the server is reading as many request bodies as it holds"),
              read);
      passage.close();
      return passage;
    }
    Passage passage = new Passage(read.bytes, null, read);
    if (!admission.enter()) {
      passage.close();
      return new Passage(null, busy("every worker is busy and the queue is full"), null);
    }
    passage.slot = true;
    return passage;
  }

  private String tooLarge() {
    return "the body may be at most " + limits.maxBodyBytes() + " bytes";
  }

  private static LimitExceededException busy(String why) {
    return new LimitExceededException(
        503, why + "; retry after " + RETRY_AFTER_SECONDS + " second");
  }

  private Passage refused(int status, String message) {
    return new Passage(null, new LimitExceededException(status, message), null);
  }

  // The Content-Length, or -1 for a chunked body; the JDK has checked that it is a number.
  private static long declaredLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length == null) {
      String encoding = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
      return encoding == null ? 0 : -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
