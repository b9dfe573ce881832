package io.meterkit.store.internal.ingest;

import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.RowBuffer;
import io.meterkit.store.internal.state.TableState;
import io.meterkit.store.spi.SeriesBlock;
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

  /** Adds the client id of every row of {@code table}, a table restored from a snapshot. */
  void putAll(int meterOrdinal, TableState table) {
    long[] timestamps = new long[SeriesBlock.MAX_ROWS];
    for (int c = 0; c < table.chunkCount(); c++) {
      Chunk chunk = table.chunk(c);
      for (int block = 0; chunk.hasClientIds() && block < chunk.blockCount(); block++) {
        chunk.readTimestamps(block, timestamps, 0);
        int start = chunk.blockRowStart(block);
        for (int i = 0; i < chunk.blockRows(block); i++) {
          String id = chunk.clientId(start + i);
          if (id != null) {
            put(id, meterOrdinal, chunk.blockSeries(block), timestamps[i]);
          }
        }
      }
    }
    RowBuffer.View head = table.head();
    for (int row = 0; head.hasClientIds() && row < head.size(); row++) {
      String id = head.clientId(row);
      if (id != null) {
        put(id, meterOrdinal, head.seriesId(row), head.timestampMillis(row));
      }
    }
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
