package io.meterkit.query;

import io.meterkit.core.TimeRange;
import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.SeriesSelection;
import io.meterkit.store.spi.StoreSnapshot;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Filter} and group-by fields compiled against one meter snapshot, once per query, into
 * what the kernels look up per block or per row: a group number per series and, when metadata is
 * filtered or grouped on, a group number per metadata id.
 *
 * <p>Row {@code r} of series {@code s} with metadata id {@code m} belongs to group {@code
 * seriesGroup[s] * metadataGroupCount + metadataGroup[m]}, and is excluded when either part is -1.
 * Without metadata conditions, {@code metadataGroup} is null and the metadata group is 0. A filter
 * value the dictionaries do not know matches nothing, so a query that needs one is empty without a
 * scan. Immutable once built.
 */
final class GroupPlan {
  // Dimension.values() clones its array on every call; the per-series loop reads this copy.
  private static final Dimension[] DIMENSIONS = Dimension.values();

  final StoreSnapshot store;
  final MeterSnapshot meter;
  final List<GroupBy> groupBy;
  final SeriesSelection selection;
  final int[] seriesGroup;
  final int seriesGroupCount;
  private final int[] seriesGroupRepresentative;
  final int[] metadataGroup; // null when metadata plays no part
  final int metadataGroupCount;
  private final List<String[]> metadataGroupValues;

  private GroupPlan(
      StoreSnapshot store, MeterSnapshot meter, Filter filter, List<GroupBy> groupBy) {
    this.store = store;
    this.meter = meter;
    this.groupBy = groupBy;
    Dimension[] dimensions = groupedDimensions(groupBy);
    int seriesCount = meter.seriesCount();
    if (filter.dimensions().isEmpty() && dimensions.length == 0) {
      // Every series, all in one group: no per-series arrays, no allocation proportional to the
      // number of series.
      selection = seriesCount == 0 ? SeriesSelection.of() : SeriesSelection.all();
      seriesGroup = zeros(seriesCount);
      seriesGroupCount = seriesCount == 0 ? 0 : 1;
      seriesGroupRepresentative = new int[seriesGroupCount];
    } else {
      int[][] accepted = acceptedIds(store, filter);
      seriesGroup = new int[seriesCount];
      Arrays.fill(seriesGroup, -1);
      IntArrayList selected = new IntArrayList();
      IntArrayList representatives = new IntArrayList();
      // Group keys: up to two dictionary ids packed in a long (no allocation per series); more
      // dimensions fall back to a list key.
      Long2IntOpenHashMap packedGroups = new Long2IntOpenHashMap();
      packedGroups.defaultReturnValue(-1);
      Object2IntOpenHashMap<IntArrayList> listGroups = new Object2IntOpenHashMap<>();
      listGroups.defaultReturnValue(-1);
      if (accepted != null) {
        for (int series = 0; series < seriesCount; series++) {
          if (!accepts(accepted, series)) {
            continue;
          }
          int group;
          if (dimensions.length <= 2) {
            long key = 0;
            for (Dimension dimension : dimensions) {
              key = (key << 32) | (dimensionId(dimension, series) & 0xFFFFFFFFL);
            }
            group = packedGroups.get(key);
            if (group < 0) {
              group = representatives.size();
              packedGroups.put(key, group);
              representatives.add(series);
            }
          } else {
            IntArrayList key = new IntArrayList(dimensions.length);
            for (Dimension dimension : dimensions) {
              key.add(dimensionId(dimension, series));
            }
            group = listGroups.getInt(key);
            if (group < 0) {
              group = representatives.size();
              listGroups.put(key, group);
              representatives.add(series);
            }
          }
          seriesGroup[series] = group;
          selected.add(series);
        }
      }
      selection = SeriesSelection.of(selected.toIntArray());
      seriesGroupCount = representatives.size();
      seriesGroupRepresentative = representatives.toIntArray();
    }
    metadataGroupValues = new ArrayList<>();
    if (filter.metadata().isEmpty() && !groupsByMetadata(groupBy)) {
      metadataGroup = null;
      metadataGroupCount = 1;
    } else {
      metadataGroup = compileMetadata(filter);
      metadataGroupCount = metadataGroupValues.size();
    }
  }

  // A shared, never written array of zeros: the group of every series when there is one group.
  private static volatile int[] zeros = new int[1024];

  private static int[] zeros(int length) {
    int[] shared = zeros;
    if (shared.length < length) {
      shared = new int[Math.max(length, shared.length * 2)];
      zeros = shared;
    }
    return shared;
  }

  private static Dimension[] groupedDimensions(List<GroupBy> groupBy) {
    List<Dimension> dimensions = new ArrayList<>();
    for (GroupBy field : groupBy) {
      if (field.dimension() != null) {
        dimensions.add(field.dimension());
      }
    }
    return dimensions.toArray(new Dimension[0]);
  }

  private static boolean groupsByMetadata(List<GroupBy> groupBy) {
    for (GroupBy field : groupBy) {
      if (field.metadataKey() != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Compiles a query's filter and group-by against its meter, or returns empty when no sample can
   * match: the meter is unknown, the range is empty, or a filter value is unknown.
   */
  static Optional<GroupPlan> forQuery(
      StoreSnapshot store, String meter, TimeRange range, Filter filter, List<GroupBy> groupBy) {
    Optional<MeterSnapshot> snapshot = store.meter(meter);
    if (snapshot.isEmpty() || range.isEmpty()) {
      return Optional.empty();
    }
    GroupPlan plan = compile(store, snapshot.get(), filter, groupBy);
    return plan.isEmpty() ? Optional.empty() : Optional.of(plan);
  }

  /** Compiles {@code filter} and {@code groupBy} against {@code meter}. */
  static GroupPlan compile(
      StoreSnapshot store, MeterSnapshot meter, Filter filter, List<GroupBy> groupBy) {
    return new GroupPlan(store, meter, filter, groupBy);
  }

  /** Returns whether no sample can match. */
  boolean isEmpty() {
    return selection.isEmpty() || metadataGroupCount == 0;
  }

  /** Returns the number of groups: series groups times metadata groups. */
  long groupCount() {
    return (long) seriesGroupCount * metadataGroupCount;
  }

  /** Returns the group-by values of a group, in the order of the group-by fields. */
  String[] groupValues(int group) {
    int series = seriesGroupRepresentative[group / metadataGroupCount];
    String[] metadataValues =
        metadataGroup == null ? null : metadataGroupValues.get(group % metadataGroupCount);
    String[] values = new String[groupBy.size()];
    int metadataIndex = 0;
    for (int i = 0; i < values.length; i++) {
      GroupBy field = groupBy.get(i);
      values[i] =
          field.dimension() != null
              ? Dimensions.dictionary(store, field.dimension())
                  .valueOf(dimensionId(field.dimension(), series))
              : metadataValues[metadataIndex++];
    }
    return values;
  }

  int dimensionId(Dimension dimension, int series) {
    return Dimensions.idOf(meter, dimension, series);
  }

  // Per dimension (by ordinal), the sorted accepted dictionary ids; null entry = not filtered.
  // Returns null when some filtered dimension accepts no known value: nothing can match.
  private static int[][] acceptedIds(StoreSnapshot store, Filter filter) {
    int[][] accepted = new int[DIMENSIONS.length][];
    for (Map.Entry<Dimension, Set<String>> entry : filter.dimensions().entrySet()) {
      Dictionary dictionary = Dimensions.dictionary(store, entry.getKey());
      IntOpenHashSet ids = new IntOpenHashSet();
      for (String value : entry.getValue()) {
        int id = dictionary.idOf(value);
        if (id != Dictionary.UNKNOWN_ID) {
          ids.add(id);
        }
      }
      if (ids.isEmpty()) {
        return null;
      }
      int[] sorted = ids.toIntArray();
      Arrays.sort(sorted);
      accepted[entry.getKey().ordinal()] = sorted;
    }
    return accepted;
  }

  private boolean accepts(int[][] accepted, int series) {
    for (Dimension dimension : DIMENSIONS) {
      int[] ids = accepted[dimension.ordinal()];
      if (ids != null && Arrays.binarySearch(ids, dimensionId(dimension, series)) < 0) {
        return false;
      }
    }
    return true;
  }

  private int[] compileMetadata(Filter filter) {
    int bound = store.metadataIdBound();
    int[] groups = new int[bound];
    Map<List<String>, Integer> byValues = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (GroupBy field : groupBy) {
      if (field.metadataKey() != null) {
        keys.add(field.metadataKey());
      }
    }
    for (int id = 0; id < bound; id++) {
      Map<String, String> metadata = store.metadata(id);
      if (!filter.acceptsMetadata(metadata)) {
        groups[id] = -1;
        continue;
      }
      List<String> values = new ArrayList<>(keys.size());
      for (String key : keys) {
        values.add(metadata.get(key));
      }
      Integer group = byValues.get(values);
      if (group == null) {
        group = byValues.size();
        byValues.put(values, group);
        metadataGroupValues.add(values.toArray(new String[0]));
      }
      groups[id] = group;
    }
    return groups;
  }
}
