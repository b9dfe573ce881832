package io.meterkit.store.kafka;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker inside the test JVM: one combined KRaft node (broker and controller) from
 * Kafka's own test kit, set up for a single broker, with consumer-group session timeouts short
 * enough that a crashed member's partitions move within seconds. The only place the tests touch the
 * test kit, whose API is internal to Kafka.
 *
 * <p>One broker per test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}. Not
 * thread-safe to start and close; {@link #bootstrapServers()} from any thread.
 */
final class KafkaBroker implements AutoCloseable {
  /** The consumer group session timeout: a member that stops heartbeating is removed after it. */
  static final long SESSION_TIMEOUT_MILLIS = 3_000;

  private static final Map<String, String> CONFIG =
      Map.ofEntries(
          // The defaults (3 replicas) would leave group and transaction coordinators unavailable.
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("offsets.topic.num.partitions", "1"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("transaction.state.log.num.partitions", "1"),
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          // The consumer group protocol's timeouts are the broker's (the defaults: 45 s and 5 s).
          Map.entry("group.consumer.min.session.timeout.ms", "1000"),
          Map.entry("group.consumer.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MILLIS)),
          Map.entry("group.consumer.min.heartbeat.interval.ms", "100"),
          Map.entry("group.consumer.heartbeat.interval.ms", "250"),
          Map.entry("num.partitions", "1"));

  private final KafkaClusterTestKit kit;

  private KafkaBroker(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  /** Formats and starts the broker, and waits until it serves clients. */
  static KafkaBroker start() throws Exception {
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(
            new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build());
    CONFIG.forEach(builder::setConfigProp);
    KafkaClusterTestKit kit = builder.build();
    try {
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
    } catch (Exception e) {
      kit.close();
      throw e;
    }
    return new KafkaBroker(kit);
  }

  /** Returns the broker's address, for {@code bootstrap.servers}. */
  String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** Stops the broker and deletes its files. */
  @Override
  public void close() throws Exception {
    kit.close();
  }
}
