package io.meterkit.store.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings of the three Kafka clients meterkit makes: the user's {@link
 * KafkaOptions#clientProperties()} over Kafka's defaults, then the settings meterkit relies on,
 * which win.
 *
 * <p>Thread-safe: stateless.
 */
final class ClientConfigs {
  private ClientConfigs() {}

  /** The admin client's: it creates the topic and reads its partition count. */
  static Map<String, Object> admin(KafkaOptions options) {
    return common(options, "admin");
  }

  /**
   * The producer's: every record is acknowledged by all in-sync replicas ({@code acks=all}) and
   * written exactly once per send, in order, even when the producer retries ({@code
   * enable.idempotence}).
   */
  static Map<String, Object> producer(KafkaOptions options) {
    Map<String, Object> config = common(options, "producer");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "1");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return config;
  }

  /**
   * The consumer's: a member of the instances' group under the consumer group protocol, statically
   * (the instance id), committing nothing, since a partition's position lives in its shard's
   * snapshot.
   */
  static Map<String, Object> consumer(KafkaOptions options) {
    Map<String, Object> config = common(options, "consumer");
    config.putIfAbsent(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
    config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, options.instanceId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Every assigned partition is sought to its shard's position. A position the topic no longer
    // holds must fail the shard, never reset to another offset: that would skip records, or apply
    // records on top of a snapshot that holds them already.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return config;
  }

  private static Map<String, Object> common(KafkaOptions options, String role) {
    Map<String, Object> config = new HashMap<>(options.clientProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.putIfAbsent(
        CommonClientConfigs.CLIENT_ID_CONFIG, "meterkit-" + options.instanceId() + "-" + role);
    return config;
  }
}
