package io.meterkit.store;

import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable, consistent view of a whole {@link MeterStore} at one moment: every batch recorded
 * before it was taken is in it entirely, no later one at all.
 *
 * <p>It holds the per-meter views ({@link MeterSnapshot}), the dictionaries that turn the ids of
 * their columns back into strings, and the catalog computed from them (meters per resource,
 * resources with their first and last sample). Taking a snapshot costs one volatile read.
 *
 * <p>Thread-safe: immutable.
 */
public final class StoreSnapshot {
  private final StoreState state;

  StoreSnapshot(StoreState state) {
    this.state = state;
  }

  /**
   * Returns the names of every meter, sorted.
   *
   * @return the meter names
   */
  public List<String> meterNames() {
    List<String> names = new ArrayList<>(state.ordinals.keySet());
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /**
   * Returns the view of one meter.
   *
   * @param name a meter name
   * @return the meter, or empty when no sample of it was recorded
   */
  public Optional<MeterSnapshot> meter(String name) {
    TableState table = state.table(name);
    return table == null ? Optional.empty() : Optional.of(new MeterSnapshot(state, table));
  }

  /**
   * Returns the views of every meter, sorted by name.
   *
   * @return the meters
   */
  public List<MeterSnapshot> meters() {
    List<MeterSnapshot> meters = new ArrayList<>();
    for (String name : meterNames()) {
      meters.add(new MeterSnapshot(state, state.table(name)));
    }
    return meters;
  }

  /**
   * Returns the dictionary of resource ids.
   *
   * @return the dictionary
   */
  public Dictionary resourceIds() {
    return state.dictionaries.resources;
  }

  /**
   * Returns the dictionary of project ids.
   *
   * @return the dictionary
   */
  public Dictionary projectIds() {
    return state.dictionaries.projects;
  }

  /**
   * Returns the dictionary of user ids.
   *
   * @return the dictionary
   */
  public Dictionary userIds() {
    return state.dictionaries.users;
  }

  /**
   * Returns the dictionary of sources.
   *
   * @return the dictionary
   */
  public Dictionary sources() {
    return state.dictionaries.sources;
  }

  /**
   * Returns the metadata map of a metadata id.
   *
   * @param metadataId an id read from a block; 0 is the empty map
   * @return the flat, sorted metadata
   */
  public Map<String, String> metadata(int metadataId) {
    return state.dictionaries.metadata.valueOf(metadataId);
  }

  /**
   * Returns an upper bound of the metadata ids: every id is below it. A query compiles a metadata
   * filter by testing every id below this bound once.
   *
   * @return the bound
   */
  public int metadataIdBound() {
    return state.dictionaries.metadata.size();
  }

  /**
   * Returns the total number of samples.
   *
   * @return the row count over every meter
   */
  public long sampleCount() {
    long rows = 0;
    for (TableState table : state.tables) {
      rows += table.rowCount();
    }
    return rows;
  }

  /**
   * Returns one entry per (meter, resource) pair, with the owner of the latest sample of that pair,
   * sorted by resource id then meter name. The latest sample is the one with the greatest
   * timestamp, the later arrival winning a tie (here and in {@link #resources()}).
   *
   * @return the meters
   */
  public List<Meter> meterCatalog() {
    return meterCatalog(SeriesFilter.ALL);
  }

  /**
   * Returns one entry per (meter, resource) pair among the accepted series, with the owner of the
   * latest accepted sample of that pair, sorted by resource id then meter name.
   *
   * @param filter which series take part
   * @return the meters
   */
  public List<Meter> meterCatalog(SeriesFilter filter) {
    List<Meter> meters = new ArrayList<>();
    for (TableState table : state.tables) {
      Map<Integer, Integer> latest = latestSeriesByResource(table, filter);
      for (int series : latest.values()) {
        meters.add(meter(table, series));
      }
    }
    meters.sort(Comparator.comparing(Meter::resourceId).thenComparing(Meter::name));
    return meters;
  }

  /**
   * Returns every resource: its latest owner and metadata, its first and last sample over every
   * meter, and its meters; sorted by resource id.
   *
   * @return the resources
   */
  public List<Resource> resources() {
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
  public List<Resource> resources(SeriesFilter filter) {
    Map<Integer, ResourceBuilder> builders = new TreeMap<>();
    for (TableState table : state.tables) {
      SeriesStats stats = table.seriesStats();
      Map<Integer, Integer> latest = latestSeriesByResource(table, filter);
      for (Map.Entry<Integer, Integer> entry : latest.entrySet()) {
        builders
            .computeIfAbsent(entry.getKey(), id -> new ResourceBuilder())
            .add(table, stats, entry.getValue(), meter(table, entry.getValue()));
      }
      MeterSnapshot meter = new MeterSnapshot(state, table);
      for (int series = 0; series < table.seriesCount; series++) {
        if (stats.rows[series] > 0 && filter.accepts(meter, series)) {
          builders.get(table.series.resource()[series]).widen(stats, series);
        }
      }
    }
    List<Resource> resources = new ArrayList<>(builders.size());
    for (ResourceBuilder builder : builders.values()) {
      resources.add(builder.build(state.dictionaries));
    }
    resources.sort(Comparator.comparing(Resource::resourceId));
    return resources;
  }

  private Map<Integer, Integer> latestSeriesByResource(TableState table, SeriesFilter filter) {
    SeriesStats stats = table.seriesStats();
    MeterSnapshot meter = new MeterSnapshot(state, table);
    Map<Integer, Integer> latest = new HashMap<>();
    for (int series = 0; series < table.seriesCount; series++) {
      if (stats.rows[series] == 0 || !filter.accepts(meter, series)) {
        continue;
      }
      int resource = table.series.resource()[series];
      Integer best = latest.get(resource);
      if (best == null || stats.isLater(series, stats, best)) {
        latest.put(resource, series);
      }
    }
    return latest;
  }

  private Meter meter(TableState table, int series) {
    Dictionaries d = state.dictionaries;
    return new Meter(
        table.table.name,
        table.table.type,
        table.table.unit,
        d.resources.valueOf(table.series.resource()[series]),
        d.projects.valueOf(table.series.project()[series]),
        d.users.valueOf(table.series.user()[series]),
        d.sources.valueOf(table.series.source()[series]));
  }

  /** Collects one resource over the meters that measure it. */
  private static final class ResourceBuilder {
    private TableState latestTable;
    private SeriesStats latestStats;
    private int latestSeries = -1;
    private long latestMillis = Long.MIN_VALUE;
    private long firstMillis = Long.MAX_VALUE;
    private int latestMetadata;
    private final List<Meter> meters = new ArrayList<>();

    void add(TableState table, SeriesStats stats, int series, Meter meter) {
      meters.add(meter);
      if (latestSeries < 0 || stats.isLater(series, latestStats, latestSeries)) {
        latestTable = table;
        latestStats = stats;
        latestSeries = series;
        latestMillis = stats.lastMillis[series];
        latestMetadata = stats.lastMetadataId[series];
      }
    }

    void widen(SeriesStats stats, int series) {
      firstMillis = Math.min(firstMillis, stats.firstMillis[series]);
    }

    Resource build(Dictionaries d) {
      meters.sort(Comparator.comparing(Meter::name));
      SeriesRegistry.Columns columns = latestTable.series;
      return new Resource(
          d.resources.valueOf(columns.resource()[latestSeries]),
          d.projects.valueOf(columns.project()[latestSeries]),
          d.users.valueOf(columns.user()[latestSeries]),
          d.sources.valueOf(columns.source()[latestSeries]),
          firstMillis,
          latestMillis,
          d.metadata.valueOf(latestMetadata),
          meters);
    }
  }
}
