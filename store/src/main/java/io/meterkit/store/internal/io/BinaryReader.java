package io.meterkit.store.internal.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads the encodings of {@link BinaryWriter} from a byte array, checking every bound: reading past
 * the end, a negative length or an over-long varint throws {@link CorruptFileException} naming
 * {@code what} is being read and the byte offset.
 *
 * <p>Not thread-safe: one reader per instance.
 */
public final class BinaryReader {
  private final byte[] bytes;
  private final int end;
  private final String what;
  private int position;

  /**
   * Reads bytes {@code [from, to)} of {@code bytes}.
   *
   * @param what names the content in error messages, e.g. a file name
   */
  public BinaryReader(byte[] bytes, int from, int to, String what) {
    this.bytes = bytes;
    this.position = from;
    this.end = to;
    this.what = what;
  }

  public int remaining() {
    return end - position;
  }

  /** Returns the CRC32C of {@code bytes[from, to)}. */
  public static int crc32c(byte[] bytes, int from, int to) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, to - from);
    return (int) crc.getValue();
  }

  public int readByte() throws CorruptFileException {
    need(1);
    return bytes[position++] & 0xFF;
  }

  public int readInt() throws CorruptFileException {
    need(4);
    int value = buffer(4).getInt();
    position += 4;
    return value;
  }

  public long readLong() throws CorruptFileException {
    need(8);
    long value = buffer(8).getLong();
    position += 8;
    return value;
  }

  public double readDouble() throws CorruptFileException {
    return Double.longBitsToDouble(readLong());
  }

  public long readVarint() throws CorruptFileException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw corrupt("a varint longer than 10 bytes");
  }

  /** Reads a varint that must be in {@code [0, max]}. */
  public int readVarint(int max, String field) throws CorruptFileException {
    long value = readVarint();
    if (value < 0 || value > max) {
      throw corrupt(field + " must be in [0, " + max + "], got: " + value);
    }
    return (int) value;
  }

  public long readZigZag() throws CorruptFileException {
    long raw = readVarint();
    return (raw >>> 1) ^ -(raw & 1);
  }

  public String readString() throws CorruptFileException {
    int length = readVarint(Integer.MAX_VALUE, "string length");
    need(length);
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  public String readOptionalString() throws CorruptFileException {
    int lengthPlusOne = readVarint(Integer.MAX_VALUE, "string length");
    if (lengthPlusOne == 0) {
      return null;
    }
    need(lengthPlusOne - 1L);
    String value = new String(bytes, position, lengthPlusOne - 1, StandardCharsets.UTF_8);
    position += lengthPlusOne - 1;
    return value;
  }

  /** Reads an {@code int32} array length that must be in {@code [0, max]}. */
  private int readLength(int max, String field) throws CorruptFileException {
    int length = readInt();
    if (length < 0 || length > max) {
      throw corrupt(field + " length must be in [0, " + max + "], got: " + length);
    }
    return length;
  }

  /** Reads an array written by {@link BinaryWriter#writeInts}, of at most {@code max} elements. */
  public int[] readInts(int max, String field) throws CorruptFileException {
    int length = readLength(Math.min(max, remaining() / 4), field);
    int[] values = new int[length];
    buffer(4 * length).asIntBuffer().get(values);
    position += 4 * length;
    return values;
  }

  /** Reads an array written by {@link BinaryWriter#writeInts} into {@code target}, whole. */
  public void readInts(int[] target, String field) throws CorruptFileException {
    expectLength(target.length, 4, field);
    buffer(4 * target.length).asIntBuffer().get(target);
    position += 4 * target.length;
  }

  public long[] readLongs(int max, String field) throws CorruptFileException {
    int length = readLength(Math.min(max, remaining() / 8), field);
    long[] values = new long[length];
    buffer(8 * length).asLongBuffer().get(values);
    position += 8 * length;
    return values;
  }

  public void readLongs(long[] target, String field) throws CorruptFileException {
    expectLength(target.length, 8, field);
    buffer(8 * target.length).asLongBuffer().get(target);
    position += 8 * target.length;
  }

  public void readDoubles(double[] target, String field) throws CorruptFileException {
    expectLength(target.length, 8, field);
    buffer(8 * target.length).asDoubleBuffer().get(target);
    position += 8 * target.length;
  }

  public void readBytes(byte[] target, String field) throws CorruptFileException {
    expectLength(target.length, 1, field);
    System.arraycopy(bytes, position, target, 0, target.length);
    position += target.length;
  }

  /** Fails unless every byte was read. */
  public void expectEnd() throws CorruptFileException {
    if (position != end) {
      throw corrupt((end - position) + " unexpected trailing bytes");
    }
  }

  public CorruptFileException corrupt(String problem) {
    return new CorruptFileException(what + ": " + problem + " (at byte " + position + ")");
  }

  private void expectLength(int expected, int elementBytes, String field)
      throws CorruptFileException {
    int length = readInt();
    if (length != expected) {
      throw corrupt(field + " must have " + expected + " elements, got: " + length);
    }
    need((long) elementBytes * expected);
  }

  private void need(long count) throws CorruptFileException {
    if (count > end - position) {
      throw corrupt("needs " + count + " more bytes, only " + (end - position) + " left");
    }
  }

  private ByteBuffer buffer(int length) {
    return ByteBuffer.wrap(bytes, position, length).slice().order(ByteOrder.LITTLE_ENDIAN);
  }
}
