package io.meterkit.store;

import java.util.Map;

/**
 * The store-wide dictionaries shared by every meter: resource, project and user ids, sources, and
 * whole metadata maps.
 *
 * <p>Concurrency contract: interning happens under the store's write lock; lookups are safe from
 * any thread (see {@link DenseDictionary}).
 */
final class Dictionaries {
  final StringDictionary resources = new StringDictionary();
  final StringDictionary projects = new StringDictionary();
  final StringDictionary users = new StringDictionary();
  final StringDictionary sources = new StringDictionary();
  final DenseDictionary<Map<String, String>> metadata = new DenseDictionary<>(Map.of());
}
