package io.meterkit.store.internal.ingest;

import io.meterkit.store.internal.state.SeriesColumns;
import java.util.Arrays;

/**
 * The series of one meter: every distinct (resource, project, user, source) combination of
 * dictionary ids gets a dense series id.
 *
 * <p>Concurrency contract: {@link #intern} is called by one writer at a time. The id columns grow
 * by copying, never in place below the published count, so a reader holding a published {@link
 * SeriesColumns} view reads immutable data for every series id below its count.
 */
final class SeriesRegistry {
  private int[] resource = new int[16];
  private int[] project = new int[16];
  private int[] user = new int[16];
  private int[] source = new int[16];
  private int count;
  private int[] slots = new int[64]; // open addressing: series id + 1, 0 = empty
  private int mask = 63;
  private SeriesColumns published;

  /** Returns the series id of the combination, assigning the next id when it is new. */
  int intern(int resourceId, int projectId, int userId, int sourceId) {
    int slot = hash(resourceId, projectId, userId, sourceId) & mask;
    while (true) {
      int entry = slots[slot];
      if (entry == 0) {
        break;
      }
      int id = entry - 1;
      if (resource[id] == resourceId
          && project[id] == projectId
          && user[id] == userId
          && source[id] == sourceId) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    int id = count;
    if (id == resource.length) {
      int capacity = id * 2;
      resource = Arrays.copyOf(resource, capacity);
      project = Arrays.copyOf(project, capacity);
      user = Arrays.copyOf(user, capacity);
      source = Arrays.copyOf(source, capacity);
    }
    resource[id] = resourceId;
    project[id] = projectId;
    user[id] = userId;
    source[id] = sourceId;
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

  /** Returns a view of the series registered so far (the same view until a series is added). */
  SeriesColumns columns() {
    SeriesColumns view = published;
    if (view == null || view.count() != count || view.resourceIds() != resource) {
      view = new SeriesColumns(resource, project, user, source, count);
      published = view;
    }
    return view;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    mask = slots.length - 1;
    for (int id = 0; id < count; id++) {
      int slot = hash(resource[id], project[id], user[id], source[id]) & mask;
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
}
