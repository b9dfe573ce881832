package io.meterkit.store.kafka;

import java.util.List;
import java.util.Optional;

/**
 * The shards one instance holds, as a query reads them: for each partition it owns, the store's
 * snapshot, the position it covers and the shard's state. A coordinator that gathers the shard sets
 * of every instance takes, for each of the {@link #partitionCount()} partitions, the answer at the
 * highest position, and says "partition N recovering" (or failed) instead of answering without it.
 *
 * <p>Implementations are thread-safe: any thread may read the shards at any time.
 */
public interface ShardSet {
  /**
   * Returns the topic's partition count: a complete answer covers each of {@code 0..count - 1}.
   *
   * @return the partition count
   */
  int partitionCount();

  /**
   * Returns the shards this instance holds now, by partition. Each is a consistent moment of its
   * shard; different shards may be at different moments.
   *
   * @return the shards, sorted by partition
   */
  List<ShardSnapshot> shards();

  /**
   * Returns the shard of one partition, when this instance holds it.
   *
   * @param partition the partition
   * @return its shard, or empty when another instance (or none) holds it
   */
  Optional<ShardSnapshot> shard(int partition);
}
