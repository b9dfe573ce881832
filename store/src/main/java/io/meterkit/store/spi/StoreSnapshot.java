package io.meterkit.store.spi;

import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, consistent view of a whole store at one moment: every batch recorded before it was
 * taken is in it entirely, no later one at all.
 *
 * <p>It holds the per-meter views ({@link MeterSnapshot}), the dictionaries that turn the ids of
 * their columns back into strings, and the catalog computed from them (meters per resource,
 * resources with their first and last sample). Taking a snapshot costs one volatile read.
 *
 * <p>Implementations are immutable and thread-safe; the store provides the only one.
 */
public interface StoreSnapshot {
  /**
   * Returns the names of every meter, sorted.
   *
   * @return the meter names
   */
  List<String> meterNames();

  /**
   * Returns the view of one meter.
   *
   * @param name a meter name
   * @return the meter, or empty when no sample of it was recorded
   */
  Optional<MeterSnapshot> meter(String name);

  /**
   * Returns the views of every meter, sorted by name.
   *
   * @return the meters
   */
  List<MeterSnapshot> meters();

  /**
   * Returns the dictionary of resource ids.
   *
   * @return the dictionary
   */
  Dictionary resourceIds();

  /**
   * Returns the dictionary of project ids.
   *
   * @return the dictionary
   */
  Dictionary projectIds();

  /**
   * Returns the dictionary of user ids.
   *
   * @return the dictionary
   */
  Dictionary userIds();

  /**
   * Returns the dictionary of sources.
   *
   * @return the dictionary
   */
  Dictionary sources();

  /**
   * Returns the metadata map of a metadata id.
   *
   * @param metadataId an id read from a block; 0 is the empty map
   * @return the flat, sorted metadata
   * @throws IndexOutOfBoundsException when {@code metadataId} was never assigned
   */
  Map<String, String> metadata(int metadataId);

  /**
   * Returns an upper bound of the metadata ids: every id in this snapshot is below it. A query
   * compiles a metadata filter by testing every id below this bound once.
   *
   * @return the bound
   */
  int metadataIdBound();

  /**
   * Returns the total number of samples.
   *
   * @return the row count over every meter
   */
  long sampleCount();

  /**
   * Returns one entry per (meter, resource) pair, with the owner of the latest sample of that pair,
   * sorted by resource id then meter name. The latest sample is the one with the greatest
   * timestamp, the later arrival winning a tie (here and in {@link #resources()}).
   *
   * @return the meters
   */
  default List<Meter> meterCatalog() {
    return meterCatalog(SeriesFilter.ALL);
  }

  /**
   * Returns one entry per (meter, resource) pair among the accepted series, with the owner of the
   * latest accepted sample of that pair, sorted by resource id then meter name.
   *
   * @param filter which series take part
   * @return the meters
   */
  List<Meter> meterCatalog(SeriesFilter filter);

  /**
   * Returns every resource: its latest owner and metadata, its first and last sample over every
   * meter, and its meters; sorted by resource id.
   *
   * @return the resources
   */
  default List<Resource> resources() {
    return resources(SeriesFilter.ALL);
  }

  /**
   * Returns every resource that has an accepted series, built from its accepted series only: the
   * owner and metadata of its latest accepted sample, its first and last accepted sample, and the
   * meters of its accepted series; sorted by resource id.
   *
   * @param filter which series take part
   * @return the resources
   */
  List<Resource> resources(SeriesFilter filter);
}
