/**
 * The bytes of a durable store: little-endian binary encodings with checked reads ({@link
 * io.meterkit.store.internal.io.BinaryWriter}, {@link io.meterkit.store.internal.io.BinaryReader}),
 * the store directory and its files ({@link io.meterkit.store.internal.io.StoreFiles}), and the
 * format version with its rule ({@link io.meterkit.store.internal.io.StoreFormat}). Internal to the
 * store module.
 */
package io.meterkit.store.internal.io;
