/**
 * A durable store's lifecycle: {@link io.meterkit.store.internal.durable.Recovery} opens a
 * directory and returns a finished {@link io.meterkit.store.internal.durable.DurableStore}, which
 * runs the snapshot schedule and retention in the background and closes it all. Internal to the
 * store module.
 */
package io.meterkit.store.internal.durable;
