package io.meterkit.store.internal.ingest;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.Sample;
import io.meterkit.store.IngestReceipt;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.StoredSample;
import io.meterkit.store.internal.log.IngestBatch;
import io.meterkit.store.internal.log.IngestLog;
import io.meterkit.store.internal.log.LogEntry;
import io.meterkit.store.internal.log.RetentionChange;
import io.meterkit.store.internal.state.StoreState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Everything that changes a store, one change at a time: validates and applies batches and
 * retention changes to the {@link StoreTables}, writes each change to the {@link IngestLog} before
 * anyone can see it, and publishes an immutable {@link StoreState} after each.
 *
 * <h2>Two ways in</h2>
 *
 * <p>{@link #recordAll} and {@link #dropChunks} take changes from a caller: validate, apply, log
 * what changed, publish. {@link #applyLogged} takes an entry that came from a log (recovery, or a
 * store that follows a log another process writes): validate and apply it exactly as when it was
 * first accepted, without logging it again. Both run the same apply, which derives everything from
 * the state and the entry, so one log gives one state wherever it is applied.
 *
 * <h2>Thread safety</h2>
 *
 * <p>Concurrency contract: changes are serialised by one lock, held while validating, applying,
 * logging and publishing one change; readers take the published state with one volatile read and
 * never block, except lookups of client ids ({@link #find}), which take the read lock. Waiting for
 * the log to be durable happens after the lock is released, so concurrent writers share an fsync.
 */
public final class StoreWriter {
  private final StoreConfig config;
  private final IngestLog log; // null: in memory only
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final StoreTables tables;
  private long lastLogPosition; // of the last entry appended or applied: write lock
  private volatile boolean closed; // written under the write lock

  /**
   * Makes the writer of a store that starts at {@code initial}: an empty state, or one a snapshot
   * held. Apply the log entries after that snapshot with {@link #applyLogged} before any write.
   *
   * @param log where every change is written before it is published; null to keep none
   */
  public StoreWriter(StoreConfig config, StoreState initial, IngestLog log) {
    this.config = config;
    this.log = log;
    this.tables = new StoreTables(config, initial);
  }

  /** Returns the state published last: everything applied so far. */
  public StoreState state() {
    return tables.state();
  }

  /** Returns the configuration. */
  public StoreConfig config() {
    return config;
  }

  /**
   * Records a batch, all or nothing, and waits until the log holds it as durably as it promises.
   *
   * @param indexed whether error messages name the sample's index ({@code samples[i]: ...})
   * @param idsOut receives the message id of every sample, in input order; or null
   * @return the number stored; the rest were retries of stored message ids
   * @throws InvalidSampleException when a sample breaks a rule; nothing is stored then
   * @throws IllegalStateException when the store is closed or its log failed
   * @throws UncheckedIOException when the log cannot be written or forced
   */
  public int recordAll(Collection<? extends Sample> samples, boolean indexed, String[] idsOut) {
    int stored;
    long position;
    lock.writeLock().lock();
    try {
      StoreTables.Batch batch = tables.validate(samples, indexed);
      checkWritable();
      stored =
          tables.apply(batch, config.clock().millis(), idsOut, log == null ? null : this::append);
      position = lastLogPosition;
    } finally {
      lock.writeLock().unlock();
    }
    // A batch of retries logs nothing, but waits too: the batch it repeats may not be durable yet.
    awaitDurable(position);
    return stored;
  }

  /**
   * Checks a batch against every rule {@link #recordAll} checks, against the state published last,
   * and applies nothing. A writer that never stores anything checks the rules a batch must meet on
   * its own (no null sample, one type and unit per meter, no id of the form the store assigns).
   *
   * @throws InvalidSampleException naming the first sample that breaks a rule, as {@link
   *     #recordAll} would
   */
  public void validate(Collection<? extends Sample> samples) {
    lock.readLock().lock();
    try {
      tables.validate(samples, true);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Records a batch like {@link #recordAll} and returns what happened to each sample. */
  public IngestReceipt recordAllWithIds(Collection<? extends Sample> samples) {
    String[] ids = new String[samples.size()];
    int stored = recordAll(samples, true, ids);
    return new IngestReceipt(Arrays.asList(ids), stored, ids.length - stored);
  }

  /**
   * Returns the cutoff of a maximum age by the store's clock: chunks whose newest sample is older
   * are too old.
   *
   * @param maxAge the age limit; positive (ages beyond about 146 million years count as that)
   * @throws IllegalArgumentException when {@code maxAge} is zero or negative
   */
  public long cutoffMillis(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isZero() || maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must be positive, got: " + maxAge);
    }
    long age =
        maxAge.compareTo(Duration.ofMillis(Long.MAX_VALUE / 2)) > 0
            ? Long.MAX_VALUE / 2
            : maxAge.toMillis();
    return config.clock().millis() - age;
  }

  /**
   * Drops the sealed chunks of one meter ({@link RetentionChange#EVERY_METER}: of every meter)
   * whose newest sample is older than {@code cutoffMillis}, logging the change before it happens.
   *
   * @return the number of samples dropped
   * @throws IllegalStateException when the store is closed or its log failed
   * @throws UncheckedIOException when the log cannot be written or forced
   */
  public long dropChunks(int meterOrdinal, long cutoffMillis) {
    long dropped;
    long position;
    lock.writeLock().lock();
    try {
      // Checked only when something is to be dropped, just before the change is logged.
      dropped = tables.drop(meterOrdinal, cutoffMillis, log == null ? null : this::checkAndAppend);
      position = lastLogPosition;
    } finally {
      lock.writeLock().unlock();
    }
    awaitDurable(position);
    return dropped;
  }

  /**
   * Applies an entry read from a log, exactly as when it was first accepted, without logging it.
   *
   * @param position the entry's log position
   * @return the number of samples it stored
   * @throws InvalidSampleException when the batch does not fit the state (never for an entry this
   *     store logged itself)
   */
  public long applyLogged(long position, LogEntry entry) {
    lock.writeLock().lock();
    try {
      lastLogPosition = position;
      if (entry instanceof IngestBatch batch) {
        StoreTables.Batch validated = tables.validate(batch.samples(), true);
        return tables.apply(validated, batch.recordedAtMillis(), null, null);
      }
      RetentionChange retention = (RetentionChange) entry;
      tables.drop(retention.meterOrdinal(), retention.cutoffMillis(), null);
      return 0;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Finds a stored sample by its message id (a client id or one the store assigned).
   *
   * @return the sample, or empty when no stored sample has that id
   */
  public Optional<StoredSample> find(String messageId) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(tables.find(messageId));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Returns the number of client message ids the store holds. */
  public int clientIdCount() {
    lock.readLock().lock();
    try {
      return tables.clientIdCount();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A moment of the store a snapshot can hold.
   *
   * @param state every change up to {@code logPosition}, and no later one
   * @param logPosition the position of the last log entry the state holds
   */
  public record Captured(StoreState state, long logPosition) {}

  /**
   * Captures the published state and the log position it covers, holding the write lock for just
   * that, so no change is half applied meanwhile. Only for a store with a log.
   *
   * @throws IllegalStateException when the log failed: no state past a failed write is captured
   */
  public Captured capture() {
    lock.writeLock().lock();
    try {
      IOException failure = log.failure();
      if (failure != null) {
        throw new IllegalStateException("the store's log failed; no snapshot is taken", failure);
      }
      return new Captured(tables.state(), log.checkpointPosition());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Refuses every later change; waits for the one in progress.
   *
   * @return false when the writer was closed already
   */
  public boolean close() {
    lock.writeLock().lock();
    try {
      boolean wasOpen = !closed;
      closed = true;
      return wasOpen;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Returns whether {@link #close} was called. */
  public boolean isClosed() {
    return closed;
  }

  private void checkWritable() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    IOException failure = log == null ? null : log.failure();
    if (failure != null) {
      throw new IllegalStateException(
          "the store's log failed ("
              + failure.getMessage()
              + "); it accepts no more writes, reopen it to recover",
          failure);
    }
  }

  private void checkAndAppend(LogEntry entry) {
    checkWritable();
    append(entry);
  }

  // Under the write lock, before the change is published.
  private void append(LogEntry entry) {
    try {
      lastLogPosition = log.append(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the batch to the log; the store accepts no more writes until it is"
              + " reopened: "
              + e.getMessage(),
          e);
    }
  }

  private void awaitDurable(long position) {
    if (log == null) {
      return;
    }
    try {
      log.awaitDurable(position);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not force the log to disk; the batch may not be durable and the store accepts no"
              + " more writes: "
              + e.getMessage(),
          e);
    }
  }
}
