package io.meterkit.store.kafka;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.store.internal.durable.FollowerStore;
import io.meterkit.store.internal.log.LogEntry;
import io.meterkit.store.internal.state.StoreState;
import io.meterkit.store.internal.state.StoreView;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One partition's store on this instance, from assignment to revocation: a {@link FollowerStore} in
 * the partition's shard directory, the records applied to it, whether it has caught up, and the
 * {@link ShardSnapshot} readers see.
 *
 * <h2>Lifecycle</h2>
 *
 * <ol>
 *   <li>{@link #open}: loads the newest snapshot of the shard directory (if any) and checks that it
 *       fits the partition: its position is within the offsets the partition holds. The consumer
 *       then seeks to {@link #position()}.
 *   <li>{@link #apply}: each record in offset order. A record that does not decode fails the shard
 *       (it is never skipped); a batch the store refuses is counted and skipped, as on every
 *       instance.
 *   <li>{@link #caughtUpTo}: after each poll, the consumer's position; the shard turns {@link
 *       ShardState#READY} when it reaches the end offset seen at assignment.
 *   <li>{@link #snapshot}, then {@link #close}: on revocation and on close; only {@link #close}
 *       when the partition was lost (another instance may own it already).
 * </ol>
 *
 * <p>Concurrency contract: every method but {@link #view()} runs on the materialiser's poll thread;
 * {@link #view()} may be read from any thread (a volatile read of an immutable snapshot).
 */
final class Shard {
  private static final System.Logger LOGGER = System.getLogger(PartitionMaterialiser.LOGGER_NAME);

  private final String name; // topic-partition, for messages
  private final int partition;
  private final FollowerStore store; // null when opening failed
  private final long target;
  private final long startPosition;
  private final long assignedNanos;
  private ShardState state;
  private String failure;
  private long replayed;
  private long applied;
  private long refused;
  private long lastSnapshotNanos;
  private ShardState publishedState;
  private long publishedPosition = -1;
  private volatile ShardSnapshot view;

  private Shard(String name, int partition, FollowerStore store, long target, String failure) {
    this.name = name;
    this.partition = partition;
    this.store = store;
    this.target = target;
    this.startPosition = store == null ? 0 : store.position();
    this.assignedNanos = System.nanoTime();
    this.lastSnapshotNanos = assignedNanos;
    this.state = failure != null ? ShardState.FAILED : ShardState.RECOVERING;
    this.failure = failure;
    if (state == ShardState.RECOVERING && startPosition >= target) {
      ready();
    }
    publish();
  }

  /**
   * Opens the shard of {@code partition}, whose records now span offsets {@code [beginning, end)}.
   * Never throws: a shard that cannot start is returned {@link ShardState#FAILED}.
   */
  static Shard open(KafkaOptions options, int partition, long beginning, long end) {
    String name = options.topic() + "-" + partition;
    FollowerStore store;
    try {
      store = FollowerStore.open(options.shardDirectory(partition), options.storeConfig());
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.ERROR, "could not open the shard of " + name, e);
      return new Shard(
          name, partition, null, end, "could not open its directory: " + e.getMessage());
    }
    for (String problem : store.problems()) {
      LOGGER.log(Level.WARNING, "opening the shard of " + name + ": " + problem);
    }
    long position = store.position();
    String misfit = null;
    if (position > end) {
      misfit =
          "its snapshot covers offsets up to "
              + position
              + " but the partition ends at "
              + end
              + ": the snapshot belongs to another topic of this name; delete "
              + options.shardDirectory(partition)
              + " to rebuild the shard from the topic";
    } else if (position < beginning) {
      misfit =
          "it needs the records from offset "
              + position
              + " but the topic holds them only from "
              + beginning
              + " (deleted by retention?): no snapshot here covers the records that are gone";
    }
    if (misfit != null) {
      // The loaded state does not describe this partition: hold none of it.
      try {
        store.close();
      } catch (IOException e) {
        LOGGER.log(Level.WARNING, "could not release the shard directory of " + name, e);
      }
      return failed(options, partition, misfit);
    }
    LOGGER.log(
        Level.INFO,
        "assigned "
            + name
            + ": "
            + (store.loadedSnapshot() == null ? "no snapshot" : store.loadedSnapshot())
            + ", recovering from offset "
            + position
            + " to "
            + end);
    return new Shard(name, partition, store, end, null);
  }

  /** Returns the shard of a partition that cannot start, {@link ShardState#FAILED}. */
  static Shard failed(KafkaOptions options, int partition, String reason) {
    LOGGER.log(
        Level.ERROR,
        "the shard of " + options.topic() + "-" + partition + " cannot start: " + reason);
    return new Shard(options.topic() + "-" + partition, partition, null, 0, reason);
  }

  int partition() {
    return partition;
  }

  boolean failed() {
    return state == ShardState.FAILED;
  }

  /** Returns the next offset to apply. */
  long position() {
    return store == null ? 0 : store.position();
  }

  /** Applies one record of the partition, in offset order. */
  void apply(ConsumerRecord<byte[], byte[]> record) {
    if (failed()) {
      return;
    }
    LogEntry entry;
    try {
      entry = RecordValue.decode(record.value(), name + " offset " + record.offset());
    } catch (IOException e) {
      fail("it cannot read the record at offset " + record.offset() + ": " + e.getMessage());
      return;
    }
    try {
      store.apply(record.offset() + 1, entry);
    } catch (InvalidSampleException e) {
      refused++;
      LOGGER.log(
          Level.WARNING,
          "refused the batch at " + name + " offset " + record.offset() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      fail("applying the record at offset " + record.offset() + " failed: " + e);
      return;
    }
    applied++;
    if (state == ShardState.RECOVERING) {
      replayed++;
    }
  }

  /**
   * Takes the consumer's position after a poll (past every record applied, and past any offsets the
   * partition holds no record at) and turns ready once it reaches the recovery target.
   */
  void caughtUpTo(long consumerPosition) {
    if (failed()) {
      return;
    }
    if (consumerPosition > store.position()) {
      store.advanceTo(consumerPosition);
    }
    if (state == ShardState.RECOVERING && store.position() >= target) {
      ready();
    }
  }

  private void ready() {
    state = ShardState.READY;
    LOGGER.log(
        Level.INFO,
        name
            + " is ready at offset "
            + position()
            + ": replayed "
            + replayed
            + " records in "
            + (System.nanoTime() - assignedNanos) / 1_000_000
            + " ms");
  }

  /** Fails the shard: it applies nothing more. */
  void fail(String reason) {
    if (failed()) {
      return;
    }
    state = ShardState.FAILED;
    failure = reason;
    LOGGER.log(Level.ERROR, "the shard of " + name + " stopped: " + reason);
    publish();
  }

  /** Whether a snapshot is due: the shard changed and the interval passed since the last one. */
  boolean snapshotDue(long nowNanos, long intervalNanos) {
    return intervalNanos > 0
        && store != null
        && store.hasDirectory()
        && !failed()
        && store.position() != store.snapshotPosition()
        && nowNanos - lastSnapshotNanos >= intervalNanos;
  }

  /**
   * Writes a snapshot of the shard at its position, unless it has no directory, failed, or the
   * newest snapshot covers the position already.
   *
   * @throws IOException when it cannot be written; the older snapshot stays
   */
  void snapshot() throws IOException {
    lastSnapshotNanos = System.nanoTime();
    if (store != null && store.hasDirectory() && !failed() && store.snapshot()) {
      LOGGER.log(Level.DEBUG, "snapshot of " + name + " at offset " + store.position());
    }
  }

  /** Releases the shard directory, writing nothing. */
  void close() {
    if (store == null) {
      return;
    }
    try {
      store.close();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "could not release the shard directory of " + name, e);
    }
  }

  /** Publishes the shard's current moment when its position or state changed. */
  void publishIfChanged() {
    if (state != publishedState || position() != publishedPosition) {
      publish();
    }
  }

  /** Publishes the shard's current moment to readers. */
  private void publish() {
    publishedState = state;
    publishedPosition = position();
    StoreState current = store == null ? StoreState.empty() : store.state();
    view =
        new ShardSnapshot(
            partition,
            state,
            position(),
            target,
            startPosition,
            replayed,
            applied,
            refused,
            failure,
            new StoreView(current));
  }

  /** Returns the moment published last. Any thread. */
  ShardSnapshot view() {
    return view;
  }
}
