package io.meterkit.query;

import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesFilter;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The catalog listings (resources, meters, distinct projects, users and sources), computed from
 * per-series facts without scanning rows.
 *
 * <p>A {@link Filter} applies per series: its dimension values must be accepted, and its latest
 * metadata must pass the metadata conditions. Thread-safe: stateless.
 */
final class Catalog {
  private Catalog() {}

  static List<Resource> resources(StoreSnapshot store, ResourceQuery query) {
    List<Resource> resources = new ArrayList<>();
    for (Resource resource : store.resources(seriesFilter(store, query.filter()))) {
      if (query.lastSampleRange().contains(resource.lastSampleMillis())) {
        resources.add(resource);
      }
    }
    return resources;
  }

  static List<Meter> meters(StoreSnapshot store, Filter filter) {
    return store.meterCatalog(seriesFilter(store, filter));
  }

  static SortedSet<String> values(StoreSnapshot store, Dimension dimension, Filter filter) {
    SeriesFilter accepted = seriesFilter(store, filter);
    Dictionary dictionary = Dimensions.dictionary(store, dimension);
    SortedSet<String> values = new TreeSet<>();
    for (MeterSnapshot meter : store.meters()) {
      for (int series = 0; series < meter.seriesCount(); series++) {
        if (meter.sampleCount(series) > 0 && accepted.accepts(meter, series)) {
          String value = dictionary.valueOf(Dimensions.idOf(meter, dimension, series));
          if (value != null) {
            values.add(value);
          }
        }
      }
    }
    return values;
  }

  /** Compiles a filter into a per-series predicate over dictionary ids. */
  static SeriesFilter seriesFilter(StoreSnapshot store, Filter filter) {
    if (filter.isEmpty()) {
      return SeriesFilter.ALL;
    }
    List<Dimension> dimensions = new ArrayList<>();
    List<Set<Integer>> accepted = new ArrayList<>();
    for (Map.Entry<Dimension, Set<String>> entry : filter.dimensions().entrySet()) {
      Dictionary dictionary = Dimensions.dictionary(store, entry.getKey());
      Set<Integer> ids = new java.util.HashSet<>();
      for (String value : entry.getValue()) {
        int id = dictionary.idOf(value);
        if (id != Dictionary.UNKNOWN_ID) {
          ids.add(id);
        }
      }
      dimensions.add(entry.getKey());
      accepted.add(ids);
    }
    return (meter, series) -> {
      for (int i = 0; i < dimensions.size(); i++) {
        if (!accepted.get(i).contains(Dimensions.idOf(meter, dimensions.get(i), series))) {
          return false;
        }
      }
      return filter.metadata().isEmpty()
          || filter.acceptsMetadata(store.metadata(meter.lastMetadataIdOf(series)));
    };
  }
}
