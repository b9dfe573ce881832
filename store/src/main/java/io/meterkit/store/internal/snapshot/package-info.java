/**
 * Snapshot files: a manifest per snapshot and an immutable file per sealed chunk, written
 * crash-safely by {@link io.meterkit.store.internal.snapshot.SnapshotWriter} and read back,
 * checked, by {@link io.meterkit.store.internal.snapshot.SnapshotReader}. Internal to the store
 * module.
 */
package io.meterkit.store.internal.snapshot;
