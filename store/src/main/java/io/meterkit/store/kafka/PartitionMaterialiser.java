package io.meterkit.store.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;

/**
 * The read side of a store that scales out over Kafka: a member of the instances' consumer group
 * that materialises each partition assigned to it into a shard, a store of its own, and offers the
 * shards to queries as a {@link ShardSet}.
 *
 * <h2>Positions live in the shards</h2>
 *
 * <p>The materialiser commits no offsets to Kafka. Each shard's snapshot records the position it
 * covers (the partition's next offset), written atomically with the state it describes, so a shard
 * restarts exactly where its snapshot ends: no record is applied twice and none is skipped. Dedupe
 * state (the client message ids a shard holds) is part of the shard and follows from the records
 * alone, never from wall-clock time, so a partition at a given offset answers identically on every
 * instance.
 *
 * <h2>Shard lifecycle</h2>
 *
 * <ol>
 *   <li><b>Assigned</b>: the shard loads its newest snapshot from {@link
 *       KafkaOptions#shardDirectory(int)} (or starts empty), the consumer seeks to its position,
 *       and the shard is {@link ShardState#RECOVERING} until it reaches the end offset the
 *       partition had at assignment, then {@link ShardState#READY}.
 *   <li><b>Following</b>: records are applied in offset order as they arrive; a shard that changed
 *       writes a snapshot every {@link KafkaOptions#snapshotInterval()}.
 *   <li><b>Revoked</b> (a rebalance, or {@link #close()}): the shard writes a snapshot and is
 *       dropped. <b>Lost</b> (this instance was fenced or timed out): dropped without one.
 * </ol>
 *
 * <p>The group uses static membership ({@link KafkaOptions#instanceId()} is the {@code
 * group.instance.id}) under Kafka's consumer group protocol: an instance that restarts within the
 * group's session timeout gets its partitions back without a rebalance, reloads their snapshots and
 * replays only the records after them. {@link #close()} leaves the group, so its partitions move at
 * once; an instance that dies without closing keeps them until the session timeout expires.
 *
 * <p>Thread-safe: one thread of its own polls, applies and snapshots; {@link #shards()} and {@link
 * #shard(int)} may be called from any thread and never block; {@link #checkpoint()} and {@link
 * #close()} hand their work to that thread and wait for it.
 */
public final class PartitionMaterialiser implements ShardSet, AutoCloseable {
  static final String LOGGER_NAME = "io.meterkit.store.kafka";
  private static final System.Logger LOGGER = System.getLogger(LOGGER_NAME);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaOptions options;
  private final int partitionCount;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Shards shards;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private final Object lifecycle = new Object();
  private volatile boolean running = true;
  private volatile boolean crash;
  private volatile Throwable failure;

  private PartitionMaterialiser(KafkaOptions options, int partitionCount) {
    this.options = options;
    this.partitionCount = partitionCount;
    this.consumer = new KafkaConsumer<>(ClientConfigs.consumer(options));
    this.shards = new Shards(options, consumer);
    this.thread = new Thread(this::run, "meterkit-materialiser-" + options.instanceId());
    thread.setDaemon(true);
  }

  /**
   * Joins the instances' consumer group and starts materialising the partitions it is assigned,
   * creating the topic when missing (see {@link KafkaOptions}).
   *
   * @param options the brokers, topic, instance id, group, shard directory and store layout
   * @return the materialiser, running; {@link #close()} it when done
   * @throws IOException when the brokers cannot be reached or the topic cannot be created
   */
  public static PartitionMaterialiser start(KafkaOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    PartitionMaterialiser materialiser =
        new PartitionMaterialiser(options, KafkaTopic.ensure(options));
    materialiser.thread.start();
    return materialiser;
  }

  @Override
  public int partitionCount() {
    return partitionCount;
  }

  @Override
  public List<ShardSnapshot> shards() {
    List<Shard> held = shards.published();
    List<ShardSnapshot> views = new ArrayList<>(held.size());
    for (Shard shard : held) {
      views.add(shard.view());
    }
    return views;
  }

  @Override
  public Optional<ShardSnapshot> shard(int partition) {
    for (Shard shard : shards.published()) {
      if (shard.partition() == partition) {
        return Optional.of(shard.view());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns why the materialiser stopped on its own (the brokers refused it, or another instance
   * uses its instance id), when it did; it then holds no shard.
   *
   * @return the error, or empty while it runs or after a {@link #close()}
   */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Writes a snapshot of every shard that changed since its last one, now, and waits for them.
   *
   * @throws IllegalStateException when the materialiser is closed or stopped
   * @throws UncheckedIOException when a snapshot cannot be written (the others are written)
   */
  public void checkpoint() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    submit(
        () -> {
          try {
            shards.snapshotAll();
            done.complete(null);
          } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    try {
      done.get();
      Throwable stopped = failure;
      if (stopped != null) {
        throw new IllegalStateException("the materialiser stopped: " + stopped, stopped);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the snapshots", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException("could not write a shard snapshot: " + io.getMessage(), io);
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  private void submit(Runnable command) {
    synchronized (lifecycle) {
      if (!running || !thread.isAlive()) {
        throw new IllegalStateException("the materialiser is closed");
      }
      commands.add(command);
    }
  }

  /**
   * Writes a snapshot of every shard, leaves the consumer group (its partitions move to the other
   * instances at once) and stops. Closing twice does nothing.
   */
  @Override
  public void close() {
    stop(false);
  }

  /**
   * Stops as a killed process would, for tests: writes no snapshot and does not leave the group, so
   * its partitions stay assigned to it until the group's session timeout expires (or it restarts
   * under the same instance id and takes them back).
   */
  void crash() {
    stop(true);
  }

  private void stop(boolean asCrash) {
    synchronized (lifecycle) {
      if (!running) {
        return;
      }
      crash = asCrash;
      running = false;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      consumer.subscribe(List.of(options.topic()), shards);
      long intervalNanos = options.snapshotInterval().toNanos();
      while (running) {
        runCommands();
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL);
        } catch (OffsetOutOfRangeException e) {
          shards.outOfRange(e.offsetOutOfRangePartitions());
          continue;
        }
        shards.apply(records);
        shards.afterPoll();
        shards.snapshotsDue(System.nanoTime(), intervalNanos);
      }
      runCommands();
      if (crash) {
        shards.crash();
      } else {
        snapshotAllQuietly();
      }
      GroupMembershipOperation membership =
          crash ? GroupMembershipOperation.REMAIN_IN_GROUP : GroupMembershipOperation.LEAVE_GROUP;
      consumer.close(CloseOptions.groupMembershipOperation(membership));
    } catch (Throwable e) {
      failure = e;
      running = false;
      LOGGER.log(Level.ERROR, "the materialiser of " + options.instanceId() + " stopped", e);
      try {
        consumer.close(
            CloseOptions.groupMembershipOperation(GroupMembershipOperation.REMAIN_IN_GROUP));
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
    } finally {
      shards.closeAll();
      Runnable command;
      while ((command = commands.poll()) != null) {
        command.run(); // answers waiting callers; the shards are closed, so nothing is written
      }
    }
  }

  private void runCommands() {
    Runnable command;
    while ((command = commands.poll()) != null) {
      command.run();
    }
  }

  private void snapshotAllQuietly() {
    try {
      shards.snapshotAll();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "could not write every shard snapshot on close", e);
    }
  }
}
