package io.meterkit.store;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

/**
 * Remembers every client message id the store holds and where its row lives (meter ordinal, series
 * id, timestamp), for de-duplication and for lookups by id.
 *
 * <p>Concurrency contract: not thread-safe. The store mutates it under its write lock and reads it
 * under its read lock.
 */
final class ClientIdIndex {
  private final Object2IntOpenHashMap<String> slots = new Object2IntOpenHashMap<>();
  private final IntArrayList meterOrdinals = new IntArrayList();
  private final IntArrayList seriesIds = new IntArrayList();
  private final LongArrayList timestamps = new LongArrayList();
  private final IntArrayList freeSlots = new IntArrayList();

  ClientIdIndex() {
    slots.defaultReturnValue(-1);
  }

  boolean contains(String id) {
    return slots.containsKey(id);
  }

  void put(String id, int meterOrdinal, int seriesId, long timestampMillis) {
    int slot;
    if (freeSlots.isEmpty()) {
      slot = meterOrdinals.size();
      meterOrdinals.add(meterOrdinal);
      seriesIds.add(seriesId);
      timestamps.add(timestampMillis);
    } else {
      slot = freeSlots.popInt();
      meterOrdinals.set(slot, meterOrdinal);
      seriesIds.set(slot, seriesId);
      timestamps.set(slot, timestampMillis);
    }
    slots.put(id, slot);
  }

  void remove(String id) {
    int slot = slots.removeInt(id);
    if (slot >= 0) {
      freeSlots.add(slot);
    }
  }

  /** Returns the row coordinates of {@code id}, or null when unknown. */
  Location find(String id) {
    int slot = slots.getInt(id);
    if (slot < 0) {
      return null;
    }
    return new Location(
        meterOrdinals.getInt(slot), seriesIds.getInt(slot), timestamps.getLong(slot));
  }

  int size() {
    return slots.size();
  }

  /** Where the row of a client id lives. */
  record Location(int meterOrdinal, int seriesId, long timestampMillis) {}
}
