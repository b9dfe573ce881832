package io.meterkit.store.internal.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A growable little-endian byte buffer with the primitive encodings of meterkit's files:
 * fixed-width integers and doubles, unsigned LEB128 varints, zig-zag varints, strings and bulk
 * primitive arrays.
 *
 * <ul>
 *   <li>{@code int32}, {@code int64}: two's complement, little-endian.
 *   <li>{@code f64}: the IEEE 754 bits of a double as an {@code int64}, so every double (including
 *       -0.0) round-trips exactly.
 *   <li>{@code varint}: an unsigned value in 7-bit groups, least significant first, the high bit of
 *       each byte set when another byte follows (LEB128); at most 10 bytes.
 *   <li>{@code zigzag}: a signed value {@code v} as the varint {@code (v << 1) ^ (v >> 63)}, so
 *       small negative numbers stay short.
 *   <li>{@code string}: {@code varint} byte length, then that many bytes of UTF-8.
 *   <li>{@code optional string}: {@code varint} byte length plus one, then the UTF-8 bytes; 0
 *       stands for null.
 * </ul>
 *
 * <p>Not thread-safe: one writer per instance.
 */
public final class BinaryWriter {
  private byte[] bytes;
  private int size;

  public BinaryWriter(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  /** Forgets the content, keeping the capacity. */
  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** The backing array; bytes {@code [0, size())} are the content. */
  public byte[] array() {
    return bytes;
  }

  /** Returns the CRC32C of bytes {@code [from, size())}. */
  public int crc32c(int from) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, size - from);
    return (int) crc.getValue();
  }

  public void writeByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  public void writeBytes(byte[] source) {
    ensure(source.length);
    System.arraycopy(source, 0, bytes, size, source.length);
    size += source.length;
  }

  /** Appends the content of {@code other}. */
  public void writeAll(BinaryWriter other) {
    ensure(other.size);
    System.arraycopy(other.bytes, 0, bytes, size, other.size);
    size += other.size;
  }

  public void writeInt(int value) {
    ensure(4);
    buffer(size, 4).putInt(value);
    size += 4;
  }

  /** Returns the {@code int32} written at {@code position}, below {@link #size()}. */
  public int intAt(int position) {
    return buffer(position, 4).getInt();
  }

  /** Overwrites the {@code int32} at {@code position}, below {@link #size()}. */
  public void putInt(int position, int value) {
    buffer(position, 4).putInt(value);
  }

  public void writeLong(long value) {
    ensure(8);
    buffer(size, 8).putLong(value);
    size += 8;
  }

  public void writeDouble(double value) {
    writeLong(Double.doubleToRawLongBits(value));
  }

  public void writeVarint(long value) {
    ensure(10);
    long rest = value;
    // Seven payload bits per byte; the high bit says another byte follows.
    while ((rest & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    bytes[size++] = (byte) rest;
  }

  public void writeZigZag(long value) {
    writeVarint((value << 1) ^ (value >> 63));
  }

  public void writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarint(utf8.length);
    writeBytes(utf8);
  }

  public void writeOptionalString(String value) {
    if (value == null) {
      writeVarint(0);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarint(utf8.length + 1L);
    writeBytes(utf8);
  }

  /** Writes {@code int32} length, then the elements. */
  public void writeInts(int[] values, int length) {
    writeInt(length);
    ensure(4L * length);
    buffer(size, 4 * length).asIntBuffer().put(values, 0, length);
    size += 4 * length;
  }

  /** Writes {@code int32} length, then the elements. */
  public void writeLongs(long[] values, int length) {
    writeInt(length);
    ensure(8L * length);
    buffer(size, 8 * length).asLongBuffer().put(values, 0, length);
    size += 8 * length;
  }

  /** Writes {@code int32} length, then the elements as {@code f64}. */
  public void writeDoubles(double[] values, int length) {
    writeInt(length);
    ensure(8L * length);
    buffer(size, 8 * length).asDoubleBuffer().put(values, 0, length);
    size += 8 * length;
  }

  /** Writes {@code int32} length, then the bytes. */
  public void writeByteArray(byte[] values, int length) {
    writeInt(length);
    ensure(length);
    System.arraycopy(values, 0, bytes, size, length);
    size += length;
  }

  private ByteBuffer buffer(int position, int length) {
    return ByteBuffer.wrap(bytes, position, length).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  private void ensure(long more) {
    long needed = size + more;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a record or file must stay below 2 GiB, needs " + needed);
      }
      bytes =
          Arrays.copyOf(
              bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * bytes.length)));
    }
  }
}
