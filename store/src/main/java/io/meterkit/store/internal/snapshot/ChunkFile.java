package io.meterkit.store.internal.snapshot;

/**
 * A written chunk file, as a manifest names it: its number (the file is {@code chunks/<number, 20
 * digits>.chunk}), its length and its CRC32C, so a reader detects a file that is not the one the
 * manifest meant.
 *
 * <p>Immutable and thread-safe.
 *
 * @param number the file number, 0 up
 * @param length the file's length in bytes
 * @param crc the CRC32C stored at the file's end
 */
public record ChunkFile(long number, int length, int crc) {}
