package io.meterkit.store;

import java.util.Map;

/**
 * The immutable, published state of a whole store: one {@link TableState} per meter, in meter
 * ordinal order. A batch becomes visible to readers by one volatile write of a new StoreState, so a
 * reader sees a batch whole or not at all.
 */
final class StoreState {
  final Dictionaries dictionaries;
  final TableState[] tables;
  final Map<String, Integer> ordinals;

  StoreState(Dictionaries dictionaries, TableState[] tables, Map<String, Integer> ordinals) {
    this.dictionaries = dictionaries;
    this.tables = tables;
    this.ordinals = ordinals;
  }

  TableState table(String meterName) {
    Integer ordinal = ordinals.get(meterName);
    return ordinal == null ? null : tables[ordinal];
  }
}
