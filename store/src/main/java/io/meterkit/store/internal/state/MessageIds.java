package io.meterkit.store.internal.state;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids the store assigns to samples recorded without a client message id.
 *
 * <p>Such an id is not stored: it is computed from where the row lives, so it costs no memory. It
 * is a version-8 (vendor-specific) UUID laid out, from the most significant bit, as:
 *
 * <pre>
 *   most significant 64 bits:  timestamp millis (48) | version 8 (4) | tie ordinal (12)
 *   least significant 64 bits: variant 0b10 (2) | tag 0xA5 (8) | meter ordinal (22) | series id (32)
 * </pre>
 *
 * <p>The meter ordinal and the series id are the store's dense ids of the meter and of the
 * (resource, project, user, source) series, stable for the life of the store (snapshots and logs
 * keep them). The tie ordinal tells apart rows of one series at the very same millisecond: 0 for
 * the first, then one more than the largest ordinal already stored. The leading timestamp makes
 * these ids sort by time, like UUIDv7.
 *
 * <p>A row whose tie ordinal would not fit in 12 bits gets an {@link #overflowId} instead, stored
 * with it like a client id: a name-based (version 3) UUID of the same coordinates. It is derived
 * rather than random so that applying the same log to the same state assigns the same ids on any
 * machine.
 *
 * <p>Thread-safe: stateless.
 */
public final class MessageIds {
  /** The largest tie ordinal an assigned id holds. */
  public static final int MAX_TIE_ORDINAL = (1 << 12) - 1;

  /** The largest meter ordinal an assigned id holds: a store holds at most one more meters. */
  public static final int MAX_METER_ORDINAL = (1 << 22) - 1;

  private static final long TAG = 0xA5L;

  private MessageIds() {}

  /** Returns the assigned id of a row. */
  public static String format(
      long timestampMillis, int tieOrdinal, int meterOrdinal, int seriesId) {
    long most = (timestampMillis << 16) | (0x8L << 12) | tieOrdinal;
    long least =
        (0b10L << 62) | (TAG << 54) | ((long) meterOrdinal << 32) | (seriesId & 0xFFFFFFFFL);
    return new UUID(most, least).toString();
  }

  /**
   * Decodes an assigned id.
   *
   * @param id any message id
   * @return the row's coordinates, or null when {@code id} is not in the assigned form
   */
  public static Decoded parse(String id) {
    if (id == null || id.length() != 36 || id.charAt(14) != '8') {
      return null;
    }
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
    long most = uuid.getMostSignificantBits();
    long least = uuid.getLeastSignificantBits();
    if (((most >>> 12) & 0xF) != 0x8
        || (least >>> 62) != 0b10
        || ((least >>> 54) & 0xFF) != TAG
        || !uuid.toString().equals(id)) {
      return null;
    }
    return new Decoded(
        most >>> 16, (int) (most & 0xFFF), (int) ((least >>> 32) & MAX_METER_ORDINAL), (int) least);
  }

  /**
   * Returns the id of a row whose tie ordinal does not fit an assigned id: the name-based UUID of
   * its coordinates and {@code attempt}. The store tries attempts 0, 1, ... until it finds an id no
   * stored sample has (a client could have sent any id), so the result depends only on the state.
   */
  public static String overflowId(
      long timestampMillis, int tieOrdinal, int meterOrdinal, int seriesId, int attempt) {
    String name =
        "meterkit tie overflow "
            + meterOrdinal
            + " "
            + seriesId
            + " "
            + timestampMillis
            + " "
            + tieOrdinal
            + " "
            + attempt;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The coordinates encoded in an assigned id.
   *
   * @param timestampMillis the row's timestamp
   * @param tieOrdinal the row's tie ordinal
   * @param meterOrdinal the row's meter
   * @param seriesId the row's series
   */
  public record Decoded(long timestampMillis, int tieOrdinal, int meterOrdinal, int seriesId) {}
}
