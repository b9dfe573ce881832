package io.meterkit.store.spi;

import java.util.Arrays;

/**
 * The set of series ids a scan visits, compiled once per query from its filters.
 *
 * <p>Holds both a bitmap (for membership tests while walking every block of a chunk) and the sorted
 * ids (for jumping straight to the blocks of a few series by binary search); the scan picks
 * whichever touches fewer blocks. Immutable and thread-safe.
 */
public final class SeriesSelection {
  private final long[] words;
  private final int[] ids;
  private final boolean all;

  private SeriesSelection(long[] words, int[] ids, boolean all) {
    this.words = words;
    this.ids = ids;
    this.all = all;
  }

  /**
   * Returns the selection of every series.
   *
   * @return a selection that contains every id
   */
  public static SeriesSelection all() {
    return ALL;
  }

  private static final SeriesSelection ALL = new SeriesSelection(new long[0], new int[0], true);

  /**
   * Returns a selection of the given series ids.
   *
   * @param seriesIds non-negative ids, in any order, duplicates allowed
   * @return the selection
   */
  public static SeriesSelection of(int... seriesIds) {
    int[] sorted = distinctSorted(seriesIds);
    int max = sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    if (sorted.length > 0 && sorted[0] < 0) {
      throw new IllegalArgumentException("series ids must be >= 0, got: " + sorted[0]);
    }
    // Not (max >>> 6) + 1 alone: for no ids, max is -1 and -1 >>> 6 is 2^26 - 1 (a 512 MiB bitmap).
    long[] words = new long[sorted.length == 0 ? 0 : (max >>> 6) + 1];
    for (int id : sorted) {
      words[id >>> 6] |= 1L << id;
    }
    return new SeriesSelection(words, sorted, false);
  }

  // Sorted copy without duplicates; a primitive sort (IntStream.distinct would box every id).
  private static int[] distinctSorted(int[] ids) {
    int[] sorted = ids.clone();
    Arrays.sort(sorted);
    int size = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[size++] = sorted[i];
      }
    }
    return size == sorted.length ? sorted : Arrays.copyOf(sorted, size);
  }

  /**
   * Returns whether every series is selected.
   *
   * @return true for {@link #all()}
   */
  public boolean isAll() {
    return all;
  }

  /**
   * Returns whether no series is selected.
   *
   * @return true when a scan would visit nothing
   */
  public boolean isEmpty() {
    return !all && ids.length == 0;
  }

  /**
   * Returns whether {@code seriesId} is selected.
   *
   * @param seriesId a series id
   * @return true when selected
   */
  public boolean contains(int seriesId) {
    if (all) {
      return true;
    }
    int word = seriesId >>> 6;
    return word < words.length && (words[word] & (1L << seriesId)) != 0;
  }

  /**
   * Returns the number of selected series, or -1 for {@link #all()}.
   *
   * @return the cardinality
   */
  public int size() {
    return all ? -1 : ids.length;
  }

  /**
   * Returns one selected series id; ids are in increasing order.
   *
   * @param index 0..{@code size() - 1}
   * @return the {@code index}-th smallest selected id
   * @throws ArrayIndexOutOfBoundsException when {@code index} is out of range, or for {@link
   *     #all()}
   */
  public int idAt(int index) {
    return ids[index];
  }
}
