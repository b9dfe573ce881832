package io.meterkit.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Renders everything a store holds as text, one fact per line: dictionaries (ids and values),
 * meters (ordinal, type, unit), series (dictionary ids), chunk boundaries, every row as a {@link
 * StoredSample} (with its message id and recorded-at) in scan order, arrival numbers (each block's
 * last, every head row's, the store's next), and the size of the client-id index. Two stores with
 * equal contents answer every query, id lookup and retry identically.
 */
final class StoreContents {
  private StoreContents() {}

  static String of(MeterStore store) {
    return store.underWriteLock(
        state ->
            render(state, store.clientIdIndex().size()) + "arrivals " + store.arrivals() + "\n");
  }

  private static String render(StoreState state, int clientIds) {
    StringBuilder out = new StringBuilder();
    Dictionaries d = state.dictionaries;
    StringDictionary[] strings = {d.resources, d.projects, d.users, d.sources};
    String[] names = {"resource", "project", "user", "source"};
    for (int i = 0; i < strings.length; i++) {
      for (int id = 1; id < strings[i].size(); id++) {
        out.append(names[i])
            .append(' ')
            .append(id)
            .append(' ')
            .append(strings[i].valueOf(id))
            .append('\n');
      }
    }
    for (int id = 1; id < d.metadata.size(); id++) {
      out.append("metadata ").append(id).append(' ').append(d.metadata.valueOf(id)).append('\n');
    }
    for (TableState table : state.tables) {
      out.append("meter ")
          .append(table.table.ordinal)
          .append(' ')
          .append(table.table.name)
          .append(' ')
          .append(table.table.type)
          .append(' ')
          .append(table.table.unit)
          .append(" series=")
          .append(table.seriesCount)
          .append(" chunks=")
          .append(table.chunks.length)
          .append(" head=")
          .append(table.head.size())
          .append('\n');
      for (int s = 0; s < table.seriesCount; s++) {
        out.append("  series ")
            .append(s)
            .append(' ')
            .append(table.series.resource()[s])
            .append('/')
            .append(table.series.project()[s])
            .append('/')
            .append(table.series.user()[s])
            .append('/')
            .append(table.series.source()[s])
            .append('\n');
      }
      long[] timestamps = new long[ChunkEncoder.BLOCK_ROWS];
      int[] metadata = new int[ChunkEncoder.BLOCK_ROWS];
      for (int c = 0; c < table.scanChunkCount(); c++) {
        Chunk chunk = table.scanChunk(c);
        out.append(c < table.chunks.length ? "  chunk " : "  head ")
            .append(chunk.rowCount)
            .append(" rows ")
            .append(chunk.minMillis)
            .append("..")
            .append(chunk.maxMillis)
            .append('\n');
        if (c == table.chunks.length) {
          out.append("   head arrivals ")
              .append(Arrays.toString(Arrays.copyOf(table.head.arrivals(), table.head.size())))
              .append('\n');
        }
        for (int block = 0; block < chunk.blockCount; block++) {
          out.append("   block last arrival ").append(chunk.blockLastArrival[block]).append('\n');
          chunk.readTimestamps(block, timestamps, 0);
          chunk.readMetadataIds(block, metadata, 0);
          for (int i = 0; i < chunk.blockRows(block); i++) {
            StoredSample sample =
                ChunkBlockCursor.materialize(
                    state, table, chunk, block, i, timestamps[i], metadata[i]);
            out.append("    ").append(sample).append('\n');
          }
        }
      }
    }
    out.append("client ids ").append(clientIds).append('\n');
    return out.toString();
  }

  /** Copies a directory tree (a store's files) to a new place. */
  static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!path.getFileName().toString().equals("LOCK")) {
          Files.copy(path, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
