package io.meterkit.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a durable {@link MeterStore} keeps its data on disk: when it forces its log, when it writes
 * snapshots, how large a log segment grows, which old chunks it drops, and the {@link StoreConfig}
 * of the store itself. Pass it to {@link MeterStore#open(Path, DurabilityOptions)}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@link #fsyncPolicy()}</td><td>{@link FsyncPolicy#EVERY_BATCH}</td></tr>
 *   <tr><td>{@link #snapshotEverySealedChunks()}</td><td>16 chunks</td></tr>
 *   <tr><td>{@link #snapshotInterval()}</td><td>10 minutes</td></tr>
 *   <tr><td>{@link #checkpointOnClose()}</td><td>true</td></tr>
 *   <tr><td>{@link #logSegmentBytes()}</td><td>64 MiB</td></tr>
 *   <tr><td>{@link #retention()}</td><td>{@link RetentionPolicy#NONE}</td></tr>
 *   <tr><td>{@link #storeConfig()}</td><td>{@link StoreConfig#DEFAULTS}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}.
 *
 * @param storeConfig the layout and clock of the store
 * @param fsyncPolicy when the log is forced to disk
 * @param fsyncInterval the time between two forces of the log under {@link FsyncPolicy#INTERVAL}, 1
 *     ms to 1 hour; meaningless under the other policies
 * @param snapshotEverySealedChunks how many chunks may be sealed after a snapshot before the store
 *     writes the next one, or 0 when sealing never triggers a snapshot. When automatic snapshots
 *     are on (this or {@code snapshotInterval}), a retention change that drops chunks also triggers
 *     one, so the dropped chunks' files are deleted soon
 * @param snapshotInterval how often the store writes a snapshot when anything changed since the
 *     last one, or {@link Duration#ZERO} when time never triggers a snapshot
 * @param checkpointOnClose whether {@link MeterStore#close()} writes a snapshot, so the next open
 *     replays no log
 * @param logSegmentBytes the size past which the log starts a new segment file, 1 KiB to 1 GiB
 * @param retention which sealed chunks the store drops as too old, and how often it checks
 */
public record DurabilityOptions(
    StoreConfig storeConfig,
    FsyncPolicy fsyncPolicy,
    Duration fsyncInterval,
    int snapshotEverySealedChunks,
    Duration snapshotInterval,
    boolean checkpointOnClose,
    long logSegmentBytes,
    RetentionPolicy retention) {

  /** The defaults. */
  public static final DurabilityOptions DEFAULTS = builder().build();

  /**
   * When an accepted batch reaches the disk. Every policy writes the batch to the log (the
   * operating system's page cache) before the batch becomes visible to readers and before {@code
   * recordAll} returns, so a crash of the <em>process</em> never loses an acknowledged batch. They
   * differ in what a crash of the <em>machine</em> (power loss, kernel panic) can lose.
   */
  public enum FsyncPolicy {
    /**
     * {@code recordAll} returns only after the log is forced to disk (fsync) up to its batch: a
     * machine crash loses no acknowledged batch. Concurrent writers share one fsync (group commit),
     * so readers may see a batch up to one fsync before it is durable; a machine crash in that
     * window loses a batch some reader saw but whose writer was never told it was stored.
     */
    EVERY_BATCH,
    /**
     * A background thread forces the log every {@link #fsyncInterval()}: a machine crash loses at
     * most the batches acknowledged during the last interval plus the time the fsync takes.
     */
    INTERVAL,
    /**
     * The store never forces the log except on {@link MeterStore#close()}: a machine crash loses
     * whatever the operating system had not yet written back (on Linux typically up to 30 s).
     */
    NEVER
  }

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException when a setting is out of its range (the message names it and
   *     its value)
   * @throws NullPointerException when a setting is null
   */
  public DurabilityOptions {
    Objects.requireNonNull(storeConfig, "storeConfig");
    Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
    checkFsyncInterval(fsyncInterval);
    checkSnapshotEverySealedChunks(snapshotEverySealedChunks);
    checkSnapshotInterval(snapshotInterval);
    checkLogSegmentBytes(logSegmentBytes);
    Objects.requireNonNull(retention, "retention");
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "DurabilityOptions[fsync="
        + (fsyncPolicy == FsyncPolicy.INTERVAL ? "every " + fsyncInterval : fsyncPolicy)
        + ", snapshotEverySealedChunks="
        + snapshotEverySealedChunks
        + ", snapshotInterval="
        + snapshotInterval
        + ", checkpointOnClose="
        + checkpointOnClose
        + ", logSegmentBytes="
        + logSegmentBytes
        + ", retention="
        + retention
        + ", storeConfig="
        + storeConfig
        + "]";
  }

  private static void checkFsyncInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 1 || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("fsync interval must be in [1 ms, 1 h], got: " + interval);
    }
  }

  private static void checkSnapshotEverySealedChunks(int chunks) {
    if (chunks < 0) {
      throw new IllegalArgumentException("snapshotEverySealedChunks must be >= 0, got: " + chunks);
    }
  }

  private static void checkSnapshotInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("snapshot interval must be >= 0, got: " + interval);
    }
  }

  private static void checkLogSegmentBytes(long bytes) {
    if (bytes < 1024 || bytes > (1L << 30)) {
      throw new IllegalArgumentException(
          "logSegmentBytes must be in [1024, 1073741824], got: " + bytes);
    }
  }

  /** Builds {@link DurabilityOptions}; each setter checks its value at once. Not thread-safe. */
  public static final class Builder {
    private StoreConfig storeConfig = StoreConfig.DEFAULTS;
    private FsyncPolicy fsyncPolicy = FsyncPolicy.EVERY_BATCH;
    private Duration fsyncInterval = Duration.ofMillis(100);
    private int snapshotEverySealedChunks = 16;
    private Duration snapshotInterval = Duration.ofMinutes(10);
    private boolean checkpointOnClose = true;
    private long logSegmentBytes = 64L << 20;
    private RetentionPolicy retention = RetentionPolicy.NONE;

    private Builder() {}

    /**
     * Sets the layout and clock of the store.
     *
     * @param config the store configuration
     * @return this builder
     */
    public Builder storeConfig(StoreConfig config) {
      this.storeConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Forces the log before every {@code recordAll} returns: {@link FsyncPolicy#EVERY_BATCH}.
     *
     * @return this builder
     */
    public Builder fsyncEveryBatch() {
      this.fsyncPolicy = FsyncPolicy.EVERY_BATCH;
      return this;
    }

    /**
     * Forces the log from a background thread: {@link FsyncPolicy#INTERVAL}.
     *
     * @param interval the time between two forces, 1 ms to 1 hour
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is out of range
     */
    public Builder fsyncEvery(Duration interval) {
      checkFsyncInterval(interval);
      this.fsyncPolicy = FsyncPolicy.INTERVAL;
      this.fsyncInterval = interval;
      return this;
    }

    /**
     * Never forces the log except on close: {@link FsyncPolicy#NEVER}.
     *
     * @return this builder
     */
    public Builder fsyncNever() {
      this.fsyncPolicy = FsyncPolicy.NEVER;
      return this;
    }

    /**
     * Writes a snapshot once {@code chunks} chunks were sealed since the last one.
     *
     * @param chunks a chunk count, or 0 to never snapshot on sealing
     * @return this builder
     * @throws IllegalArgumentException when {@code chunks} is negative
     */
    public Builder snapshotEverySealedChunks(int chunks) {
      checkSnapshotEverySealedChunks(chunks);
      this.snapshotEverySealedChunks = chunks;
      return this;
    }

    /**
     * Writes a snapshot every {@code interval} when anything changed since the last one.
     *
     * @param interval the interval, or {@link Duration#ZERO} to never snapshot on time
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public Builder snapshotEvery(Duration interval) {
      checkSnapshotInterval(interval);
      this.snapshotInterval = interval;
      return this;
    }

    /**
     * Sets whether {@link MeterStore#close()} writes a snapshot.
     *
     * @param enabled true to checkpoint on close
     * @return this builder
     */
    public Builder checkpointOnClose(boolean enabled) {
      this.checkpointOnClose = enabled;
      return this;
    }

    /**
     * Sets the size past which the log starts a new segment file.
     *
     * @param bytes 1 KiB to 1 GiB
     * @return this builder
     * @throws IllegalArgumentException when {@code bytes} is out of range
     */
    public Builder logSegmentBytes(long bytes) {
      checkLogSegmentBytes(bytes);
      this.logSegmentBytes = bytes;
      return this;
    }

    /**
     * Sets which sealed chunks the store drops as too old.
     *
     * @param policy the retention policy
     * @return this builder
     */
    public Builder retention(RetentionPolicy policy) {
      this.retention = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public DurabilityOptions build() {
      return new DurabilityOptions(
          storeConfig,
          fsyncPolicy,
          fsyncInterval,
          snapshotEverySealedChunks,
          snapshotInterval,
          checkpointOnClose,
          logSegmentBytes,
          retention);
    }
  }
}
