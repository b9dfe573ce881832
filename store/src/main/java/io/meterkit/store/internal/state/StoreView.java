package io.meterkit.store.internal.state;

import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesFilter;
import io.meterkit.store.spi.StoreSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link StoreSnapshot} of one {@link StoreState}: the meters, the dictionaries, and the
 * catalogs computed from the per-series facts.
 *
 * <p>Thread-safe: immutable.
 */
public final class StoreView implements StoreSnapshot {
  private final StoreState state;

  /** Views {@code state}. */
  public StoreView(StoreState state) {
    this.state = state;
  }

  @Override
  public List<String> meterNames() {
    List<String> names = new ArrayList<>(state.ordinals().keySet());
    names.sort(Comparator.naturalOrder());
    return names;
  }

  @Override
  public Optional<MeterSnapshot> meter(String name) {
    TableState table = state.table(name);
    return table == null ? Optional.empty() : Optional.of(new MeterView(state, table));
  }

  @Override
  public List<MeterSnapshot> meters() {
    List<MeterSnapshot> meters = new ArrayList<>();
    for (String name : meterNames()) {
      meters.add(new MeterView(state, state.table(name)));
    }
    return meters;
  }

  @Override
  public Dictionary resourceIds() {
    return state.dictionaries().resources();
  }

  @Override
  public Dictionary projectIds() {
    return state.dictionaries().projects();
  }

  @Override
  public Dictionary userIds() {
    return state.dictionaries().users();
  }

  @Override
  public Dictionary sources() {
    return state.dictionaries().sources();
  }

  @Override
  public Map<String, String> metadata(int metadataId) {
    return state.dictionaries().metadata().valueOf(metadataId);
  }

  @Override
  public int metadataIdBound() {
    return state.sizes().metadata();
  }

  @Override
  public long sampleCount() {
    long rows = 0;
    for (int t = 0; t < state.tableCount(); t++) {
      rows += state.table(t).rowCount();
    }
    return rows;
  }

  @Override
  public List<Meter> meterCatalog(SeriesFilter filter) {
    List<Meter> meters = new ArrayList<>();
    for (int t = 0; t < state.tableCount(); t++) {
      TableState table = state.table(t);
      Map<Integer, Integer> latest = latestSeriesByResource(table, filter);
      for (int series : latest.values()) {
        meters.add(meter(table, series));
      }
    }
    meters.sort(Comparator.comparing(Meter::resourceId).thenComparing(Meter::name));
    return meters;
  }

  @Override
  public List<Resource> resources(SeriesFilter filter) {
    Map<Integer, ResourceBuilder> builders = new TreeMap<>();
    for (int t = 0; t < state.tableCount(); t++) {
      TableState table = state.table(t);
      SeriesStats stats = table.seriesStats();
      Map<Integer, Integer> latest = latestSeriesByResource(table, filter);
      for (Map.Entry<Integer, Integer> entry : latest.entrySet()) {
        builders
            .computeIfAbsent(entry.getKey(), id -> new ResourceBuilder())
            .add(table, stats, entry.getValue(), meter(table, entry.getValue()));
      }
      MeterSnapshot meter = new MeterView(state, table);
      for (int series = 0; series < table.seriesCount(); series++) {
        if (stats.rows[series] > 0 && filter.accepts(meter, series)) {
          builders.get(table.series().resourceIds()[series]).widen(stats, series);
        }
      }
    }
    List<Resource> resources = new ArrayList<>(builders.size());
    for (ResourceBuilder builder : builders.values()) {
      resources.add(builder.build(state.dictionaries()));
    }
    resources.sort(Comparator.comparing(Resource::resourceId));
    return resources;
  }

  private Map<Integer, Integer> latestSeriesByResource(TableState table, SeriesFilter filter) {
    SeriesStats stats = table.seriesStats();
    MeterSnapshot meter = new MeterView(state, table);
    Map<Integer, Integer> latest = new HashMap<>();
    for (int series = 0; series < table.seriesCount(); series++) {
      if (stats.rows[series] == 0 || !filter.accepts(meter, series)) {
        continue;
      }
      int resource = table.series().resourceIds()[series];
      Integer best = latest.get(resource);
      if (best == null || stats.isLater(series, stats, best)) {
        latest.put(resource, series);
      }
    }
    return latest;
  }

  private Meter meter(TableState table, int series) {
    Dictionaries d = state.dictionaries();
    MeterIdentity identity = table.meter();
    SeriesColumns columns = table.series();
    return new Meter(
        identity.name(),
        identity.type(),
        identity.unit(),
        d.resources().valueOf(columns.resourceIds()[series]),
        d.projects().valueOf(columns.projectIds()[series]),
        d.users().valueOf(columns.userIds()[series]),
        d.sources().valueOf(columns.sourceIds()[series]));
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
      SeriesColumns columns = latestTable.series();
      return new Resource(
          d.resources().valueOf(columns.resourceIds()[latestSeries]),
          d.projects().valueOf(columns.projectIds()[latestSeries]),
          d.users().valueOf(columns.userIds()[latestSeries]),
          d.sources().valueOf(columns.sourceIds()[latestSeries]),
          firstMillis,
          latestMillis,
          d.metadata().valueOf(latestMetadata),
          meters);
    }
  }
}
