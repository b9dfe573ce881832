package io.meterkit.store.internal.state;

import io.meterkit.core.MeterType;

/**
 * What a meter is, fixed by its first sample: its name, type and unit, and its ordinal, the dense
 * number the store gave it (0 for the first meter, then one more each) and that assigned message
 * ids encode.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ordinal the meter's dense number, 0 up
 * @param name the meter name
 * @param type the meter type
 * @param unit the unit of its volumes
 */
public record MeterIdentity(int ordinal, String name, MeterType type, String unit) {}
