package io.meterkit.api.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The active time of one location of a tenant within a window: the sum over its entities of the
 * time each spent in an active state (entity-time, as billed).
 *
 * <p>Immutable and thread-safe.
 *
 * @param tenantId the tenant
 * @param locationId the location
 * @param startMillis the window's start, epoch milliseconds UTC
 * @param endMillis the window's end (exclusive), epoch milliseconds UTC
 * @param activeMillis the summed active entity-time, in milliseconds
 */
public record LocationHours(
    String tenantId, String locationId, long startMillis, long endMillis, long activeMillis) {
  /**
   * Returns the active time in seconds.
   *
   * @return {@code activeMillis / 1000}, exact to the millisecond
   */
  public BigDecimal seconds() {
    return BigDecimal.valueOf(activeMillis, 3).stripTrailingZeros();
  }

  /**
   * Returns the active time in hours.
   *
   * @return seconds / 3600, rounded half-even to 9 fraction digits
   */
  public BigDecimal hours() {
    return BigDecimal.valueOf(activeMillis)
        .divide(BigDecimal.valueOf(3_600_000L), 9, RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
  }
}
