package io.meterkit.store.kafka;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link KafkaIngest} wrote and Kafka acknowledged: how many samples in how many records, and
 * for each partition written the position after this call's last record there. A shard whose {@link
 * ShardSnapshot#position()} reached every position of a receipt holds the batch (or refused it, see
 * {@link ShardSnapshot#refusedRecords()}); a query that waits for that reads its own writes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param samples the samples written, retries of stored ids included (the shards ignore those)
 * @param records the records written
 * @param positions by partition: the offset of this call's last record there, plus one
 */
public record KafkaReceipt(int samples, int records, SortedMap<Integer, Long> positions) {
  /** Copies the positions. */
  public KafkaReceipt {
    positions = Collections.unmodifiableSortedMap(new TreeMap<>(positions));
  }

  /**
   * Returns the position this receipt needs in one partition.
   *
   * @param partition a partition
   * @return the position, or 0 when this call wrote nothing there
   */
  public long positionIn(int partition) {
    Long position = positions.get(partition);
    return position == null ? 0 : position;
  }
}
