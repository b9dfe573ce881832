package io.meterkit.store.kafka;

import io.meterkit.store.spi.StoreSnapshot;
import java.util.Objects;

/**
 * One shard at one moment: the partition it materialises, its state, the position its store covers
 * and the store's snapshot at exactly that position. Two instances whose shards of partition {@code
 * p} are at the same position hold the same data and answer every query alike, so of several
 * answers for one partition the one at the highest position is the freshest, and none is partial.
 *
 * <p>Immutable and thread-safe.
 *
 * @param partition the partition, 0 to the topic's partition count - 1
 * @param state whether the shard is recovering, ready or failed
 * @param position the partition's next offset to apply: {@code snapshot} holds every record before
 *     it and none from it on (a log position, as {@link KafkaReceipt#positions()})
 * @param recoveryTarget the partition's end offset when it was assigned: the shard is {@link
 *     ShardState#RECOVERING} until {@code position} reaches it
 * @param startPosition the position the shard started from when assigned: that of the snapshot it
 *     loaded, or 0 when it had none
 * @param recordsReplayed the records applied while recovering
 * @param recordsApplied the records applied since assignment, those while recovering included
 * @param refusedRecords of those, the records the store refused (a batch that disagrees with a
 *     meter's type or unit, or names an unknown assigned id): every instance refuses them alike
 * @param failure why the shard failed, or null unless {@link ShardState#FAILED}
 * @param snapshot the shard's store at {@code position}
 */
public record ShardSnapshot(
    int partition,
    ShardState state,
    long position,
    long recoveryTarget,
    long startPosition,
    long recordsReplayed,
    long recordsApplied,
    long refusedRecords,
    String failure,
    StoreSnapshot snapshot) {
  /**
   * Checks the required components.
   *
   * @throws NullPointerException when {@code state} or {@code snapshot} is null, or {@code failure}
   *     is null for a failed shard
   */
  public ShardSnapshot {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(snapshot, "snapshot");
    if (state == ShardState.FAILED) {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * Returns whether the shard's answers are current: it is {@link ShardState#READY}.
   *
   * @return true when ready
   */
  public boolean isReady() {
    return state == ShardState.READY;
  }
}
