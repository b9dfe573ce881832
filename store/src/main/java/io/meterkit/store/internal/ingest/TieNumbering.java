package io.meterkit.store.internal.ingest;

import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.RowBuffer;
import io.meterkit.store.spi.SeriesBlock;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;

/**
 * Numbers the rows of one meter that share their series and millisecond: the next row at a (series,
 * millisecond) gets tie ordinal 0 when no stored row has it, else one more than the largest stored
 * there. Everything it keeps is a function of the stored rows, so a store rebuilt from a snapshot,
 * or after retention, numbers the next row as the store that wrote it would.
 *
 * <p>What it keeps, and what each answer costs:
 *
 * <ul>
 *   <li>per series, the latest timestamp stored: a row later than it gets 0, a repeat of it at
 *       least 1, in O(1) (the common cases: rows in time order, a timestamp sent twice);
 *   <li>the largest tie ordinal of every (series, millisecond) that holds a tie ({@link
 *       SeriesMillisTable}): a body posted again and again is numbered in O(1) per row;
 *   <li>for any other late row, whether its (series, millisecond) holds a row at all: a walk back
 *       along the series' head rows, which stops at rows older than it and, past {@value
 *       #HEAD_WALK_LIMIT} steps, indexes the head's keys once (O(1) from then on, until the head
 *       seals); then a binary search in each sealed chunk that reaches the millisecond.
 * </ul>
 *
 * <p>Concurrency contract: single writer, under the store's write lock, like its {@link
 * MeterTable}.
 */
final class TieNumbering {
  /** A walk back along a head chain longer than this indexes the head's keys instead. */
  static final int HEAD_WALK_LIMIT = 64;

  private final int chunkRows;
  // Per series id: the latest timestamp of a stored row (Long.MIN_VALUE when none), and its last
  // head row (-1 when none).
  private final LongArrayList seriesMaxMillis = new LongArrayList();
  private final IntArrayList headLastRow = new IntArrayList();
  // Per head row: the previous head row of its series (or -1), and the latest timestamp of the
  // row and every earlier head row of its series, which bounds a walk back along the chain.
  private int[] headPreviousRow = new int[16];
  private long[] headChainMaxMillis = new long[16];
  private final SeriesMillisTable ties = new SeriesMillisTable();
  private SeriesMillisTable headKeys; // every key of the head, once a walk ran long; else null
  private Chunk[] chunks = new Chunk[0];
  // maxSoFar[i] = the largest timestamp of chunks[0..i]: chunks before the first i with
  // maxSoFar[i] >= t hold nothing at t. Chunks seal in arrival order, so this skips nearly all.
  private long[] maxSoFar = new long[0];
  private final long[] scratch = new long[SeriesBlock.MAX_ROWS];

  TieNumbering(int chunkRows) {
    this.chunkRows = chunkRows;
  }

  /** Registers the next series id. */
  void addSeries() {
    seriesMaxMillis.add(Long.MIN_VALUE);
    headLastRow.add(-1);
  }

  /** Returns the tie ordinal the next row of {@code seriesId} at {@code timestampMillis} gets. */
  int next(int seriesId, long timestampMillis, RowBuffer head) {
    long latest = seriesMaxMillis.getLong(seriesId);
    if (timestampMillis > latest) {
      return 0;
    }
    int tie = ties.get(seriesId, timestampMillis);
    if (tie != SeriesMillisTable.ABSENT) {
      return tie + 1;
    }
    return timestampMillis == latest || holds(seriesId, timestampMillis, head) ? 1 : 0;
  }

  // Whether a stored row has this series and millisecond.
  private boolean holds(int seriesId, long timestampMillis, RowBuffer head) {
    if (headHolds(seriesId, timestampMillis, head)) {
      return true;
    }
    for (int c = firstChunkReaching(timestampMillis); c < chunks.length; c++) {
      if (chunks[c].holds(seriesId, timestampMillis, scratch)) {
        return true;
      }
    }
    return false;
  }

  private boolean headHolds(int seriesId, long timestampMillis, RowBuffer head) {
    if (headKeys != null) {
      return headKeys.get(seriesId, timestampMillis) != SeriesMillisTable.ABSENT;
    }
    int steps = 0;
    for (int row = headLastRow.getInt(seriesId);
        row >= 0 && headChainMaxMillis[row] >= timestampMillis;
        row = headPreviousRow[row]) {
      if (head.timestampMillis(row) == timestampMillis) {
        return true;
      }
      if (++steps == HEAD_WALK_LIMIT) {
        headKeys = new SeriesMillisTable();
        RowBuffer.View rows = head.view();
        for (int r = 0; r < rows.size(); r++) {
          headKeys.raise(rows.seriesId(r), rows.timestampMillis(r), 0);
        }
        return headKeys.get(seriesId, timestampMillis) != SeriesMillisTable.ABSENT;
      }
    }
    return false;
  }

  /** Notes head row {@code row}, just appended. */
  void appended(int row, int seriesId, long timestampMillis, int tieOrdinal) {
    if (row == headPreviousRow.length) {
      int capacity = Math.max(row + 1, Math.min(chunkRows, row * 2));
      headPreviousRow = Arrays.copyOf(headPreviousRow, capacity);
      headChainMaxMillis = Arrays.copyOf(headChainMaxMillis, capacity);
    }
    int previous = headLastRow.getInt(seriesId);
    headPreviousRow[row] = previous;
    headChainMaxMillis[row] =
        previous < 0 ? timestampMillis : Math.max(timestampMillis, headChainMaxMillis[previous]);
    headLastRow.set(seriesId, row);
    if (headKeys != null) {
      headKeys.raise(seriesId, timestampMillis, 0);
    }
    note(seriesId, timestampMillis, tieOrdinal);
  }

  private void note(int seriesId, long timestampMillis, int tieOrdinal) {
    if (tieOrdinal != 0) {
      ties.raise(seriesId, timestampMillis, tieOrdinal);
    }
    if (timestampMillis > seriesMaxMillis.getLong(seriesId)) {
      seriesMaxMillis.set(seriesId, timestampMillis);
    }
  }

  /** Forgets the head rows, now sealed into the last of {@code sealed}. */
  void headSealed(Chunk[] sealed) {
    headKeys = null;
    for (int i = 0; i < headLastRow.size(); i++) {
      headLastRow.set(i, -1);
    }
    setChunks(sealed);
  }

  /** Takes the sealed chunks of a restored table, before any head row is appended. */
  void restored(Chunk[] sealed) {
    setChunks(sealed);
    noteChunks(sealed);
  }

  /**
   * Takes the chunks that retention kept and recomputes every latest timestamp and largest tie
   * ordinal from them and the head.
   */
  void chunksDropped(Chunk[] kept, RowBuffer.View head) {
    setChunks(kept);
    for (int s = 0; s < seriesMaxMillis.size(); s++) {
      seriesMaxMillis.set(s, Long.MIN_VALUE);
    }
    ties.clear();
    noteChunks(kept);
    for (int row = 0; row < head.size(); row++) {
      note(head.seriesId(row), head.timestampMillis(row), head.tieOrdinal(row));
    }
  }

  private void noteChunks(Chunk[] sealed) {
    for (Chunk chunk : sealed) {
      for (int block = 0; block < chunk.blockCount(); block++) {
        note(chunk.blockSeries(block), chunk.blockLastMillis(block), 0);
      }
      chunk.forEachTie(ties::raise);
    }
  }

  private void setChunks(Chunk[] replacement) {
    long[] max = new long[replacement.length];
    for (int c = 0; c < replacement.length; c++) {
      max[c] = Math.max(c == 0 ? Long.MIN_VALUE : max[c - 1], replacement[c].maxMillis());
    }
    chunks = replacement;
    maxSoFar = max;
  }

  // Returns the first chunk index whose chunks so far reach timestampMillis (lower bound).
  private int firstChunkReaching(long timestampMillis) {
    int low = 0;
    int high = maxSoFar.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (maxSoFar[middle] < timestampMillis) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
