package io.meterkit.store;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link MeterStore} is laid out and where its clock comes from.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}.
 *
 * @param chunkRows rows per sealed chunk, 8..1,048,576 (default 65,536): larger chunks skip less
 *     precisely and make the unsealed head costlier to scan, smaller ones cost more summaries
 * @param clock the clock stamping each accepted batch's {@code recorded_at} (default UTC system
 *     clock)
 */
public record StoreConfig(int chunkRows, Clock clock) {
  /** The default number of rows per chunk. */
  public static final int DEFAULT_CHUNK_ROWS = 1 << 16;

  /** The defaults. */
  public static final StoreConfig DEFAULTS = new StoreConfig(DEFAULT_CHUNK_ROWS, Clock.systemUTC());

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException when {@code chunkRows} is out of range
   * @throws NullPointerException when {@code clock} is null
   */
  public StoreConfig {
    if (chunkRows < 8 || chunkRows > (1 << 20)) {
      throw new IllegalArgumentException("chunkRows must be in [8, 1048576], got: " + chunkRows);
    }
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StoreConfig}; not thread-safe. */
  public static final class Builder {
    private int chunkRows = DEFAULT_CHUNK_ROWS;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the rows per sealed chunk.
     *
     * @param rows 8..1,048,576
     * @return this builder
     */
    public Builder chunkRows(int rows) {
      this.chunkRows = rows;
      return this;
    }

    /**
     * Sets the clock that stamps {@code recorded_at}.
     *
     * @param source the clock
     * @return this builder
     */
    public Builder clock(Clock source) {
      this.clock = source;
      return this;
    }

    /**
     * Validates and builds the configuration.
     *
     * @return the configuration
     */
    public StoreConfig build() {
      return new StoreConfig(chunkRows, clock);
    }
  }
}
