package io.meterkit.store;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.durable.DurableStore;
import io.meterkit.store.internal.durable.Recovery;
import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.log.RetentionChange;
import io.meterkit.store.internal.state.StoreState;
import io.meterkit.store.internal.state.StoreView;
import io.meterkit.store.spi.StoreSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory, columnar store of samples: the single entry point for recording and the source of
 * the consistent snapshots queries read.
 *
 * <h2>Recording</h2>
 *
 * <p>{@link #record} and {@link #recordAll} accept samples in any order (late samples are fine). A
 * batch is all-or-nothing: it is validated entirely before anything is stored, and one invalid
 * sample rejects it with an {@link InvalidSampleException} naming the sample's index and the
 * problem, leaving the store unchanged. Recording is idempotent on the client message id: a sample
 * whose {@link Sample#messageId()} the store already holds (or that an earlier sample of the same
 * batch carries) is a retry and is ignored. Samples without a message id are never de-duplicated;
 * the store assigns each a unique id. A meter's type and unit are fixed by its first sample; a
 * sample that disagrees is rejected.
 *
 * <h2>Reading</h2>
 *
 * <p>{@link #snapshot()} returns an immutable view of everything recorded so far, in O(1). A
 * snapshot holds every batch recorded before it entirely and no later batch at all.
 *
 * <h2>Durability</h2>
 *
 * <p>{@link #inMemory()} and {@link #create} make a store that lives in memory only. {@link
 * #open(Path, DurabilityOptions)} makes one that keeps a write-ahead log and snapshots in a
 * directory and recovers from them when opened again; {@link #close()} it when done. Both kinds
 * behave the same otherwise, including {@link #dropChunksOlderThan(Duration) retention}.
 *
 * <h2>Thread safety</h2>
 *
 * <p>Any number of threads may record and read at once. Writers are serialised by a lock (one batch
 * at a time, each appending to primitive columns); readers never block writers nor each other,
 * except {@link #sample(String)} for client ids, which waits for the batch in progress.
 *
 * <pre>{@code
 * MeterStore store = MeterStore.inMemory();
 * store.record(sample);
 * StoreSnapshot snapshot = store.snapshot();
 * }</pre>
 */
public final class MeterStore implements AutoCloseable {
  private final StoreWriter writer;
  private final DurableStore durable; // null: in memory only

  private MeterStore(StoreWriter writer, DurableStore durable) {
    this.writer = writer;
    this.durable = durable;
  }

  /**
   * Creates an empty in-memory store with the default configuration.
   *
   * @return the store
   */
  public static MeterStore inMemory() {
    return create(StoreConfig.DEFAULTS);
  }

  /**
   * Creates an empty in-memory store.
   *
   * @param config the layout and clock
   * @return the store
   */
  public static MeterStore create(StoreConfig config) {
    Objects.requireNonNull(config, "config");
    return new MeterStore(new StoreWriter(config, StoreState.empty(), null), null);
  }

  /**
   * Opens (or creates) a durable store in {@code directory} with the default {@link
   * DurabilityOptions}: every batch is forced to disk before {@code recordAll} returns.
   *
   * @param directory the store's directory; created when missing
   * @return the recovered store; {@link #close()} it when done
   * @throws IOException as {@link #open(Path, DurabilityOptions)}
   */
  public static MeterStore open(Path directory) throws IOException {
    return open(directory, DurabilityOptions.DEFAULTS);
  }

  /**
   * Opens (or creates) a durable store in {@code directory}: loads the newest intact snapshot,
   * replays the log records after it, and cuts off a damaged or incomplete log tail (see {@link
   * #recoveryReport()}). The recovered store assigns the same ids and de-duplicates the same
   * retries as the store that wrote the directory would have.
   *
   * @param directory the store's directory; created when missing; one open store at a time
   * @param options fsync, snapshot and retention policies, and the store configuration
   * @return the recovered store; {@link #close()} it when done
   * @throws IOException when the directory cannot be used or locked (another store has it open),
   *     when the log misses records after every intact snapshot, or when a file was written by an
   *     incompatible version
   */
  public static MeterStore open(Path directory, DurabilityOptions options) throws IOException {
    DurableStore durable =
        Recovery.open(
            Objects.requireNonNull(directory, "directory"),
            Objects.requireNonNull(options, "options"));
    return new MeterStore(durable.writer(), durable);
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration this store was created with
   */
  public StoreConfig config() {
    return writer.config();
  }

  /**
   * Records one sample.
   *
   * @param sample a valid sample
   * @return true when stored, false when it was a retry of a stored message id
   * @throws InvalidSampleException when it disagrees with its meter's type or unit, or carries a
   *     message id of the form the store assigns that no stored sample has
   * @throws NullPointerException when {@code sample} is null
   * @throws IllegalStateException when a durable store is closed or its log failed
   */
  public boolean record(Sample sample) {
    Objects.requireNonNull(sample, "sample");
    boolean stored = writer.recordAll(List.of(sample), false, null) == 1;
    afterWrite();
    return stored;
  }

  /**
   * Records a batch of samples, all or nothing.
   *
   * @param samples valid samples, in any order
   * @return the number stored; the rest were retries of stored message ids
   * @throws InvalidSampleException naming the index of the first sample that breaks a rule (null,
   *     type or unit mismatch, unknown assigned id); nothing is stored then
   * @throws IllegalStateException when a durable store is closed or its log failed
   */
  public int recordAll(Collection<? extends Sample> samples) {
    Objects.requireNonNull(samples, "samples");
    int stored = writer.recordAll(samples, true, null);
    afterWrite();
    return stored;
  }

  /**
   * Records a batch like {@link #recordAll} and returns the message id of every sample: its own, or
   * the one the store assigned.
   *
   * @param samples valid samples, in any order
   * @return what happened to each sample, in input order
   * @throws InvalidSampleException as {@link #recordAll}; nothing is stored then
   * @throws IllegalStateException when a durable store is closed or its log failed
   */
  public IngestReceipt recordAllWithIds(Collection<? extends Sample> samples) {
    Objects.requireNonNull(samples, "samples");
    IngestReceipt receipt = writer.recordAllWithIds(samples);
    afterWrite();
    return receipt;
  }

  private void afterWrite() {
    if (durable != null) {
      durable.afterWrite();
    }
  }

  /**
   * Returns an immutable view of everything recorded so far.
   *
   * @return the snapshot
   */
  public StoreSnapshot snapshot() {
    return new StoreView(writer.state());
  }

  /**
   * Finds a stored sample by its message id (a client id or one the store assigned).
   *
   * @param messageId the id
   * @return the sample, or empty when no stored sample has that id
   */
  public Optional<StoredSample> sample(String messageId) {
    return messageId == null ? Optional.empty() : writer.find(messageId);
  }

  /**
   * Returns what {@link #open} found and did when it recovered this store.
   *
   * @return the report, or empty for an in-memory store
   */
  public Optional<RecoveryReport> recoveryReport() {
    return durable == null ? Optional.empty() : Optional.of(durable.report());
  }

  /**
   * Writes a snapshot of everything recorded so far, so that the next {@link #open} replays no log
   * before it, and deletes the log segments and files no retained snapshot needs. Writers continue
   * meanwhile; the snapshot holds exactly the batches accepted before it started. Does nothing when
   * nothing changed since the last snapshot.
   *
   * @throws IllegalStateException when the store is in memory only, or closed
   * @throws java.io.UncheckedIOException when the snapshot cannot be written; the log still holds
   *     every batch, so nothing is lost
   */
  public void checkpoint() {
    if (durable == null) {
      throw new IllegalStateException(
          "checkpoint needs a durable store (MeterStore.open), this one is in memory");
    }
    durable.checkpoint();
  }

  /**
   * Drops every sealed chunk, of every meter, whose newest sample is older than {@code maxAge}
   * (measured by the store's clock), and forgets their client message ids, so a retry of one of
   * them is stored again. Retention works at chunk granularity: a chunk with one sample young
   * enough is kept whole, and unsealed rows are never dropped. A durable store logs the drop before
   * it happens, so it survives a restart.
   *
   * @param maxAge the age limit; positive
   * @return the number of samples dropped
   * @throws IllegalArgumentException when {@code maxAge} is zero or negative
   * @throws IllegalStateException when a durable store is closed or its log failed
   */
  public long dropChunksOlderThan(Duration maxAge) {
    return dropChunks(RetentionChange.EVERY_METER, writer.cutoffMillis(maxAge));
  }

  /**
   * Drops the sealed chunks of one meter whose newest sample is older than {@code maxAge}; see
   * {@link #dropChunksOlderThan(Duration)}.
   *
   * @param meterName the meter; an unknown meter drops nothing
   * @param maxAge the age limit; positive
   * @return the number of samples dropped
   * @throws IllegalArgumentException when {@code maxAge} is zero or negative
   * @throws IllegalStateException when a durable store is closed or its log failed
   */
  public long dropChunksOlderThan(String meterName, Duration maxAge) {
    Objects.requireNonNull(meterName, "meterName");
    long cutoff = writer.cutoffMillis(maxAge);
    Integer ordinal = writer.state().ordinals().get(meterName);
    return ordinal == null ? 0 : dropChunks(ordinal, cutoff);
  }

  private long dropChunks(int meterOrdinal, long cutoffMillis) {
    return durable == null
        ? writer.dropChunks(meterOrdinal, cutoffMillis)
        : durable.dropChunks(meterOrdinal, cutoffMillis);
  }

  /**
   * Flushes and releases a durable store: stops its background threads, writes a snapshot when
   * {@link DurabilityOptions#checkpointOnClose()} asks for one, forces the log and unlocks the
   * directory. Later writes throw {@link IllegalStateException}; reads keep working on what was
   * recorded. Closing twice, or closing an in-memory store, does nothing.
   *
   * @throws java.io.UncheckedIOException when the final snapshot or fsync fails; the files are
   *     released anyway
   */
  @Override
  public void close() {
    if (durable != null) {
      durable.close();
    }
  }

  /** For white-box tests in this package: the writer behind this store. */
  StoreWriter writer() {
    return writer;
  }

  /** For white-box tests in this package: the durable side, or null for an in-memory store. */
  DurableStore durable() {
    return durable;
  }
}
