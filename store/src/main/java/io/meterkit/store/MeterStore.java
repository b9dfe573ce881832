package io.meterkit.store;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.SampleField;
import io.meterkit.core.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

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
  private final StoreConfig config;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Dictionaries dictionaries = new Dictionaries();
  private final Map<String, MeterTable> tablesByName = new HashMap<>();
  private final List<MeterTable> tables = new ArrayList<>();
  private final ClientIdIndex clientIds = new ClientIdIndex();
  private long arrivals; // rows stored so far, over every meter: the next row's arrival number
  private volatile StoreState state;
  private final Durability durability; // null: in memory only

  private MeterStore(StoreConfig config) {
    this(config, null);
  }

  MeterStore(StoreConfig config, Durability durability) {
    this.config = Objects.requireNonNull(config, "config");
    this.state = new StoreState(dictionaries, new TableState[0], Map.of());
    this.durability = durability;
  }

  /**
   * Creates an empty in-memory store with the default configuration.
   *
   * @return the store
   */
  public static MeterStore inMemory() {
    return new MeterStore(StoreConfig.DEFAULTS);
  }

  /**
   * Creates an empty in-memory store.
   *
   * @param config the layout and clock
   * @return the store
   */
  public static MeterStore create(StoreConfig config) {
    return new MeterStore(config);
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration this store was created with
   */
  public StoreConfig config() {
    return config;
  }

  /**
   * Records one sample.
   *
   * @param sample a valid sample
   * @return true when stored, false when it was a retry of a stored message id
   * @throws InvalidSampleException when it disagrees with its meter's type or unit, or carries a
   *     message id of the form the store assigns that no stored sample has
   * @throws NullPointerException when {@code sample} is null
   */
  public boolean record(Sample sample) {
    Objects.requireNonNull(sample, "sample");
    boolean stored;
    lock.writeLock().lock();
    try {
      Batch batch = validate(List.of(sample), false);
      stored = apply(batch, null) == 1;
    } finally {
      lock.writeLock().unlock();
    }
    awaitDurable();
    return stored;
  }

  /**
   * Records a batch of samples, all or nothing.
   *
   * @param samples valid samples, in any order
   * @return the number stored; the rest were retries of stored message ids
   * @throws InvalidSampleException naming the index of the first sample that breaks a rule (null,
   *     type or unit mismatch, unknown assigned id); nothing is stored then
   */
  public int recordAll(Collection<? extends Sample> samples) {
    Objects.requireNonNull(samples, "samples");
    int stored;
    lock.writeLock().lock();
    try {
      stored = apply(validate(samples, true), null);
    } finally {
      lock.writeLock().unlock();
    }
    awaitDurable();
    return stored;
  }

  /**
   * Records a batch like {@link #recordAll} and returns the message id of every sample: its own, or
   * the one the store assigned.
   *
   * @param samples valid samples, in any order
   * @return what happened to each sample, in input order
   * @throws InvalidSampleException as {@link #recordAll}; nothing is stored then
   */
  public IngestReceipt recordAllWithIds(Collection<? extends Sample> samples) {
    Objects.requireNonNull(samples, "samples");
    IngestReceipt receipt;
    lock.writeLock().lock();
    try {
      Batch batch = validate(samples, true);
      String[] ids = new String[batch.samples.length];
      int stored = apply(batch, ids);
      receipt = new IngestReceipt(Arrays.asList(ids), stored, ids.length - stored);
    } finally {
      lock.writeLock().unlock();
    }
    awaitDurable();
    return receipt;
  }

  /**
   * Returns an immutable view of everything recorded so far.
   *
   * @return the snapshot
   */
  public StoreSnapshot snapshot() {
    return new StoreSnapshot(state);
  }

  /**
   * Finds a stored sample by its message id (a client id or one the store assigned).
   *
   * @param messageId the id
   * @return the sample, or empty when no stored sample has that id
   */
  public Optional<StoredSample> sample(String messageId) {
    if (messageId == null) {
      return Optional.empty();
    }
    MessageIds.Decoded assigned = MessageIds.parse(messageId);
    if (assigned != null) {
      return Optional.ofNullable(findAssigned(state, assigned));
    }
    lock.readLock().lock();
    try {
      ClientIdIndex.Location location = clientIds.find(messageId);
      if (location == null) {
        return Optional.empty();
      }
      StoreState current = state;
      return Optional.ofNullable(
          current.tables[location.meterOrdinal()].find(
              current,
              location.seriesId(),
              location.timestampMillis(),
              (chunk, row) -> messageId.equals(chunk.clientId(row))));
    } finally {
      lock.readLock().unlock();
    }
  }

  private static StoredSample findAssigned(StoreState current, MessageIds.Decoded id) {
    if (id.meterOrdinal() >= current.tables.length) {
      return null;
    }
    TableState table = current.tables[id.meterOrdinal()];
    if (id.seriesId() < 0 || id.seriesId() >= table.seriesCount) {
      return null;
    }
    return table.find(
        current,
        id.seriesId(),
        id.timestampMillis(),
        (chunk, row) -> chunk.clientId(row) == null && chunk.tieOrdinal(row) == id.tieOrdinal());
  }

  /** A validated batch: the samples, and which of them are retries of assigned ids. */
  private record Batch(Sample[] samples, boolean[] knownAssigned) {}

  private Batch validate(Collection<? extends Sample> input, boolean indexed) {
    Sample[] samples = input.toArray(new Sample[0]);
    boolean[] knownAssigned = new boolean[samples.length];
    Map<String, Sample> newMeters = null;
    for (int i = 0; i < samples.length; i++) {
      Sample sample = samples[i];
      if (sample == null) {
        throw new InvalidSampleException(
            where(indexed, i, Violation.of(SampleField.SAMPLE, Rule.NOT_NULL, null)));
      }
      MeterTable table = tablesByName.get(sample.meterName());
      if (table != null) {
        if (table.type != sample.type() || !table.unit.equals(sample.unit())) {
          throw differentMeter(indexed, i, sample, table.type, table.unit);
        }
      } else {
        newMeters = newMeters == null ? new HashMap<>() : newMeters;
        Sample first = newMeters.putIfAbsent(sample.meterName(), sample);
        if (first != null) {
          if (first.type() != sample.type() || !first.unit().equals(sample.unit())) {
            throw differentMeter(indexed, i, sample, first.type(), first.unit());
          }
        } else if (tables.size() + newMeters.size() > MessageIds.MAX_METER_ORDINAL + 1) {
          Violation full =
              where(
                  indexed,
                  i,
                  Violation.of(
                      SampleField.METER_NAME,
                      Rule.CAPACITY,
                      sample.meterName(),
                      MessageIds.MAX_METER_ORDINAL + 1));
          throw new InvalidSampleException(
              full,
              prefix(full)
                  + "the store holds the most meters it can, "
                  + (MessageIds.MAX_METER_ORDINAL + 1));
        }
      }
      MessageIds.Decoded assigned = MessageIds.parse(sample.messageId());
      if (assigned != null) {
        if (findAssigned(state, assigned) == null) {
          Violation unknown =
              where(
                  indexed,
                  i,
                  Violation.of(SampleField.MESSAGE_ID, Rule.UNKNOWN_ID, sample.messageId()));
          throw new InvalidSampleException(
              unknown,
              prefix(unknown)
                  + "messageId "
                  + MeterkitException.describe(sample.messageId())
                  + " has the form of an id meterkit assigns, but no stored sample has it");
        }
        knownAssigned[i] = true;
      }
    }
    return new Batch(samples, knownAssigned);
  }

  // The facts of a refusal of sample i, indexed when the sample is part of a batch.
  private static Violation where(boolean indexed, int index, Violation violation) {
    return indexed ? violation.at(index) : violation;
  }

  // The message prefix naming a sample of a batch; built only for a refusal.
  private static String prefix(Violation violation) {
    return violation.index() == null ? "" : "samples[" + violation.index() + "]: ";
  }

  // The sample's type or unit (the first that differs) against its meter's.
  private static InvalidSampleException differentMeter(
      boolean indexed, int index, Sample sample, MeterType type, String unit) {
    boolean typeDiffers = type != sample.type();
    Violation violation =
        where(
            indexed,
            index,
            Violation.of(
                typeDiffers ? SampleField.TYPE : SampleField.UNIT,
                Rule.CONFLICTS_WITH_METER,
                typeDiffers ? sample.type().wireName() : sample.unit(),
                sample.meterName(),
                type.wireName(),
                unit));
    return new InvalidSampleException(
        violation,
        prefix(violation)
            + "meter "
            + MeterkitException.describe(sample.meterName())
            + " is a "
            + type.wireName()
            + " in "
            + MeterkitException.describe(unit)
            + ", got: a "
            + sample.type().wireName()
            + " in "
            + MeterkitException.describe(sample.unit()));
  }

  private int apply(Batch batch, String[] idsOut) {
    return apply(batch, idsOut, config.clock().millis());
  }

  // Cannot fail: every rule was checked by validate(), so the batch is applied entirely. Only a
  // durable store's log write can fail; the store then refuses every later write (see BatchLog).
  private int apply(Batch batch, String[] idsOut, long recordedAt) {
    LogRecords.BatchRows logged = durability == null ? null : durability.startBatch(recordedAt);
    List<MeterTable> touched = new ArrayList<>();
    int stored = 0;
    for (int i = 0; i < batch.samples.length; i++) {
      Sample sample = batch.samples[i];
      String clientId = sample.messageId();
      if (batch.knownAssigned[i] || (clientId != null && clientIds.contains(clientId))) {
        if (idsOut != null) {
          idsOut[i] = clientId;
        }
        continue;
      }
      MeterTable table = tableFor(sample, touched);
      int series = table.seriesOf(sample, dictionaries);
      int metadata = table.metadataOf(series, sample.metadata(), dictionaries);
      long timestamp = sample.timestampMillis();
      int tie = table.nextTieOrdinal(series, timestamp);
      if (clientId == null && tie > MessageIds.MAX_TIE_ORDINAL) {
        clientId = uniqueRandomId();
      }
      table.append(
          series, timestamp, sample.volume(), metadata, recordedAt, arrivals++, clientId, tie);
      if (clientId != null) {
        clientIds.put(clientId, table.ordinal, series, timestamp);
      }
      if (idsOut != null) {
        idsOut[i] =
            clientId != null ? clientId : MessageIds.format(timestamp, tie, table.ordinal, series);
      }
      if (logged != null) {
        logged.add(sample, clientId);
      }
      stored++;
    }
    if (logged != null) {
      durability.logBatch(logged, touched); // write-ahead: in the log before readers can see it
    }
    publish(touched);
    return stored;
  }

  private String uniqueRandomId() {
    String id;
    do {
      id = UUID.randomUUID().toString();
    } while (clientIds.contains(id));
    return id;
  }

  private MeterTable tableFor(Sample sample, List<MeterTable> touched) {
    MeterTable table = tablesByName.get(sample.meterName());
    if (table == null) {
      table =
          new MeterTable(
              tables.size(), sample.meterName(), sample.type(), sample.unit(), config.chunkRows());
      tablesByName.put(table.name, table);
      tables.add(table);
    }
    if (!table.dirty) {
      table.dirty = true;
      touched.add(table);
    }
    return table;
  }

  private void publish(List<MeterTable> touched) {
    if (touched.isEmpty()) {
      return;
    }
    StoreState current = state;
    TableState[] next = Arrays.copyOf(current.tables, tables.size());
    Map<String, Integer> ordinals = current.ordinals;
    if (next.length != current.tables.length) {
      Map<String, Integer> grown = new HashMap<>(ordinals);
      for (int ordinal = current.tables.length; ordinal < next.length; ordinal++) {
        grown.put(tables.get(ordinal).name, ordinal);
      }
      ordinals = Map.copyOf(grown);
    }
    for (MeterTable table : touched) {
      next[table.ordinal] = table.publish();
      table.dirty = false;
    }
    state = new StoreState(dictionaries, next, ordinals);
  }

  // --- Durability and retention ---

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
    return Recovery.open(
        Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns what {@link #open} found and did when it recovered this store.
   *
   * @return the report, or empty for an in-memory store
   */
  public Optional<RecoveryReport> recoveryReport() {
    return durability == null ? Optional.empty() : Optional.of(durability.report());
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
    if (durability == null) {
      throw new IllegalStateException(
          "checkpoint needs a durable store (MeterStore.open), this one is in memory");
    }
    durability.checkpoint();
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
    return dropChunks(-1, cutoffMillis(maxAge));
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
    long cutoff = cutoffMillis(maxAge);
    Integer ordinal = state.ordinals.get(meterName);
    return ordinal == null ? 0 : dropChunks(ordinal, cutoff);
  }

  private long cutoffMillis(Duration maxAge) {
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
    if (durability != null) {
      durability.close();
    }
  }

  /** Drops the qualifying chunks of one meter ({@code meterOrdinal} -1: every meter). */
  long dropChunks(int meterOrdinal, long cutoffMillis) {
    long dropped;
    lock.writeLock().lock();
    try {
      if (!Retention.anyToDrop(tables, meterOrdinal, cutoffMillis)) {
        return 0;
      }
      if (durability != null) {
        durability.logRetention(meterOrdinal, cutoffMillis);
      }
      List<MeterTable> touched = new ArrayList<>();
      dropped = Retention.drop(tables, meterOrdinal, cutoffMillis, clientIds, touched);
      publish(touched);
    } finally {
      lock.writeLock().unlock();
    }
    awaitDurable();
    return dropped;
  }

  private void awaitDurable() {
    if (durability != null) {
      durability.afterWrite();
    }
  }

  Durability durability() {
    return durability;
  }

  /** Recovery: stores a logged batch again, exactly as it was stored, without logging it. */
  void replayBatch(Sample[] samples, long recordedAtMillis) {
    lock.writeLock().lock();
    try {
      apply(new Batch(samples, new boolean[samples.length]), null, recordedAtMillis);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code action} holding the write lock (no batch in progress) on the published state. */
  <T> T underWriteLock(Function<StoreState, T> action) {
    lock.writeLock().lock();
    try {
      return action.apply(state);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Recovery (write lock, before the store is shared): the store's writer-side parts. */
  Dictionaries dictionaries() {
    return dictionaries;
  }

  ClientIdIndex clientIdIndex() {
    return clientIds;
  }

  /** The next row's arrival number (write lock): snapshots keep it, recovery restores it. */
  long arrivals() {
    return arrivals;
  }

  void restoreArrivals(long next) {
    arrivals = next;
  }

  /** Recovery: adds the table of the next meter ordinal. */
  MeterTable restoreTable(String name, io.meterkit.core.MeterType type, String unit) {
    MeterTable table = new MeterTable(tables.size(), name, type, unit, config.chunkRows());
    tablesByName.put(name, table);
    tables.add(table);
    return table;
  }

  /** Recovery: publishes every table. */
  void publishAll() {
    publish(new ArrayList<>(tables));
  }
}
