package io.meterkit.store.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The user's client settings apply, except those meterkit's guarantees rest on, which win. */
@Tag("kafka")
class ClientConfigsTest {
  private static final KafkaOptions OPTIONS =
      KafkaOptions.builder("broker:9092", "meters", "i-1")
          .clientProperties(
              Map.of(
                  "acks", "0",
                  "enable.idempotence", "false",
                  "enable.auto.commit", "true",
                  "group.instance.id", "someone-else",
                  "security.protocol", "SSL",
                  "linger.ms", "20"))
          .build();

  @Test
  void theProducerAlwaysWaitsForEveryReplicaAndWritesEachRecordOnce() {
    Map<String, Object> producer = ClientConfigs.producer(OPTIONS);

    assertThat(producer)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("security.protocol", "SSL")
        .containsEntry("linger.ms", "20")
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("client.id", "meterkit-i-1-producer");
  }

  @Test
  void theConsumerIsAStaticMemberThatCommitsNothingAndNeverResetsOnItsOwn() {
    Map<String, Object> consumer = ClientConfigs.consumer(OPTIONS);

    assertThat(consumer)
        .containsEntry("group.id", "meterkit-meters")
        .containsEntry("group.instance.id", "i-1")
        .containsEntry("group.protocol", "consumer")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "none")
        .containsEntry("security.protocol", "SSL");
  }
}
