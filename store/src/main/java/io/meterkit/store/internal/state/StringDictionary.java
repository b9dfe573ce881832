package io.meterkit.store.internal.state;

import io.meterkit.store.spi.Dictionary;

/**
 * A {@link Dictionary} of strings where id 0 is the absent (null) string; see {@link
 * DenseDictionary} for its concurrency contract.
 */
public final class StringDictionary implements Dictionary {
  private final DenseDictionary<String> dictionary = new DenseDictionary<>(null);

  @Override
  public int idOf(String value) {
    return dictionary.idOf(value);
  }

  @Override
  public String valueOf(int id) {
    return dictionary.valueOf(id);
  }

  /** Returns the id of {@code value}, assigning the next one when it is new. Writer only. */
  public int intern(String value) {
    return dictionary.intern(value);
  }

  /** Returns the number of assigned ids, including id 0. */
  public int size() {
    return dictionary.size();
  }
}
