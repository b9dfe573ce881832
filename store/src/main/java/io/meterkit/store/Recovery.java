package io.meterkit.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens a durable store: the newest intact snapshot, then the log records after it, replayed
 * through the store's own apply path.
 *
 * <h2>What is rebuilt</h2>
 *
 * <ul>
 *   <li>From the snapshot: the dictionaries (interned again in id order, so every id is the same),
 *       the meters (in ordinal order), their series (in id order), their sealed chunks (the very
 *       arrays that were written), their head rows (appended again in arrival order, with their
 *       arrival numbers, which rebuilds the head chains and the per-series latest timestamps), and
 *       the store's arrival counter.
 *   <li>The client-id index, from the client ids of every chunk and head row.
 *   <li>From the log: each batch record is stored again through {@code apply} with its logged
 *       recorded-at time and client ids (including random ids given on tie-ordinal overflow); since
 *       apply is deterministic given the state, meter ordinals, series ids, arrival numbers, tie
 *       ordinals and so the assigned message ids come out as they were. Retention records drop the
 *       same chunks again.
 *   <li>Not rebuilt: the writer's look-up caches (last series per resource, last metadata per
 *       series). They only save look-ups: a miss interns the same value and finds the same id.
 * </ul>
 *
 * <p>Thread-safe: stateless; the store it builds is not shared before {@link #open} returns.
 */
final class Recovery {
  private static final System.Logger LOGGER = System.getLogger(MeterStore.class.getName());

  private Recovery() {}

  static MeterStore open(Path directory, DurabilityOptions options) throws IOException {
    long started = System.nanoTime();
    List<String> problems = new ArrayList<>();
    StoreFiles files = StoreFiles.open(directory, problems);
    boolean opened = false;
    try {
      Durability durability = new Durability(files, options);
      MeterStore store = new MeterStore(options.storeConfig(), durability);
      durability.bind(store);
      SnapshotReader.Loaded snapshot = SnapshotReader.loadLatest(files, problems);
      IdentityHashMap<Chunk, SnapshotWriter.ChunkRef> chunkFiles = new IdentityHashMap<>();
      long snapshotPosition = 0;
      if (snapshot != null) {
        store.underWriteLock(
            state -> {
              restore(store, snapshot, chunkFiles);
              return null;
            });
        snapshotPosition = snapshot.logPosition();
      }
      LogScanner.Result scan =
          LogScanner.scan(
              files.log, snapshotPosition, (type, payload) -> replay(store, type, payload));
      BatchLog log =
          BatchLog.open(
              files.log,
              options.logSegmentBytes(),
              scan.lastPosition() + 1,
              scan.appendSegment(),
              scan.appendOffset());
      Set<Long> retainedFiles = new HashSet<>();
      for (SnapshotWriter.ChunkRef ref : chunkFiles.values()) {
        retainedFiles.add(ref.fileNumber());
      }
      SnapshotWriter writer =
          new SnapshotWriter(
              files,
              chunkFiles,
              snapshot == null ? 0 : snapshot.nextChunkFileNumber(),
              new SnapshotWriter.Retained(snapshotPosition, retainedFiles));
      RecoveryReport report =
          new RecoveryReport(
              snapshot == null ? null : snapshot.manifestName(),
              snapshotPosition,
              scan.recordsReplayed(),
              scan.samplesReplayed(),
              scan.lastPosition(),
              scan.bytesTruncated(),
              scan.truncationReason(),
              problems,
              (System.nanoTime() - started) / 1_000_000);
      durability.start(log, writer, snapshotPosition, report);
      logReport(files.root, report);
      opened = true;
      return store;
    } finally {
      if (!opened) {
        files.close();
      }
    }
  }

  private static void logReport(Path root, RecoveryReport report) {
    if (report.truncated()) {
      LOGGER.log(
          Level.WARNING,
          "recovered "
              + root
              + " from a damaged log: "
              + report.truncationReason()
              + "; "
              + report);
    }
    for (String problem : report.problems()) {
      LOGGER.log(Level.WARNING, "recovering " + root + ": " + problem);
    }
    LOGGER.log(Level.INFO, "recovered " + root + ": " + report);
  }

  private static long replay(MeterStore store, int type, BinaryReader payload) throws IOException {
    if (type == LogRecords.BATCH) {
      LogRecords.Batch batch = LogRecords.decodeBatch(payload);
      store.replayBatch(batch.samples(), batch.recordedAtMillis());
      return batch.samples().length;
    }
    LogRecords.Retention retention = LogRecords.decodeRetention(payload);
    store.dropChunks(retention.meterOrdinal(), retention.cutoffMillis());
    return 0;
  }

  /** Rebuilds the store's state from a snapshot; under the write lock, before any replay. */
  private static void restore(
      MeterStore store,
      SnapshotReader.Loaded snapshot,
      Map<Chunk, SnapshotWriter.ChunkRef> chunkFiles) {
    Dictionaries dictionaries = store.dictionaries();
    StringDictionary[] strings = {
      dictionaries.resources, dictionaries.projects, dictionaries.users, dictionaries.sources
    };
    for (int d = 0; d < strings.length; d++) {
      for (String value : snapshot.strings().get(d)) {
        strings[d].intern(value);
      }
    }
    for (Map<String, String> metadata : snapshot.metadata()) {
      dictionaries.metadata.intern(metadata);
    }
    store.restoreArrivals(snapshot.arrivals());
    ClientIdIndex clientIds = store.clientIdIndex();
    for (SnapshotReader.Meter meter : snapshot.meters()) {
      MeterTable table = store.restoreTable(meter.name(), meter.type(), meter.unit());
      for (int series = 0; series < meter.resource().length; series++) {
        table.restoreSeries(
            meter.resource()[series],
            meter.project()[series],
            meter.user()[series],
            meter.source()[series]);
      }
      table.restoreChunks(meter.chunks());
      for (int c = 0; c < meter.chunks().length; c++) {
        chunkFiles.put(meter.chunks()[c], meter.chunkRefs()[c]);
        indexClientIds(meter.chunks()[c], table.ordinal, clientIds);
      }
      restoreHead(table, meter.head(), clientIds);
    }
    store.publishAll();
  }

  private static void indexClientIds(Chunk chunk, int meterOrdinal, ClientIdIndex clientIds) {
    if (chunk.clientIds == null) {
      return;
    }
    long[] timestamps = new long[ChunkEncoder.BLOCK_ROWS];
    for (int block = 0; block < chunk.blockCount; block++) {
      chunk.readTimestamps(block, timestamps, 0);
      int start = chunk.blockRowStart[block];
      for (int i = 0; i < chunk.blockRows(block); i++) {
        String id = chunk.clientIds[start + i];
        if (id != null) {
          clientIds.put(id, meterOrdinal, chunk.blockSeries[block], timestamps[i]);
        }
      }
    }
  }

  private static void restoreHead(MeterTable table, SnapshotReader.Head head, ClientIdIndex ids) {
    for (int row = 0; row < head.rows(); row++) {
      String clientId = head.clientIds() == null ? null : head.clientIds()[row];
      int series = head.series()[row];
      table.append(
          series,
          head.timestamps()[row],
          head.volumes()[row],
          head.metadataIds()[row],
          head.recordedMillis()[row],
          head.arrivals()[row],
          clientId,
          head.tieOrdinals() == null ? 0 : head.tieOrdinals()[row]);
      if (clientId != null) {
        ids.put(clientId, table.ordinal, series, head.timestamps()[row]);
      }
    }
  }
}
