package io.meterkit.store;

import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.RowBuffer;
import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.state.BlockCursor;
import io.meterkit.store.internal.state.Dictionaries;
import io.meterkit.store.internal.state.MeterIdentity;
import io.meterkit.store.internal.state.SeriesColumns;
import io.meterkit.store.internal.state.StoreState;
import io.meterkit.store.internal.state.StringDictionary;
import io.meterkit.store.internal.state.TableState;
import io.meterkit.store.spi.SeriesBlock;
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
 * equal contents answer every query, id lookup and retry identically. Call it while no write is in
 * progress.
 */
final class StoreContents {
  private StoreContents() {}

  static String of(MeterStore store) {
    return of(store.writer());
  }

  static String of(StoreWriter writer) {
    StoreState state = writer.state();
    return render(state, writer.clientIdCount()) + "arrivals " + state.nextArrival() + "\n";
  }

  /** Renders a published state without the writer's client-id index. */
  static String of(StoreState state) {
    return render(state, -1) + "arrivals " + state.nextArrival() + "\n";
  }

  private static String render(StoreState state, int clientIds) {
    StringBuilder out = new StringBuilder();
    Dictionaries d = state.dictionaries();
    StringDictionary[] strings = {d.resources(), d.projects(), d.users(), d.sources()};
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
    for (int id = 1; id < d.metadata().size(); id++) {
      out.append("metadata ").append(id).append(' ').append(d.metadata().valueOf(id)).append('\n');
    }
    for (int t = 0; t < state.tableCount(); t++) {
      TableState table = state.table(t);
      MeterIdentity meter = table.meter();
      RowBuffer.View head = table.head();
      out.append("meter ")
          .append(meter.ordinal())
          .append(' ')
          .append(meter.name())
          .append(' ')
          .append(meter.type())
          .append(' ')
          .append(meter.unit())
          .append(" series=")
          .append(table.seriesCount())
          .append(" chunks=")
          .append(table.chunkCount())
          .append(" head=")
          .append(head.size())
          .append('\n');
      SeriesColumns series = table.series();
      for (int s = 0; s < table.seriesCount(); s++) {
        out.append("  series ")
            .append(s)
            .append(' ')
            .append(series.resourceIds()[s])
            .append('/')
            .append(series.projectIds()[s])
            .append('/')
            .append(series.userIds()[s])
            .append('/')
            .append(series.sourceIds()[s])
            .append('\n');
      }
      long[] timestamps = new long[SeriesBlock.MAX_ROWS];
      int[] metadata = new int[SeriesBlock.MAX_ROWS];
      for (int c = 0; c < table.scanChunkCount(); c++) {
        Chunk chunk = table.scanChunk(c);
        out.append(c < table.chunkCount() ? "  chunk " : "  head ")
            .append(chunk.rowCount())
            .append(" rows ")
            .append(chunk.minMillis())
            .append("..")
            .append(chunk.maxMillis())
            .append('\n');
        if (c == table.chunkCount()) {
          long[] arrivals = new long[head.size()];
          Arrays.setAll(arrivals, head::arrival);
          out.append("   head arrivals ").append(Arrays.toString(arrivals)).append('\n');
        }
        for (int block = 0; block < chunk.blockCount(); block++) {
          out.append("   block last arrival ").append(chunk.blockLastArrival(block)).append('\n');
          chunk.readTimestamps(block, timestamps, 0);
          chunk.readMetadataIds(block, metadata, 0);
          for (int i = 0; i < chunk.blockRows(block); i++) {
            StoredSample sample =
                BlockCursor.materialize(state, table, chunk, block, i, timestamps[i], metadata[i]);
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
