package io.meterkit.store;

import java.io.IOException;

/** A file of a durable store does not hold what its format says: truncated, damaged or foreign. */
final class CorruptFileException extends IOException {
  private static final long serialVersionUID = 1L;

  CorruptFileException(String message) {
    super(message);
  }
}
