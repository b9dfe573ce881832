package io.meterkit.store.internal.log;

/**
 * The ways a log segment can be damaged, as recovery finds them: a crash tears the last record; a
 * bad disk flips bits anywhere. Damage to a segment's header condemns the whole segment; damage to
 * a record, the record and everything after it.
 *
 * <p>Each kind renders to text (with the facts of one finding) only for reports; code branches on
 * the kind.
 */
public enum LogDamage {
  /** Fewer bytes are left than a record's length field needs: {@code found} of 4. */
  SHORT_LENGTH(false),
  /** A record's payload length ({@code found}) is negative or larger than any record may be. */
  BAD_LENGTH(false),
  /**
   * Fewer bytes are left ({@code found}) than the record's header says it has ({@code expected}).
   */
  SHORT_RECORD(false),
  /** A record's CRC does not match its bytes. */
  CRC_MISMATCH(false),
  /** A record says it is at position {@code found}, but the next is {@code expected}. */
  BAD_POSITION(false),
  /** The segment is shorter ({@code found} bytes) than its header ({@code expected} bytes). */
  SHORT_SEGMENT_HEADER(true),
  /** The segment header's magic or CRC is wrong. */
  BAD_SEGMENT_HEADER(true),
  /**
   * The segment header names first position {@code found}, but the file is named for {@code
   * expected}.
   */
  BAD_SEGMENT_FIRST_POSITION(true);

  private final boolean wholeSegment;

  LogDamage(boolean wholeSegment) {
    this.wholeSegment = wholeSegment;
  }

  /** Returns whether the damage is in the segment's header, which condemns the whole segment. */
  public boolean wholeSegment() {
    return wholeSegment;
  }

  /** Describes one finding of this kind, e.g. {@code "short record (17 of 60 bytes)"}. */
  String describe(long found, long expected) {
    return switch (this) {
      case SHORT_LENGTH -> "short length (" + found + " of 4 bytes)";
      case BAD_LENGTH -> "bad record header (payload length " + found + ")";
      case SHORT_RECORD -> "short record (" + found + " of " + expected + " bytes)";
      case CRC_MISMATCH -> "CRC mismatch";
      case BAD_POSITION -> "bad record header (position " + found + ", expected " + expected + ")";
      case SHORT_SEGMENT_HEADER -> "bad segment header (" + found + " of " + expected + " bytes)";
      case BAD_SEGMENT_HEADER -> "bad segment header (magic or CRC)";
      case BAD_SEGMENT_FIRST_POSITION ->
          "bad segment header (first position " + found + " in a segment named " + expected + ")";
    };
  }
}
