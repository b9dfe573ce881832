package io.meterkit.query;

/**
 * Turns one series' {@link SeriesHistory} into the constant-level segments of a gauge: the row
 * before the window holds its volume from the window's start, every row inside holds its volume
 * from its timestamp, each until the next row or {@code endMillis}, whichever comes first. A
 * segment belongs to the group of the row that starts it. Rows at equal timestamps give empty
 * segments but the last, so the latest arrival holds. Thread-safe: stateless.
 */
final class LevelSegments {
  private LevelSegments() {}

  /** Receives the non-empty segments of one series, in time order. */
  @FunctionalInterface
  interface SegmentConsumer {
    void accept(int group, long fromMillis, long toMillis, double level);
  }

  /** Calls {@code consumer} with every non-empty segment of {@code series}, in time order. */
  static void forEach(
      SeriesHistory history,
      int series,
      SeriesHistory.Events events,
      long endMillis,
      SegmentConsumer consumer) {
    boolean has = history.beforeMillis[series] != Long.MIN_VALUE;
    double level = history.beforeVolume[series];
    long since = history.window.fromMillis();
    int group = has ? history.groupOf(series, history.beforeMetadata[series]) : -1;
    for (int i = 0; i < events.size(); i++) {
      long timestamp = events.timestamp(i);
      long until = Math.min(timestamp, endMillis);
      if (has && since < until) {
        consumer.accept(group, since, until, level);
      }
      has = true;
      level = events.volume(i);
      since = timestamp;
      group = history.groupOf(series, events.metadataId(i));
    }
    if (has && since < endMillis) {
      consumer.accept(group, since, endMillis, level);
    }
  }
}
