package io.meterkit.query;

import io.meterkit.store.spi.StoreSnapshot;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link TimeInStateQuery}: gathers each series' {@link SeriesHistory}, walks its rows in
 * (timestamp, arrival) order as a two-state machine, and adds each clipped active period to the
 * group that opened it. Not thread-safe: one instance per execution.
 */
final class TimeInState {
  private TimeInState() {}

  static List<StateTime> execute(StoreSnapshot store, TimeInStateQuery query) {
    Optional<GroupPlan> compiled =
        GroupPlan.forQuery(store, query.meter(), query.window(), query.filter(), query.groupBy());
    if (compiled.isEmpty()) {
      return List.of();
    }
    GroupPlan plan = compiled.get();
    boolean[] active = activeMetadata(store, query);
    SeriesHistory history = SeriesHistory.collect(plan, query.window());
    long from = query.window().fromMillis();
    long to = query.window().toMillis();
    Int2LongOpenHashMap totals = new Int2LongOpenHashMap();
    history.forEachSeries(
        (series, events) -> {
          boolean on = false;
          long since = 0;
          int group = -1;
          if (history.beforeMillis[series] != Long.MIN_VALUE
              && active[history.beforeMetadata[series]]) {
            on = true;
            since = from;
            group = history.groupOf(series, history.beforeMetadata[series]);
          }
          for (int i = 0; i < events.size(); i++) {
            int metadataId = events.metadataId(i);
            if (active[metadataId]) {
              if (!on) {
                on = true;
                since = events.timestamp(i);
                group = history.groupOf(series, metadataId);
              }
            } else if (on) {
              totals.addTo(group, events.timestamp(i) - since);
              on = false;
            }
          }
          if (on) {
            totals.addTo(group, to - since);
          }
        });
    List<StateTime> rows = new ArrayList<>();
    List<String[]> keys = new ArrayList<>();
    for (Int2LongOpenHashMap.Entry entry : totals.int2LongEntrySet()) {
      String[] values = plan.groupValues(entry.getIntKey());
      rows.add(new StateTime(GroupRows.labelled(query.groupBy(), values), entry.getLongValue()));
      keys.add(values);
    }
    return GroupRows.sortByGroupValues(rows, keys);
  }

  private static boolean[] activeMetadata(StoreSnapshot store, TimeInStateQuery query) {
    boolean[] active = new boolean[store.metadataIdBound()];
    for (int id = 0; id < active.length; id++) {
      String state = store.metadata(id).get(query.stateKey());
      active[id] = state != null && query.activeStates().contains(state);
    }
    return active;
  }
}
