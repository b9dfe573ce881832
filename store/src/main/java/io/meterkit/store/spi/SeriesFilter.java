package io.meterkit.store.spi;

/**
 * Accepts or rejects whole series, for the catalog listings of {@link StoreSnapshot}.
 *
 * <p>Implementations must be side-effect free; they may be called from any thread.
 */
@FunctionalInterface
public interface SeriesFilter {
  /** The filter that accepts every series. */
  SeriesFilter ALL = (meter, seriesId) -> true;

  /**
   * Returns whether a series takes part.
   *
   * @param meter the meter the series belongs to
   * @param seriesId the series, 0..{@code meter.seriesCount() - 1}
   * @return true to include it
   */
  boolean accepts(MeterSnapshot meter, int seriesId);
}
