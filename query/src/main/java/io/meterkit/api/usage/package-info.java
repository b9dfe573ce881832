/**
 * The usage-events API family: tenants, location and application events of AMP, and the
 * location-hours summary billing reads, stored as samples of dedicated meters and aggregated by the
 * shared engine's time-in-state query.
 */
package io.meterkit.api.usage;
