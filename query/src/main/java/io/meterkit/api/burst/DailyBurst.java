package io.meterkit.api.burst;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The burst of one resource type on one UTC day.
 *
 * <p>Immutable and thread-safe.
 *
 * @param date the UTC day
 * @param resourceType the resource type
 * @param usage the time-weighted average burst over the day (the part of it inside the window),
 *     rounded half-up to a whole unit
 * @param amount the price of the burst, rounded half-even to 20 fraction digits
 */
public record DailyBurst(LocalDate date, String resourceType, long usage, BigDecimal amount) {}
