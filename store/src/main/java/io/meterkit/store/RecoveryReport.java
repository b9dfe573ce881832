package io.meterkit.store;

import java.util.List;

/**
 * What {@link MeterStore#open} found on disk and did to bring the store back: the snapshot it
 * started from, the log records it replayed after it, and what it had to cut off.
 *
 * <p>Log positions count log records: record {@code n} is the {@code n}-th batch or retention
 * change the store ever accepted, starting at 1; position 0 is the empty store. A damaged record
 * (torn by a crash, or with a CRC mismatch, a bad header or a wrong position) ends the log: it and
 * everything after it are truncated, {@link #bytesTruncated()} counts those bytes and {@link
 * #truncationReason()} says where and why. A record that was acknowledged as durable (see {@link
 * DurabilityOptions.FsyncPolicy}) is only ever lost this way when the disk itself lost or damaged
 * it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param snapshot the file name of the snapshot manifest recovery started from, or null when it
 *     started from the empty store
 * @param snapshotLogPosition the last log position the snapshot covers; 0 without a snapshot
 * @param recordsReplayed how many log records after the snapshot were replayed
 * @param samplesReplayed how many samples those records stored
 * @param logPosition the position of the last record kept: the store's state covers every record up
 *     to it
 * @param bytesTruncated how many bytes of log were cut off: 0 when the log ended cleanly
 * @param truncationReason where and why the log was cut, e.g. {@code "CRC mismatch in the record at
 *     byte 4711 of log segment 00000000000000000001.wal (position 17)"}; null when nothing was cut
 * @param problems other findings, in order: snapshots that could not be read and were skipped,
 *     leftover temporary files removed
 * @param elapsedMillis how long recovery took
 */
public record RecoveryReport(
    String snapshot,
    long snapshotLogPosition,
    long recordsReplayed,
    long samplesReplayed,
    long logPosition,
    long bytesTruncated,
    String truncationReason,
    List<String> problems,
    long elapsedMillis) {

  /** Copies the problems. */
  public RecoveryReport {
    problems = List.copyOf(problems);
  }

  /**
   * Returns whether recovery cut off a damaged or incomplete tail of the log.
   *
   * @return true when {@link #truncationReason()} is set
   */
  public boolean truncated() {
    return truncationReason != null;
  }
}
