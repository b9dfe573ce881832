package io.meterkit.api.burst;

import java.math.BigDecimal;

/**
 * The burst of one resource type over a whole period.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uuid a stable id of (owner, resource type, period)
 * @param resourceType the resource type
 * @param usage the time-weighted average burst over the period, rounded half-up to a whole unit
 * @param amount the price of the burst, rounded half-even to 20 fraction digits
 */
public record PeriodBurst(String uuid, String resourceType, long usage, BigDecimal amount) {}
