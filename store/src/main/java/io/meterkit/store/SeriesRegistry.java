package io.meterkit.store;

import java.util.Arrays;

/**
 * The series of one meter: every distinct (resource, project, user, source) combination of
 * dictionary ids gets a dense series id.
 *
 * <p>Concurrency contract: {@link #intern} is called by one writer at a time. The id columns grow
 * by copying, never in place below the published count, so a reader holding the {@link Columns} of
 * a published {@link TableState} reads immutable data for every series id below that state's series
 * count.
 */
final class SeriesRegistry {
  private Columns columns = new Columns(new int[16], new int[16], new int[16], new int[16]);
  private int count;
  private int[] slots = new int[64]; // open addressing: series id + 1, 0 = empty
  private int mask = 63;

  /** Returns the series id of the combination, assigning the next id when it is new. */
  int intern(int resourceId, int projectId, int userId, int sourceId) {
    int slot = hash(resourceId, projectId, userId, sourceId) & mask;
    while (true) {
      int entry = slots[slot];
      if (entry == 0) {
        break;
      }
      int id = entry - 1;
      if (columns.resource[id] == resourceId
          && columns.project[id] == projectId
          && columns.user[id] == userId
          && columns.source[id] == sourceId) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    int id = count;
    if (id == columns.resource.length) {
      int capacity = id * 2;
      columns =
          new Columns(
              Arrays.copyOf(columns.resource, capacity),
              Arrays.copyOf(columns.project, capacity),
              Arrays.copyOf(columns.user, capacity),
              Arrays.copyOf(columns.source, capacity));
    }
    columns.resource[id] = resourceId;
    columns.project[id] = projectId;
    columns.user[id] = userId;
    columns.source[id] = sourceId;
    count = id + 1;
    slots[slot] = id + 1;
    if (count * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  int count() {
    return count;
  }

  Columns columns() {
    return columns;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    mask = slots.length - 1;
    for (int id = 0; id < count; id++) {
      int slot =
          hash(columns.resource[id], columns.project[id], columns.user[id], columns.source[id])
              & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = id + 1;
    }
  }

  private static int hash(int resourceId, int projectId, int userId, int sourceId) {
    int h = resourceId * 0x9E3779B1;
    h = (h ^ projectId) * 0x85EBCA6B;
    h = (h ^ userId) * 0xC2B2AE35;
    h = (h ^ sourceId) * 0x27D4EB2F;
    return h ^ (h >>> 16);
  }

  /** The dictionary ids of every series, indexed by series id. */
  record Columns(int[] resource, int[] project, int[] user, int[] source) {}
}
