package io.meterkit.store.internal.io;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The directory of a durable store, and the file operations the log and the snapshots share.
 *
 * <pre>
 *   DIR/LOCK                                     held with an OS file lock while a store is open
 *   DIR/log/00000000000000000001.wal             log segments, named by their first log position
 *   DIR/snapshots/snapshot-00000000000000000042.manifest   snapshot manifests, named by the last
 *                                                log position they cover
 *   DIR/chunks/00000000000000000007.chunk        sealed chunks, one immutable file each
 *   *.tmp                                        files being written; removed when a store opens
 * </pre>
 *
 * <p>Thread-safe: the static methods are stateless; {@link #close()} may be called once.
 */
public final class StoreFiles implements AutoCloseable {
  /** The name of the {@link System.Logger} every message about a durable store goes to. */
  public static final String LOGGER_NAME = "io.meterkit.store.MeterStore";

  public static final String SEGMENT_SUFFIX = ".wal";
  public static final String MANIFEST_PREFIX = "snapshot-";
  public static final String MANIFEST_SUFFIX = ".manifest";
  public static final String CHUNK_SUFFIX = ".chunk";
  public static final String TEMP_SUFFIX = ".tmp";

  private final Path root;
  private final Path log;
  private final Path snapshots;
  private final Path chunks;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StoreFiles(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.log = root.resolve("log");
    this.snapshots = root.resolve("snapshots");
    this.chunks = root.resolve("chunks");
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the directory layout when missing, locks it, and removes leftover temporary files
   * (noting each in {@code problems}).
   *
   * @throws IOException when the directory cannot be created, or another store holds it
   */
  public static StoreFiles open(Path root, List<String> problems) throws IOException {
    Path directory = root.toAbsolutePath();
    boolean created = !Files.isDirectory(directory);
    Files.createDirectories(directory);
    if (created && directory.getParent() != null) {
      fsyncDirectory(directory.getParent());
    }
    FileChannel channel =
        FileChannel.open(
            directory.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("store directory " + directory + " is already open by another store");
    }
    StoreFiles files = new StoreFiles(directory, channel, lock);
    try {
      for (Path sub : List.of(files.log, files.snapshots, files.chunks)) {
        if (!Files.isDirectory(sub)) {
          Files.createDirectories(sub);
          fsyncDirectory(directory);
        }
        for (Path temp : list(sub, "", TEMP_SUFFIX).values()) {
          Files.delete(temp);
          problems.add("removed the leftover temporary file " + directory.relativize(temp));
        }
      }
    } catch (IOException e) {
      files.close();
      throw e;
    }
    return files;
  }

  /** Returns the store directory, absolute. */
  public Path root() {
    return root;
  }

  /** Returns the directory of the log segments. */
  public Path log() {
    return log;
  }

  /** Returns the directory of the snapshot manifests. */
  public Path snapshots() {
    return snapshots;
  }

  /** Returns the directory of the chunk files. */
  public Path chunks() {
    return chunks;
  }

  /** Releases the directory lock. */
  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      lockChannel.close();
    }
  }

  public static String segmentName(long firstPosition) {
    return String.format(Locale.ROOT, "%020d%s", firstPosition, SEGMENT_SUFFIX);
  }

  public static String manifestName(long logPosition) {
    return String.format(Locale.ROOT, "%s%020d%s", MANIFEST_PREFIX, logPosition, MANIFEST_SUFFIX);
  }

  public static String chunkName(long fileNumber) {
    return String.format(Locale.ROOT, "%020d%s", fileNumber, CHUNK_SUFFIX);
  }

  /**
   * Lists the files of {@code directory} named {@code prefix + 20 digits + suffix} (or, with an
   * empty prefix and a temp suffix, every file with that suffix), sorted by their number.
   */
  public static TreeMap<Long, Path> list(Path directory, String prefix, String suffix)
      throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    long unnumbered = Long.MIN_VALUE;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path path : stream) {
        String name = path.getFileName().toString();
        if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
          continue;
        }
        if (suffix.equals(TEMP_SUFFIX)) {
          files.put(unnumbered++, path);
          continue;
        }
        long number = parseNumber(name, prefix, suffix);
        if (number >= 0) {
          files.put(number, path);
        }
      }
    }
    return files;
  }

  /** Returns the 20-digit number between {@code prefix} and {@code suffix}, or -1. */
  public static long parseNumber(String name, String prefix, String suffix) {
    int from = prefix.length();
    int to = name.length() - suffix.length();
    if (to - from != 20) {
      return -1;
    }
    long number = 0;
    for (int i = from; i < to; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || number > (Long.MAX_VALUE - 9) / 10) {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number;
  }

  /**
   * Writes {@code content} to {@code file} (created or replaced) and forces it to disk. The
   * directory entry is not forced: see {@link #fsyncDirectory}.
   */
  public static void writeDurably(Path file, BinaryWriter content) throws IOException {
    try (FileOutputStream out = new FileOutputStream(file.toFile())) {
      out.write(content.array(), 0, content.size());
      out.getFD().sync();
    }
  }

  /**
   * Forces a directory's entries (created, renamed and deleted files) to disk. A no-op where the
   * platform cannot open a directory (Windows), which makes renames durable on its own.
   */
  public static void fsyncDirectory(Path directory) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(directory, StandardOpenOption.READ);
    } catch (IOException e) {
      if (System.getProperty("os.name", "").startsWith("Windows")) {
        return;
      }
      throw e;
    }
    try (channel) {
      channel.force(true);
    }
  }
}
