package io.meterkit.store.spi;

/**
 * A read-only view of one of the store's string dictionaries (resource ids, project ids, user ids,
 * sources): every distinct string gets a small dense id, and the columns store ids.
 *
 * <p>Id {@link #NULL_ID} stands for an absent value (a sample without a project, say). A query
 * turns its filter values into ids once, with {@link #idOf}; a value the dictionary does not know
 * matches no row, so the query can answer without scanning. Implementations are thread-safe.
 */
public interface Dictionary {
  /** The id of the absent (null) value, in every dictionary. */
  int NULL_ID = 0;

  /** Returned by {@link #idOf} for a value the dictionary does not hold. */
  int UNKNOWN_ID = -1;

  /**
   * Returns the id of {@code value}.
   *
   * @param value a string, or null for the absent value
   * @return its id, {@link #NULL_ID} for null, or {@link #UNKNOWN_ID} when never stored
   */
  int idOf(String value);

  /**
   * Returns the string of an id.
   *
   * @param id an id returned by a column or by {@link #idOf}
   * @return the string, or null for {@link #NULL_ID}
   * @throws IndexOutOfBoundsException when {@code id} was never assigned
   */
  String valueOf(int id);
}
