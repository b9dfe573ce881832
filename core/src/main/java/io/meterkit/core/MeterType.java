package io.meterkit.core;

import java.util.Locale;

/**
 * How the volumes of a meter behave over time, as in Ceilometer.
 *
 * <p>Thread-safe: an enum.
 */
public enum MeterType {
  /**
   * A level read at an instant (CPU utilisation, memory in use): the volume holds until the next.
   */
  GAUGE("gauge"),
  /** The change since the previous sample (bytes sent in the last interval). */
  DELTA("delta"),
  /** A running total since some start (CPU time since boot). */
  CUMULATIVE("cumulative");

  private final String wireName;

  MeterType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the lower-case name used on the wire ({@code gauge}, {@code delta}, {@code
   * cumulative}).
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a wire name, ignoring case.
   *
   * @param text {@code gauge}, {@code delta} or {@code cumulative}
   * @return the type
   * @throws InvalidSampleException when {@code text} names no type
   */
  public static MeterType parse(String text) {
    if (text != null) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (MeterType type : values()) {
        if (type.wireName.equals(lower)) {
          return type;
        }
      }
    }
    throw new InvalidSampleException(
        Violation.of(SampleField.TYPE, Rule.NOT_ONE_OF, text, "gauge", "delta", "cumulative"));
  }
}
