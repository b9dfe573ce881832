package io.meterkit.store.internal.io;

import io.meterkit.core.MeterType;
import java.io.IOException;
import java.util.Arrays;

/**
 * The format version of a durable store's files, and the rule for changing it.
 *
 * <p>Every file a durable store writes (log segments, snapshot manifests, chunk files) records,
 * right after its magic, the format version that wrote it. This version writes {@link #CURRENT} and
 * reads every version from {@link #OLDEST_READABLE} on; an intact file of any other version stops
 * recovery instead of being skipped or cut, since a newer meterkit wrote it.
 *
 * <h2>Versions</h2>
 *
 * <ol>
 *   <li>The first format.
 *   <li>Same byte layout as version 1, stricter content. A log batch record holds the samples the
 *       batch stored, each with the message id it came with: a row past the last tie ordinal keeps
 *       its null id, and the store derives the id from the row's coordinates when it applies the
 *       record, so applying the same records to the same state gives the same ids anywhere (version
 *       1 wrote a random id into the record instead). Volumes are never {@code -0.0} and at most
 *       1e100 in magnitude (the store has normalised them since before this version; a version 1
 *       file may still hold {@code -0.0}, which is read as {@code 0.0}).
 * </ol>
 *
 * <h2>The rule</h2>
 *
 * <p>A change to what a file holds, or to how its bytes read, bumps {@link #CURRENT}, keeps a
 * reader for every older version, and adds a fixture directory written by the new version ({@code
 * src/test/resources/fixtures/snapshot-v<N>}). A committed fixture is never regenerated: the tests
 * read each one to hand-written expectations, and check that today's writer reproduces the newest
 * one byte for byte, so an unintended format change fails the build.
 *
 * <p>Thread-safe: constants and a stateless check.
 */
public final class StoreFormat {
  /** The version this meterkit writes. */
  public static final int CURRENT = 2;

  /** The oldest version this meterkit reads. */
  public static final int OLDEST_READABLE = 1;

  private static final MeterType[] METER_TYPES = {
    MeterType.GAUGE, MeterType.DELTA, MeterType.CUMULATIVE
  };

  private StoreFormat() {}

  /** Returns the file code of a meter type: 0 gauge, 1 delta, 2 cumulative. */
  public static int meterTypeCode(MeterType type) {
    return switch (type) {
      case GAUGE -> 0;
      case DELTA -> 1;
      case CUMULATIVE -> 2;
    };
  }

  /** Returns the meter type of a file code, or null when the code is unknown. */
  public static MeterType meterType(int code) {
    return code >= 0 && code < METER_TYPES.length ? METER_TYPES[code] : null;
  }

  /** Appends the start of a file: its 8-byte magic and the current format version. */
  public static void writeHeader(BinaryWriter out, byte[] magic) {
    out.writeBytes(magic);
    out.writeInt(CURRENT);
  }

  /**
   * Opens a whole file that starts with {@link #writeHeader} and ends with the CRC32C of every byte
   * before it: checks the magic, the CRC and the version.
   *
   * @param bytes the file's bytes, {@code [0, length)}
   * @param name the file name, for error messages
   * @return a reader of the bytes after the version, up to the CRC
   * @throws CorruptFileException when the magic or the CRC is wrong
   * @throws IOException when the file is intact but of a version this meterkit does not read; such
   *     a file is not skipped as damaged, or a later cleanup could delete what a newer version
   *     wrote
   */
  public static BinaryReader openFile(byte[] bytes, int length, byte[] magic, String name)
      throws IOException {
    if (length < 16 || !Arrays.equals(bytes, 0, 8, magic, 0, 8)) {
      throw new CorruptFileException(name + ": not a meterkit file of this kind (magic)");
    }
    int stored = new BinaryReader(bytes, length - 4, length, name).readInt();
    if (stored != BinaryReader.crc32c(bytes, 0, length - 4)) {
      throw new CorruptFileException(name + ": CRC mismatch");
    }
    BinaryReader in = new BinaryReader(bytes, 8, length - 4, name);
    checkReadable(name, in.readInt());
    return in;
  }

  /**
   * Checks that this meterkit reads files of {@code version}.
   *
   * @param file names the file in the error message
   * @param version the version the file records
   * @throws IOException when it does not (the message names the file and both versions)
   */
  public static void checkReadable(String file, int version) throws IOException {
    if (version < OLDEST_READABLE || version > CURRENT) {
      throw new IOException(
          file
              + ": format version "
              + version
              + " is not supported (this version reads "
              + OLDEST_READABLE
              + " to "
              + CURRENT
              + ")");
    }
  }
}
