package io.meterkit.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Labels and orders result rows by their group values; shared by every grouped result. */
final class GroupRows {
  private static final Comparator<String> VALUE = Comparator.nullsFirst(Comparator.naturalOrder());

  private GroupRows() {}

  /** Returns the group-by map of a row (labels in query order), or null without group-by. */
  static Map<String, String> labelled(List<GroupBy> groupBy, String[] values) {
    if (groupBy.isEmpty()) {
      return null;
    }
    if (values.length == 1) {
      return Collections.singletonMap(groupBy.get(0).label(), values[0]);
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(groupBy.get(i).label(), values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Compares group values field by field, nulls first. */
  static int compare(String[] left, String[] right) {
    for (int i = 0; i < left.length; i++) {
      int c = VALUE.compare(left[i], right[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Returns the rows ordered by group values. */
  static <T> List<T> sortByGroupValues(List<T> rows, List<String[]> keys) {
    return sort(rows, keys, (a, b) -> 0);
  }

  /** Returns the rows ordered by {@code first}, then by group values. */
  static <T> List<T> sort(List<T> rows, List<String[]> keys, Comparator<T> first) {
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = first.compare(rows.get(a), rows.get(b));
          return c != 0 ? c : compare(keys.get(a), keys.get(b));
        });
    List<T> sorted = new ArrayList<>(rows.size());
    for (Integer i : order) {
      sorted.add(rows.get(i));
    }
    return sorted;
  }
}
