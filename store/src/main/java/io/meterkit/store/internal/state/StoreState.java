package io.meterkit.store.internal.state;

import java.util.Map;

/**
 * The immutable, published state of a whole store: one {@link TableState} per meter, in meter
 * ordinal order, the dictionaries their ids refer to, and the writer's counters at that moment.
 *
 * <p>A batch becomes visible to readers by one volatile write of a new StoreState, so a reader sees
 * a batch whole or not at all. A StoreState is complete: a snapshot file holds one, and a store can
 * be rebuilt from one (see the ingest package's {@code StoreWriter}).
 *
 * <p>Immutable and thread-safe (the dictionaries grow, but never below {@link #sizes()}).
 */
public final class StoreState {
  private final Dictionaries dictionaries;
  private final DictionarySizes sizes;
  private final TableState[] tables;
  private final Map<String, Integer> ordinals;
  private final long nextArrival;
  private final long sealedChunks;

  /**
   * @param tables the meters by ordinal; handed over, not copied
   * @param ordinals each meter's ordinal by name; an immutable map
   * @param nextArrival the arrival number the next stored row gets: rows ever stored, over every
   *     meter
   * @param sealedChunks the chunks ever sealed, over every meter (only ever grows)
   */
  public StoreState(
      Dictionaries dictionaries,
      DictionarySizes sizes,
      TableState[] tables,
      Map<String, Integer> ordinals,
      long nextArrival,
      long sealedChunks) {
    this.dictionaries = dictionaries;
    this.sizes = sizes;
    this.tables = tables;
    this.ordinals = ordinals;
    this.nextArrival = nextArrival;
    this.sealedChunks = sealedChunks;
  }

  /** Returns the state of a store that holds nothing, with fresh dictionaries. */
  public static StoreState empty() {
    Dictionaries dictionaries = new Dictionaries();
    return new StoreState(dictionaries, dictionaries.sizes(), new TableState[0], Map.of(), 0, 0);
  }

  public Dictionaries dictionaries() {
    return dictionaries;
  }

  /** Returns the dictionary sizes: every id this state refers to is below its size. */
  public DictionarySizes sizes() {
    return sizes;
  }

  public int tableCount() {
    return tables.length;
  }

  /** Returns the meter of {@code ordinal}, below {@link #tableCount()}. */
  public TableState table(int ordinal) {
    return tables[ordinal];
  }

  /** Returns the meter called {@code name}, or null. */
  public TableState table(String name) {
    Integer ordinal = ordinals.get(name);
    return ordinal == null ? null : tables[ordinal];
  }

  /** Returns every meter's ordinal by name (immutable). */
  public Map<String, Integer> ordinals() {
    return ordinals;
  }

  public long nextArrival() {
    return nextArrival;
  }

  public long sealedChunks() {
    return sealedChunks;
  }
}
