package io.meterkit.api.burst;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the host supplies for burst billing: the price of each resource type and each owner's
 * subscribed level.
 *
 * <p>Implementations must be thread-safe; they are read on every request.
 */
public interface BurstPricing {
  /**
   * Returns the burst price of every billed resource type, per unit-hour (e.g. per MHz-hour of
   * {@code cpu}, per byte-hour of {@code mem}). Only these types are reported.
   *
   * @return resource type to price, exact decimals
   */
  Map<String, BigDecimal> prices();

  /**
   * Returns the level an owner subscribed to for a resource type; usage above it is burst.
   *
   * @param owner the owner (user id)
   * @param resourceType the resource type, e.g. {@code cpu}
   * @return the subscribed level in the type's unit, 0 when none
   */
  BigDecimal subscription(String owner, String resourceType);
}
