/**
 * Scaling a store out over Apache Kafka: the topic is the partitioned, replicated ingest log, and
 * each instance materialises the partitions assigned to it into stores of their own ("shards").
 * Needs {@code org.apache.kafka:kafka-clients} on the class or module path, an optional dependency
 * of the store module.
 *
 * <h2>Topology</h2>
 *
 * <pre>
 *   writers --recordAll--&gt; KafkaIngest --one record per project, key = project id--&gt; topic
 *                                                     (N partitions, acks=all, idempotent)
 *   topic partitions --consumer group--&gt; PartitionMaterialiser on each instance
 *                                        one shard per assigned partition:
 *                                        store + dedupe ids + snapshot at (next offset)
 *   queries --ShardSet--&gt; per partition: (StoreSnapshot, position, RECOVERING | READY | FAILED)
 * </pre>
 *
 * <ul>
 *   <li>{@link io.meterkit.store.kafka.KafkaOptions}: brokers, topic, partition count, instance id,
 *       group, shard directory, store layout.
 *   <li>{@link io.meterkit.store.kafka.KafkaIngest}: validates a batch, writes it, returns once
 *       Kafka acknowledged it, with each partition's position ({@link
 *       io.meterkit.store.kafka.KafkaReceipt}) for read-your-writes.
 *   <li>{@link io.meterkit.store.kafka.PartitionMaterialiser}: the consumer group member; its
 *       shards are a {@link io.meterkit.store.kafka.ShardSet} of {@link
 *       io.meterkit.store.kafka.ShardSnapshot}s in a {@link io.meterkit.store.kafka.ShardState}.
 * </ul>
 *
 * <h2>Why the answers are exact</h2>
 *
 * <p>A project's records all land in one partition, so its series, its retries and its dedupe state
 * live in one shard. A shard is a pure function of its partition's records: applying them in offset
 * order gives the same state, assigned ids included, on any instance, and its snapshot records the
 * offset it covers. So of the shards of one partition, the one at the highest position is the
 * freshest and none is partial, and a shard that is still recovering says so instead of answering
 * short.
 *
 * <pre>{@code
 * KafkaOptions options = KafkaOptions.builder("localhost:9092", "meterkit-samples", "host-1")
 *     .dataDirectory(Path.of("/var/lib/meterkit/shards"))
 *     .build();
 * try (KafkaIngest ingest = KafkaIngest.open(options);
 *     PartitionMaterialiser shards = PartitionMaterialiser.start(options)) {
 *   KafkaReceipt receipt = ingest.recordAll(samples);
 *   for (ShardSnapshot shard : shards.shards()) {
 *     if (shard.isReady() && shard.position() >= receipt.positionIn(shard.partition())) {
 *       long count = shard.snapshot().sampleCount();
 *     }
 *   }
 * }
 * }</pre>
 */
package io.meterkit.store.kafka;
