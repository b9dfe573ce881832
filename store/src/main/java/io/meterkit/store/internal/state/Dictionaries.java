package io.meterkit.store.internal.state;

import java.util.Map;

/**
 * The store-wide dictionaries shared by every meter: resource, project and user ids, sources, and
 * whole metadata maps.
 *
 * <p>Concurrency contract: interning happens under the store's write lock; lookups are safe from
 * any thread (see {@link DenseDictionary}).
 */
public final class Dictionaries {
  private final StringDictionary resources = new StringDictionary();
  private final StringDictionary projects = new StringDictionary();
  private final StringDictionary users = new StringDictionary();
  private final StringDictionary sources = new StringDictionary();
  private final DenseDictionary<Map<String, String>> metadata = new DenseDictionary<>(Map.of());

  /** Returns the dictionary of resource ids. */
  public StringDictionary resources() {
    return resources;
  }

  /** Returns the dictionary of project ids. */
  public StringDictionary projects() {
    return projects;
  }

  /** Returns the dictionary of user ids. */
  public StringDictionary users() {
    return users;
  }

  /** Returns the dictionary of sources. */
  public StringDictionary sources() {
    return sources;
  }

  /** Returns the dictionary of whole metadata maps; id 0 is the empty map. */
  public DenseDictionary<Map<String, String>> metadata() {
    return metadata;
  }

  /** Returns how many ids each dictionary has assigned so far. Writer only, or under its lock. */
  public DictionarySizes sizes() {
    return new DictionarySizes(
        resources.size(), projects.size(), users.size(), sources.size(), metadata.size());
  }
}
