package io.meterkit.store.internal.log;

/**
 * Where and why recovery cut a log: the first damage it found, and what it removed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param damage what was wrong
 * @param found the offending value of the finding (see {@link LogDamage}); 0 when it has none
 * @param expected the value the format requires; 0 when the finding has none
 * @param segment the file name of the damaged segment
 * @param byteOffset where in the segment the damaged record starts (0 for header damage)
 * @param position the log position the damaged record (or segment) would have held
 * @param bytesCut how many bytes were removed: the damaged segment from the damage on, and every
 *     later segment
 * @param laterSegments how many later segments were deleted
 */
public record LogTruncation(
    LogDamage damage,
    long found,
    long expected,
    String segment,
    long byteOffset,
    long position,
    long bytesCut,
    int laterSegments) {

  /**
   * Returns the report text, e.g. {@code "CRC mismatch in the record at byte 4711 of log segment
   * 00000000000000000001.wal (position 17); cut 95 bytes"}.
   */
  public String describe() {
    return damage.describe(found, expected)
        + (damage.wholeSegment()
            ? " of log segment " + segment
            : " in the record at byte " + byteOffset + " of log segment " + segment)
        + " (position "
        + position
        + "); cut "
        + bytesCut
        + " bytes"
        + (laterSegments > 0 ? ", with " + laterSegments + " later segments" : "");
  }
}
