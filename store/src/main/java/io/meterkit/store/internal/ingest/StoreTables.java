package io.meterkit.store.internal.ingest;

import static io.meterkit.store.internal.state.SampleLookup.findAssigned;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.SampleField;
import io.meterkit.core.Violation;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.StoredSample;
import io.meterkit.store.internal.log.IngestBatch;
import io.meterkit.store.internal.log.RetentionChange;
import io.meterkit.store.internal.state.Dictionaries;
import io.meterkit.store.internal.state.MessageIds;
import io.meterkit.store.internal.state.MeterIdentity;
import io.meterkit.store.internal.state.SampleLookup;
import io.meterkit.store.internal.state.StoreState;
import io.meterkit.store.internal.state.TableState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The writer-side structures of a store (meters, series, dictionaries, the client-id index, the
 * arrival counter) and the changes to them: validating a batch, applying it, dropping old chunks,
 * publishing the result as an immutable {@link StoreState}.
 *
 * <p>Every change is deterministic: it depends only on the structures and its arguments (the
 * recorded-at time is an argument; the id of a row past the last tie ordinal is derived from its
 * coordinates), so the same changes applied to the same state give the same state anywhere.
 *
 * <p>Concurrency contract: not thread-safe; the owning {@link StoreWriter} serialises every call
 * with its lock (the read lock for {@link #find}, the write lock for the rest). {@link #state()} is
 * safe from any thread: the published state is immutable and read with one volatile read.
 */
final class StoreTables {
  private final int chunkRows;
  private final Dictionaries dictionaries;
  private final Map<String, MeterTable> tablesByName = new HashMap<>();
  // The meter found last: batches mostly hold one meter, often one name instance for all.
  private String lastMeterName;
  private MeterTable lastMeter;
  private final List<MeterTable> tables = new ArrayList<>();
  private final ClientIdIndex clientIds = new ClientIdIndex();
  private long arrivals; // rows stored so far, over every meter: the next row's arrival number
  private long sealedChunks; // chunks sealed so far, over every meter
  private volatile StoreState state;

  /**
   * Rebuilds the structures of {@code initial}: an empty state, or one a snapshot held. The
   * dictionaries and the sealed chunks are taken over as they are; the head rows are appended
   * again.
   */
  StoreTables(StoreConfig config, StoreState initial) {
    this.chunkRows = config.chunkRows();
    this.dictionaries = initial.dictionaries();
    this.arrivals = initial.nextArrival();
    this.sealedChunks = initial.sealedChunks();
    this.state = initial;
    for (int ordinal = 0; ordinal < initial.tableCount(); ordinal++) {
      TableState restored = initial.table(ordinal);
      MeterTable table = MeterTable.restore(restored, chunkRows);
      tablesByName.put(table.identity.name(), table);
      tables.add(table);
      clientIds.putAll(table.ordinal, restored);
    }
    publish(new ArrayList<>(tables));
  }

  /** Returns the state published last. */
  StoreState state() {
    return state;
  }

  /** Returns the number of client message ids held. */
  int clientIdCount() {
    return clientIds.size();
  }

  /**
   * Finds a stored sample by its message id (a client id or one the store assigned); the caller
   * holds the read lock.
   */
  StoredSample find(String messageId) {
    MessageIds.Decoded assigned = MessageIds.parse(messageId);
    if (assigned != null) {
      return findAssigned(state, assigned);
    }
    ClientIdIndex.Location location = clientIds.find(messageId);
    return location == null
        ? null
        : SampleLookup.findClient(
            state,
            messageId,
            location.meterOrdinal(),
            location.seriesId(),
            location.timestampMillis());
  }

  // --- validation: every rule is checked before anything changes ---

  /** A validated batch: the samples, and which of them are retries of assigned ids. */
  static final class Batch {
    private final Sample[] samples;
    private final boolean[] knownAssigned;

    private Batch(Sample[] samples, boolean[] knownAssigned) {
      this.samples = samples;
      this.knownAssigned = knownAssigned;
    }
  }

  /**
   * Checks every rule for a batch; nothing changes.
   *
   * @param indexed whether messages name the sample's index ({@code samples[i]: ...})
   * @throws InvalidSampleException naming the first sample that breaks a rule
   */
  Batch validate(Collection<? extends Sample> input, boolean indexed) {
    Sample[] samples = input.toArray(new Sample[input.size()]);
    boolean[] knownAssigned = new boolean[samples.length];
    Map<String, Sample> newMeters = null;
    for (int i = 0; i < samples.length; i++) {
      Sample sample = samples[i];
      if (sample == null) {
        throw new InvalidSampleException(
            where(indexed, i, Violation.of(SampleField.SAMPLE, Rule.NOT_NULL, null)));
      }
      MeterTable table = meter(sample.meterName());
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

  // --- applying: cannot fail once validated ---

  /**
   * Stores every sample of a validated batch that is not a retry of a stored id, hands those to
   * {@code log} (when not null, and when there is one) before publishing them, and publishes.
   *
   * @param recordedAt the recorded-at of every stored row
   * @param idsOut receives the message id of every sample, in input order; or null
   * @return the number stored
   */
  int apply(Batch batch, long recordedAt, String[] idsOut, Consumer<IngestBatch> log) {
    List<Sample> toLog = log != null ? new ArrayList<>(batch.samples.length) : null;
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
        clientId = overflowId(timestamp, tie, table.ordinal, series);
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
      if (toLog != null) {
        toLog.add(sample);
      }
      stored++;
    }
    if (stored > 0 && toLog != null) {
      log.accept(new IngestBatch(recordedAt, toLog)); // write-ahead: before readers can see it
    }
    publish(touched);
    return stored;
  }

  private String overflowId(long timestamp, int tie, int meterOrdinal, int series) {
    int attempt = 0;
    String id;
    do {
      id = MessageIds.overflowId(timestamp, tie, meterOrdinal, series, attempt++);
    } while (clientIds.contains(id));
    return id;
  }

  private MeterTable tableFor(Sample sample, List<MeterTable> touched) {
    MeterTable table = meter(sample.meterName());
    if (table == null) {
      MeterIdentity identity =
          new MeterIdentity(tables.size(), sample.meterName(), sample.type(), sample.unit());
      table = new MeterTable(identity, chunkRows);
      tablesByName.put(identity.name(), table);
      tables.add(table);
    }
    if (!table.dirty) {
      table.dirty = true;
      touched.add(table);
    }
    return table;
  }

  // The meter called name, or null; remembers a hit.
  private MeterTable meter(String name) {
    if (name == lastMeterName) {
      return lastMeter;
    }
    MeterTable table = tablesByName.get(name);
    if (table != null) {
      lastMeterName = name;
      lastMeter = table;
    }
    return table;
  }

  private void publish(List<MeterTable> touched) {
    if (touched.isEmpty()) {
      return;
    }
    StoreState current = state;
    TableState[] next = new TableState[tables.size()];
    for (int t = 0; t < current.tableCount(); t++) {
      next[t] = current.table(t);
    }
    Map<String, Integer> ordinals = current.ordinals();
    if (next.length != current.tableCount()) {
      Map<String, Integer> grown = new HashMap<>(ordinals);
      for (int ordinal = current.tableCount(); ordinal < next.length; ordinal++) {
        grown.put(tables.get(ordinal).identity.name(), ordinal);
      }
      ordinals = Map.copyOf(grown);
    }
    for (MeterTable table : touched) {
      next[table.ordinal] = table.publish();
      sealedChunks += table.takeSealedCount();
      table.dirty = false;
    }
    state =
        new StoreState(dictionaries, dictionaries.sizes(), next, ordinals, arrivals, sealedChunks);
  }

  /**
   * Drops the sealed chunks of one meter ({@link RetentionChange#EVERY_METER}: of every meter)
   * whose newest sample is older than {@code cutoffMillis}; hands the change to {@code log} (when
   * not null) first, unless it drops nothing.
   *
   * @return the number of samples dropped
   */
  long drop(int meterOrdinal, long cutoffMillis, Consumer<RetentionChange> log) {
    if (!Retention.anyToDrop(tables, meterOrdinal, cutoffMillis)) {
      return 0;
    }
    if (log != null) {
      log.accept(new RetentionChange(meterOrdinal, cutoffMillis)); // before it happens
    }
    List<MeterTable> touched = new ArrayList<>();
    long dropped = Retention.drop(tables, meterOrdinal, cutoffMillis, clientIds, touched);
    publish(touched);
    return dropped;
  }
}
