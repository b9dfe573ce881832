package io.meterkit.store.internal.io;

import java.io.IOException;

/** A file of a durable store does not hold what its format says: truncated, damaged or foreign. */
public final class CorruptFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptFileException(String message) {
    super(message);
  }
}
