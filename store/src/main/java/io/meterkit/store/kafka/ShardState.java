package io.meterkit.store.kafka;

/**
 * Where a shard (one partition's store on this instance) stands.
 *
 * <p>Immutable and thread-safe.
 */
public enum ShardState {
  /**
   * Assigned to this instance and catching up: it loaded its snapshot (if any) and applies the
   * partition's records up to the end offset the partition had when it was assigned. Its answers
   * are exact for its {@link ShardSnapshot#position()} but may lag far behind the partition.
   */
  RECOVERING,
  /** Caught up with the partition as it was at assignment, and following it. */
  READY,
  /**
   * Stopped: the partition holds a record this version cannot read, its snapshot does not fit the
   * partition, or the records it needs are gone from the topic ({@link ShardSnapshot#failure()}
   * says which). It applies nothing more until it is assigned again.
   */
  FAILED
}
