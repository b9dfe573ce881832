package io.meterkit.store.kafka;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The shards of the partitions assigned to this instance, and the consumer group's rebalance
 * listener that opens and drops them: on assignment each partition's shard loads its snapshot and
 * the consumer seeks to the snapshot's position; on revocation each shard writes a snapshot and is
 * dropped; on loss (another instance may own the partition already) it is dropped without one.
 *
 * <p>Concurrency contract: every method runs on the materialiser's poll thread (the consumer calls
 * the listener from inside {@code poll} and {@code close}); {@link #published()} may be read from
 * any thread: an immutable list of the shards, replaced whenever the set changes.
 */
final class Shards implements ConsumerRebalanceListener {
  private static final System.Logger LOGGER = System.getLogger(PartitionMaterialiser.LOGGER_NAME);

  private final KafkaOptions options;
  private final Consumer<byte[], byte[]> consumer;
  private final Map<Integer, Shard> byPartition = new TreeMap<>();
  private volatile List<Shard> published = List.of();
  private boolean crashed; // set before a simulated crash: revocations write no snapshot

  Shards(KafkaOptions options, Consumer<byte[], byte[]> consumer) {
    this.options = options;
    this.consumer = consumer;
  }

  /** Returns the shards as published last, by partition. Any thread. */
  List<Shard> published() {
    return published;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> beginning;
    Map<TopicPartition, Long> end;
    try {
      beginning = consumer.beginningOffsets(partitions);
      end = consumer.endOffsets(partitions);
    } catch (KafkaException e) {
      for (TopicPartition partition : partitions) {
        Shard shard =
            Shard.failed(options, partition.partition(), "could not read its offsets: " + e);
        byPartition.put(partition.partition(), shard);
        consumer.seek(partition, 0);
        consumer.pause(List.of(partition));
      }
      publish();
      return;
    }
    for (TopicPartition partition : partitions) {
      long first = beginning.get(partition);
      Shard shard = Shard.open(options, partition.partition(), first, end.get(partition));
      byPartition.put(partition.partition(), shard);
      consumer.seek(partition, shard.failed() ? first : shard.position());
      if (shard.failed()) {
        consumer.pause(List.of(partition)); // fetches nothing: a failed shard applies nothing
      }
    }
    publish();
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      Shard shard = byPartition.remove(partition.partition());
      if (shard != null) {
        if (!crashed) {
          snapshotQuietly(shard);
        }
        shard.close();
        LOGGER.log(Level.INFO, "revoked " + partition);
      }
    }
    publish();
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      Shard shard = byPartition.remove(partition.partition());
      if (shard != null) {
        shard.close();
        LOGGER.log(Level.WARNING, "lost " + partition + " (another instance may own it now)");
      }
    }
    publish();
  }

  /** Applies the records of one poll, partition by partition, in offset order. */
  void apply(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      Shard shard = byPartition.get(partition.partition());
      if (shard == null) {
        continue; // revoked while the records were in flight
      }
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        shard.apply(record);
      }
      if (shard.failed()) {
        consumer.pause(List.of(partition));
      }
    }
  }

  /** After a poll: takes each shard's consumer position and publishes what changed. */
  void afterPoll() {
    for (Shard shard : byPartition.values()) {
      if (!shard.failed()) {
        shard.caughtUpTo(consumer.position(topicPartition(shard.partition())));
      }
      shard.publishIfChanged();
    }
  }

  /** Fails the shards of the partitions sought past the offsets the topic holds. */
  void outOfRange(Map<TopicPartition, Long> offsets) {
    for (Map.Entry<TopicPartition, Long> offset : offsets.entrySet()) {
      Shard shard = byPartition.get(offset.getKey().partition());
      if (shard != null) {
        shard.fail(
            "offset "
                + offset.getValue()
                + " is out of the range the topic holds (its records were deleted?)");
      }
      consumer.pause(List.of(offset.getKey()));
    }
  }

  /** Writes the snapshots that are due. */
  void snapshotsDue(long nowNanos, long intervalNanos) {
    for (Shard shard : byPartition.values()) {
      if (shard.snapshotDue(nowNanos, intervalNanos)) {
        snapshotQuietly(shard);
      }
    }
  }

  /**
   * Writes a snapshot of every shard now.
   *
   * @throws IOException the first failure, after trying every shard
   */
  void snapshotAll() throws IOException {
    IOException failure = null;
    for (Shard shard : byPartition.values()) {
      try {
        shard.snapshot();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** From now on, revocations write no snapshot: the instance stops as if killed. */
  void crash() {
    crashed = true;
  }

  /** Releases every shard still held, writing nothing, and publishes none. */
  void closeAll() {
    for (Shard shard : byPartition.values()) {
      shard.close();
    }
    byPartition.clear();
    publish();
  }

  private void snapshotQuietly(Shard shard) {
    try {
      shard.snapshot();
    } catch (IOException | RuntimeException e) {
      LOGGER.log(
          Level.WARNING,
          "could not write a snapshot of "
              + options.topic()
              + "-"
              + shard.partition()
              + "; the topic still holds every record",
          e);
    }
  }

  private TopicPartition topicPartition(int partition) {
    return new TopicPartition(options.topic(), partition);
  }

  private void publish() {
    published = List.copyOf(byPartition.values());
  }
}
