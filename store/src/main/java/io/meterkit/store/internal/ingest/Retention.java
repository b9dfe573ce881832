package io.meterkit.store.internal.ingest;

import io.meterkit.store.internal.chunk.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops sealed chunks whose newest sample is older than a cutoff, at chunk granularity, and forgets
 * their client message ids.
 *
 * <p>Deterministic: given the same tables and cutoff it drops the same chunks, so replaying a
 * logged retention change rebuilds the same state. Concurrency contract: called under the store's
 * write lock.
 */
final class Retention {
  private Retention() {}

  /** Returns whether a chunk of the selected meters ({@code -1}: every meter) would be dropped. */
  static boolean anyToDrop(List<MeterTable> tables, int meterOrdinal, long cutoffMillis) {
    for (MeterTable table : selected(tables, meterOrdinal)) {
      for (Chunk chunk : table.chunks()) {
        if (chunk.maxMillis() < cutoffMillis) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Drops the chunks of the selected meters whose newest sample is older than {@code cutoffMillis},
   * removes their client ids from {@code clientIds}, and adds every changed table to {@code
   * touched}.
   *
   * @return the number of samples dropped
   */
  static long drop(
      List<MeterTable> tables,
      int meterOrdinal,
      long cutoffMillis,
      ClientIdIndex clientIds,
      List<MeterTable> touched) {
    long dropped = 0;
    for (MeterTable table : selected(tables, meterOrdinal)) {
      List<Chunk> kept = new ArrayList<>();
      for (Chunk chunk : table.chunks()) {
        if (chunk.maxMillis() >= cutoffMillis) {
          kept.add(chunk);
          continue;
        }
        dropped += chunk.rowCount();
        for (int row = 0; chunk.hasClientIds() && row < chunk.rowCount(); row++) {
          String id = chunk.clientId(row);
          if (id != null) {
            clientIds.remove(id);
          }
        }
      }
      if (kept.size() != table.chunks().length) {
        table.replaceChunks(kept.toArray(new Chunk[0]));
        touched.add(table);
      }
    }
    return dropped;
  }

  private static List<MeterTable> selected(List<MeterTable> tables, int meterOrdinal) {
    if (meterOrdinal < 0) {
      return tables;
    }
    return meterOrdinal < tables.size() ? List.of(tables.get(meterOrdinal)) : List.of();
  }
}
