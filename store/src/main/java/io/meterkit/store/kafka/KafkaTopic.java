package io.meterkit.store.kafka;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the ingest topic exists and finds its partition count. A missing topic is created with
 * {@link KafkaOptions#partitions()} partitions, the brokers' default replication factor, and no
 * time or size retention: the topic is the store's history, and a shard that moves to an instance
 * without its snapshot rebuilds from the partition's first record. An existing topic is used as it
 * is; its partition count is never changed (see {@link KafkaOptions}).
 *
 * <p>Thread-safe: stateless.
 */
final class KafkaTopic {
  private static final System.Logger LOGGER = System.getLogger(KafkaTopic.class.getName());
  private static final int DESCRIBE_ATTEMPTS = 50;
  private static final long DESCRIBE_PAUSE_MILLIS = 200;

  private KafkaTopic() {}

  /**
   * Creates the topic when missing and returns its partition count.
   *
   * @throws IOException when the brokers cannot be reached or refuse
   */
  static int ensure(KafkaOptions options) throws IOException {
    try (Admin admin = Admin.create(ClientConfigs.admin(options))) {
      Integer existing = describe(admin, options.topic(), 1);
      if (existing != null) {
        if (existing != options.partitions()) {
          LOGGER.log(
              Level.INFO,
              "topic "
                  + options.topic()
                  + " exists with "
                  + existing
                  + " partitions; the configured "
                  + options.partitions()
                  + " apply only when it is created");
        }
        return existing;
      }
      NewTopic topic =
          new NewTopic(options.topic(), Optional.of(options.partitions()), Optional.empty())
              .configs(
                  Map.of(
                      TopicConfig.RETENTION_MS_CONFIG, "-1",
                      TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
      try {
        admin.createTopics(List.of(topic)).all().get();
        LOGGER.log(
            Level.INFO,
            "created topic " + options.topic() + " with " + options.partitions() + " partitions");
        return options.partitions();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw failure(options, e.getCause());
        }
        // Another instance created it meanwhile: take the count it chose.
        Integer created = describe(admin, options.topic(), DESCRIBE_ATTEMPTS);
        if (created == null) {
          throw new IOException("topic " + options.topic() + " exists but cannot be described");
        }
        return created;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while looking up topic " + options.topic());
    } catch (org.apache.kafka.common.KafkaException e) {
      throw failure(options, e);
    }
  }

  /** Returns the partition count, or null when the topic is still unknown after every attempt. */
  private static Integer describe(Admin admin, String name, int attempts)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        TopicDescription description =
            admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
        return description.partitions().size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IOException(
              "could not describe topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        }
        if (attempt >= attempts) {
          return null;
        }
        Thread.sleep(DESCRIBE_PAUSE_MILLIS);
      }
    }
  }

  private static IOException failure(KafkaOptions options, Throwable cause) {
    return new IOException(
        "could not create topic "
            + options.topic()
            + " on "
            + options.bootstrapServers()
            + ": "
            + cause.getMessage(),
        cause);
  }
}
