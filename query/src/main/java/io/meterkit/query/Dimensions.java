package io.meterkit.query;

import io.meterkit.store.spi.Dictionary;
import io.meterkit.store.spi.MeterSnapshot;
import io.meterkit.store.spi.StoreSnapshot;

/** Reads a {@link Dimension} of a series and finds its dictionary; the one switch over them. */
final class Dimensions {
  private Dimensions() {}

  /** Returns the dictionary id of {@code dimension} of a series. */
  static int idOf(MeterSnapshot meter, Dimension dimension, int series) {
    switch (dimension) {
      case RESOURCE_ID:
        return meter.resourceIdOf(series);
      case PROJECT_ID:
        return meter.projectIdOf(series);
      case USER_ID:
        return meter.userIdOf(series);
      default:
        return meter.sourceOf(series);
    }
  }

  /** Returns the dictionary of {@code dimension}. */
  static Dictionary dictionary(StoreSnapshot store, Dimension dimension) {
    switch (dimension) {
      case RESOURCE_ID:
        return store.resourceIds();
      case PROJECT_ID:
        return store.projectIds();
      case USER_ID:
        return store.userIds();
      default:
        return store.sources();
    }
  }
}
