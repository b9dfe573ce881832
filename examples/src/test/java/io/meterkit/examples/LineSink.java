package io.meterkit.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An output stream that hands every complete line to a consumer, for a server's log. */
final class LineSink extends OutputStream {
  private final Consumer<String> lines;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  LineSink(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      String line = pending.toString(StandardCharsets.UTF_8);
      pending.reset();
      lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    } else {
      pending.write(b);
    }
  }
}
