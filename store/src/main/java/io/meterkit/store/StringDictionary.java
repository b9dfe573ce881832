package io.meterkit.store;

/**
 * A {@link Dictionary} of strings where id 0 is the absent (null) string; see {@link
 * DenseDictionary}.
 */
final class StringDictionary implements Dictionary {
  private final DenseDictionary<String> dictionary = new DenseDictionary<>(null);

  @Override
  public int idOf(String value) {
    return dictionary.idOf(value);
  }

  @Override
  public String valueOf(int id) {
    return dictionary.valueOf(id);
  }

  int intern(String value) {
    return dictionary.intern(value);
  }

  int size() {
    return dictionary.size();
  }
}
