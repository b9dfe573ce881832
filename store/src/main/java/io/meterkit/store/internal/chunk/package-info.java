/**
 * The columnar encoding of rows: a meter's unsealed head ({@link
 * io.meterkit.store.internal.chunk.RowBuffer}), the immutable {@link
 * io.meterkit.store.internal.chunk.Chunk} it is sealed into (a block index and packed columns), the
 * {@link io.meterkit.store.internal.chunk.ChunkEncoder} that makes chunks, and the {@link
 * io.meterkit.store.internal.chunk.ChunkCodec} that writes them to files and checks them when read
 * back. Internal to the store module.
 */
package io.meterkit.store.internal.chunk;
