package io.meterkit.store.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options hold their defaults, refuse a setting out of range by name and value, copy maps. */
class KafkaOptionsTest {
  private static KafkaOptions.Builder builder() {
    return KafkaOptions.builder("localhost:9092", "meters", "instance-1");
  }

  @Test
  void theDefaultsAreThoseDocumented() {
    KafkaOptions options = builder().build();

    assertThat(options.partitions()).isEqualTo(32).isEqualTo(KafkaOptions.DEFAULT_PARTITIONS);
    assertThat(options.groupId()).isEqualTo("meterkit-meters");
    assertThat(options.dataDirectory()).isNull();
    assertThat(options.shardDirectory(3)).isNull();
    assertThat(options.storeConfig()).isEqualTo(StoreConfig.DEFAULTS);
    assertThat(options.snapshotInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.clientProperties()).isEmpty();
  }

  @Test
  void eachShardHasADirectoryNamedByTopicAndPartition() {
    KafkaOptions options = builder().dataDirectory(Path.of("/data")).build();

    assertThat(options.shardDirectory(7)).isEqualTo(Path.of("/data/meters-7"));
  }

  @Test
  void aSettingOutOfRangeIsRefusedByNameAndValue() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> builder().partitions(0).build())
        .withMessage("partitions must be 1 to 10000, got: 0");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> KafkaOptions.builder("localhost:9092", "me ters", "i").build())
        .withMessage(
            "topic must be 1 to 249 of a-z A-Z 0-9 . _ - (and not . or ..), got: \"me ters\"");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> KafkaOptions.builder("localhost:9092", "..", "i").build())
        .withMessageStartingWith("topic must be");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> KafkaOptions.builder(" ", "meters", "i").build())
        .withMessage("bootstrapServers must not be blank, got: \" \"");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> builder().groupId("").build())
        .withMessage("groupId must not be blank, got: \"\"");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> builder().snapshotInterval(Duration.ofSeconds(-1)).build())
        .withMessage("snapshotInterval must be zero or positive, got: PT-1S");
    assertThatExceptionOfType(NullPointerException.class)
        .isThrownBy(() -> KafkaOptions.builder("localhost:9092", "meters", null).build())
        .withMessage("instanceId");
  }

  @Test
  void theClientPropertiesAreCopied() {
    Map<String, String> properties = new HashMap<>(Map.of("security.protocol", "SSL"));
    KafkaOptions options = builder().clientProperties(properties).build();
    properties.put("sasl.mechanism", "PLAIN");

    assertThat(options.clientProperties()).containsExactly(Map.entry("security.protocol", "SSL"));
  }
}
