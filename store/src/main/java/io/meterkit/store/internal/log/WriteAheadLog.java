package io.meterkit.store.internal.log;

import io.meterkit.store.DurabilityOptions.FsyncPolicy;
import io.meterkit.store.internal.io.BinaryWriter;
import io.meterkit.store.internal.io.StoreFiles;
import io.meterkit.store.internal.io.StoreFormat;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link IngestLog} of a durable store on local disk: segment files under {@code DIR/log/} (the
 * format is {@link LogFormat}'s), written before anything becomes visible and forced to disk under
 * an {@link FsyncPolicy}.
 *
 * <p>{@link FsyncPolicy#EVERY_BATCH}: {@link #awaitDurable} forces the log (writers waiting at once
 * share one fsync). {@link FsyncPolicy#INTERVAL}: a daemon thread forces it every interval. {@link
 * FsyncPolicy#NEVER}: only {@link #close} forces it. Files are written through {@link
 * RandomAccessFile}, whose writes and fsyncs an interrupt cannot abort (an interrupted {@code
 * FileChannel} closes itself, which would fail the store).
 *
 * <p>Concurrency contract: that of {@link IngestLog}. {@link #replay} runs first, alone; then one
 * writer at a time calls {@link #append} and {@link #checkpointPosition}; everything else may run
 * on any thread. Once a write or an fsync failed, the log refuses further appends and fsyncs: the
 * page cache may have dropped data whose fsync failed, so the only safe way on is to reopen the
 * store.
 */
public final class WriteAheadLog implements IngestLog {
  private static final System.Logger LOGGER = System.getLogger(StoreFiles.LOGGER_NAME);

  private final Path directory;
  private final long segmentLimit;
  private final FsyncPolicy fsyncPolicy;
  private final Duration fsyncInterval;
  private final BinaryWriter record = new BinaryWriter(1 << 16);
  private final LogEntryCodec codec = new LogEntryCodec();
  private long nextPosition = -1; // writer only; -1 until replay() found the end
  private Segments segments; // set by replay()
  private ScheduledExecutorService flusher; // INTERVAL only

  private WriteAheadLog(
      Path directory, long segmentLimit, FsyncPolicy fsyncPolicy, Duration fsyncInterval) {
    this.directory = directory;
    this.segmentLimit = segmentLimit;
    this.fsyncPolicy = fsyncPolicy;
    this.fsyncInterval = fsyncInterval;
  }

  /**
   * Opens the log in {@code directory}; {@link #replay} it before appending.
   *
   * @param segmentBytes the size past which a new segment starts
   * @param fsyncPolicy when appended records are forced to disk
   * @param fsyncInterval the time between two forces under {@link FsyncPolicy#INTERVAL}
   */
  public static WriteAheadLog open(
      Path directory, long segmentBytes, FsyncPolicy fsyncPolicy, Duration fsyncInterval) {
    return new WriteAheadLog(directory, segmentBytes, fsyncPolicy, fsyncInterval);
  }

  @Override
  public Replayed replay(long afterPosition, EntryConsumer consumer) throws IOException {
    if (segments != null) {
      throw new IllegalStateException("the log was replayed already");
    }
    SegmentScanner.Result scan = SegmentScanner.scan(directory, afterPosition, consumer);
    long last = scan.replayed().lastPosition();
    // A segment of an older format version is not continued: its records keep the old meaning.
    Path continued = scan.appendVersion() == StoreFormat.CURRENT ? scan.appendSegment() : null;
    segments = Segments.open(directory, last + 1, continued, scan.appendOffset());
    nextPosition = last + 1;
    if (fsyncPolicy == FsyncPolicy.INTERVAL) {
      long millis = fsyncInterval.toMillis();
      flusher =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread =
                    new Thread(
                        runnable, "meterkit-" + directory.getParent().getFileName() + "-fsync");
                thread.setDaemon(true);
                return thread;
              });
      flusher.scheduleWithFixedDelay(this::syncQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }
    return scan.replayed();
  }

  @Override
  public long append(LogEntry entry) throws IOException {
    if (segments == null) {
      throw new IllegalStateException("replay the log before appending to it");
    }
    segments.checkUsable();
    record.reset();
    record.writeInt(0); // payload length, set below
    record.writeByte(LogEntryCodec.typeOf(entry));
    record.writeLong(nextPosition);
    try {
      codec.encode(entry, record);
    } catch (RuntimeException e) { // too large for a buffer: nothing was written
      throw segments.fail(new IOException("could not encode the log record: " + e.getMessage(), e));
    }
    int payload = record.size() - LogFormat.RECORD_HEADER_BYTES;
    if (payload > LogFormat.MAX_PAYLOAD_BYTES) {
      throw segments.fail(
          new IOException(
              "a log record holds at most "
                  + LogFormat.MAX_PAYLOAD_BYTES
                  + " bytes, this batch needs "
                  + payload));
    }
    record.putInt(0, payload);
    record.writeInt(record.crc32c(0));
    long position = nextPosition;
    try {
      segments.write(record, position);
    } catch (IOException e) {
      LOGGER.log(Level.ERROR, "could not write to the log in " + directory, e);
      throw e;
    }
    nextPosition++;
    if (segments.activeSize() >= segmentLimit) {
      rotate("could not start a new log segment; continuing the current one");
    }
    return position;
  }

  @Override
  public void awaitDurable(long position) throws IOException {
    if (fsyncPolicy == FsyncPolicy.EVERY_BATCH) {
      segments.sync(position);
    }
  }

  @Override
  public long checkpointPosition() {
    if (segments.activeHasRecords()) {
      rotate("could not start a new log segment for a snapshot");
    }
    return nextPosition - 1;
  }

  private void rotate(String warning) {
    try {
      segments.rotate(nextPosition);
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, warning, e);
    }
  }

  @Override
  public void discardThrough(long position) throws IOException {
    segments.deleteCoveredBy(position);
  }

  @Override
  public IOException failure() {
    return segments == null ? null : segments.failure();
  }

  @Override
  public void close() throws IOException {
    stopFlusher();
    if (segments != null) {
      segments.close(true);
    }
  }

  /** Closes every segment without forcing anything: what a crashed process leaves behind. */
  public void closeWithoutSync() throws IOException {
    stopFlusher();
    if (segments != null) {
      segments.close(false);
    }
  }

  private void syncQuietly() {
    try {
      segments.sync(Long.MAX_VALUE);
    } catch (IOException e) {
      LOGGER.log(
          Level.ERROR,
          "could not force the log in " + directory + "; it accepts no more writes",
          e);
    }
  }

  private void stopFlusher() {
    if (flusher == null) {
      return;
    }
    flusher.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (flusher.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
