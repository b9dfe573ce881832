package io.meterkit.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.meterkit.core.IsoTime;

/**
 * The text forms of instants on the Ceilometer wire, both Python {@code isoformat()} of a naive UTC
 * value: v2 prints {@code YYYY-MM-DDTHH:MM:SS}, with {@code .ffffff} (always six digits) only when
 * the fraction is not zero; v1 always prints the six digits ({@code 2012-07-02T10:40:00.000000}).
 *
 * <p>Thread-safe: stateless.
 */
public final class CeilometerTime {
  private CeilometerTime() {}

  /**
   * Formats an instant the v2 way.
   *
   * @param epochMillis epoch milliseconds UTC
   * @return e.g. {@code 2012-07-02T11:40:00} or {@code 2012-07-02T11:40:00.123000}
   */
  public static String v2(long epochMillis) {
    String seconds = IsoTime.format(Math.floorDiv(epochMillis, 1000L) * 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    return millis == 0 ? seconds : seconds + String.format(".%03d000", millis);
  }

  /**
   * Formats an instant the v1 way.
   *
   * @param epochMillis epoch milliseconds UTC
   * @return e.g. {@code 2012-07-02T10:40:00.000000}
   */
  public static String v1(long epochMillis) {
    String seconds = IsoTime.format(Math.floorDiv(epochMillis, 1000L) * 1000L);
    return seconds + String.format(".%03d000", (int) Math.floorMod(epochMillis, 1000L));
  }

  /**
   * Returns the v2 form as JSON, or JSON null.
   *
   * @param epochMillis epoch milliseconds UTC, or null
   * @return the text node, or null
   */
  public static JsonNode v2Json(Long epochMillis) {
    return epochMillis == null ? NullNode.getInstance() : TextNode.valueOf(v2(epochMillis));
  }

  /**
   * Returns the v1 form as JSON, or JSON null.
   *
   * @param epochMillis epoch milliseconds UTC, or null
   * @return the text node, or null
   */
  public static JsonNode v1Json(Long epochMillis) {
    return epochMillis == null ? NullNode.getInstance() : TextNode.valueOf(v1(epochMillis));
  }
}
