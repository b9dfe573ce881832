package io.meterkit.store.kafka;

import io.meterkit.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the Kafka ingest log lives and how an instance takes part in it: the brokers, the topic and
 * its partition count, this instance's id, its consumer group, the directory of its shard
 * snapshots, and the store layout of every shard. {@link KafkaIngest} and {@link
 * PartitionMaterialiser} take the same options.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@link #partitions()}</td><td>32</td></tr>
 *   <tr><td>{@link #groupId()}</td><td>{@code "meterkit-" + topic}</td></tr>
 *   <tr><td>{@link #dataDirectory()}</td><td>none: shards are not snapshotted</td></tr>
 *   <tr><td>{@link #storeConfig()}</td><td>{@link StoreConfig#DEFAULTS}</td></tr>
 *   <tr><td>{@link #snapshotInterval()}</td><td>1 minute</td></tr>
 *   <tr><td>{@link #clientProperties()}</td><td>none</td></tr>
 * </table>
 *
 * <h2>The partition count is fixed</h2>
 *
 * <p>{@link #partitions()} applies only when the topic does not exist yet and is created; an
 * existing topic keeps the count it has, and meterkit never changes it. Kafka maps a record to a
 * partition by the hash of its key (the project id) modulo the partition count, and a partition is
 * a shard: its store, its de-duplication state and its snapshots are those of exactly the projects
 * whose keys hash to it. Adding partitions would send a project's later records to another
 * partition than its earlier ones, so retries would no longer meet the ids they repeat, a series
 * would be split across shards, and every shard snapshot would describe a partition that no longer
 * holds what it held. Choose a generous count up front: a partition costs an instance little, and
 * the count bounds how many instances can share the work.
 *
 * <p>Every instance of a cluster must use the same {@link StoreConfig#chunkRows()}: retention drops
 * whole sealed chunks, so equal chunk boundaries are what make a partition answer the same on every
 * instance.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String, String, String)}.
 *
 * @param bootstrapServers the brokers to connect to first, {@code host:port[,host:port...]}
 * @param topic the topic of the ingest log: 1 to 249 of {@code a-z A-Z 0-9 . _ -}, not {@code .} or
 *     {@code ..}
 * @param partitions the partition count the topic is created with when missing, 1 to 10,000
 * @param instanceId this instance's id, unique in the group and stable across restarts: the static
 *     group membership ({@code group.instance.id}) that gives a restarted instance its partitions
 *     back, and the Kafka client id
 * @param groupId the consumer group of the instances that share the topic's partitions
 * @param dataDirectory where shard snapshots live (one subdirectory per partition, {@code
 *     <topic>-<partition>}), or null to keep none: a shard then replays its partition from the
 *     start whenever it is assigned
 * @param storeConfig the layout of every shard's store, and the clock that stamps each batch's
 *     recorded-at when {@link KafkaIngest} writes it
 * @param snapshotInterval how often a shard that changed writes a snapshot, or {@link
 *     Duration#ZERO} to write them only when a partition is revoked, on {@link
 *     PartitionMaterialiser#checkpoint()} and on close
 * @param clientProperties more Kafka client settings (security, timeouts, ...), applied to the
 *     producer, the consumer and the admin client after meterkit's own; a setting meterkit relies
 *     on ({@code acks}, idempotence, auto-commit, the (de)serialisers, the group ids) cannot be
 *     changed
 */
public record KafkaOptions(
    String bootstrapServers,
    String topic,
    int partitions,
    String instanceId,
    String groupId,
    Path dataDirectory,
    StoreConfig storeConfig,
    Duration snapshotInterval,
    Map<String, String> clientProperties) {

  /** The partition count a topic is created with by default. */
  public static final int DEFAULT_PARTITIONS = 32;

  /** The most partitions a topic may be created with. */
  public static final int MAX_PARTITIONS = 10_000;

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /**
   * Validates the settings and copies the client properties.
   *
   * @throws IllegalArgumentException when a setting is out of its range (the message names it and
   *     its value)
   * @throws NullPointerException when a required setting is null
   */
  public KafkaOptions {
    requireNonBlank(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          "topic must be 1 to 249 of a-z A-Z 0-9 . _ - (and not . or ..), got: \"" + topic + "\"");
    }
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new IllegalArgumentException(
          "partitions must be 1 to " + MAX_PARTITIONS + ", got: " + partitions);
    }
    requireNonBlank(instanceId, "instanceId");
    requireNonBlank(groupId, "groupId");
    Objects.requireNonNull(storeConfig, "storeConfig");
    Objects.requireNonNull(snapshotInterval, "snapshotInterval");
    if (snapshotInterval.isNegative()) {
      throw new IllegalArgumentException(
          "snapshotInterval must be zero or positive, got: " + snapshotInterval);
    }
    clientProperties = Map.copyOf(clientProperties);
  }

  private static void requireNonBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, got: \"" + value + "\"");
    }
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @param bootstrapServers the brokers to connect to first
   * @param topic the topic of the ingest log
   * @param instanceId this instance's stable, unique id
   * @return a builder
   */
  public static Builder builder(String bootstrapServers, String topic, String instanceId) {
    return new Builder(bootstrapServers, topic, instanceId);
  }

  /**
   * Returns the directory of one partition's shard snapshots.
   *
   * @param partition the partition
   * @return {@code dataDirectory/<topic>-<partition>}, or null without a data directory
   */
  public Path shardDirectory(int partition) {
    return dataDirectory == null ? null : dataDirectory.resolve(topic + "-" + partition);
  }

  /** Builds {@link KafkaOptions}; not thread-safe. */
  public static final class Builder {
    private final String bootstrapServers;
    private final String topic;
    private final String instanceId;
    private int partitions = DEFAULT_PARTITIONS;
    private String groupId;
    private Path dataDirectory;
    private StoreConfig storeConfig = StoreConfig.DEFAULTS;
    private Duration snapshotInterval = Duration.ofMinutes(1);
    private Map<String, String> clientProperties = Map.of();

    private Builder(String bootstrapServers, String topic, String instanceId) {
      this.bootstrapServers = bootstrapServers;
      this.topic = topic;
      this.instanceId = instanceId;
    }

    /**
     * Sets the partition count a missing topic is created with.
     *
     * @param partitions 1 to {@link #MAX_PARTITIONS}
     * @return this builder
     */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /**
     * Sets the consumer group.
     *
     * @param groupId the group id
     * @return this builder
     */
    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /**
     * Sets the directory of the shard snapshots.
     *
     * @param directory the directory, or null to keep none
     * @return this builder
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    /**
     * Sets the layout and clock of every shard.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder storeConfig(StoreConfig config) {
      this.storeConfig = config;
      return this;
    }

    /**
     * Sets how often a changed shard writes a snapshot.
     *
     * @param interval the interval, or {@link Duration#ZERO} for never by time
     * @return this builder
     */
    public Builder snapshotInterval(Duration interval) {
      this.snapshotInterval = interval;
      return this;
    }

    /**
     * Sets more Kafka client settings.
     *
     * @param properties setting names and values
     * @return this builder
     */
    public Builder clientProperties(Map<String, String> properties) {
      this.clientProperties = properties;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException when a setting is out of its range
     * @throws NullPointerException when a required setting is null
     */
    public KafkaOptions build() {
      return new KafkaOptions(
          bootstrapServers,
          topic,
          partitions,
          instanceId,
          groupId == null ? "meterkit-" + topic : groupId,
          dataDirectory,
          storeConfig,
          snapshotInterval,
          clientProperties);
    }
  }
}
