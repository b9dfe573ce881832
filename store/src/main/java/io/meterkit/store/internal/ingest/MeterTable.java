package io.meterkit.store.internal.ingest;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.ChunkEncoder;
import io.meterkit.store.internal.chunk.RowBuffer;
import io.meterkit.store.internal.state.Dictionaries;
import io.meterkit.store.internal.state.MeterIdentity;
import io.meterkit.store.internal.state.SeriesColumns;
import io.meterkit.store.internal.state.TableState;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The writer side of one meter: its series, its head of unsealed rows, its sealed chunks, and the
 * bookkeeping that makes appends cheap.
 *
 * <p>Concurrency contract: single writer. Every method is called with the store's write lock held;
 * readers never touch this class but the immutable {@link TableState}s it publishes.
 */
final class MeterTable {
  final MeterIdentity identity;
  final int ordinal;
  final MeterType type;
  final String unit;

  private final int chunkRows;
  private final SeriesRegistry series = new SeriesRegistry();
  private RowBuffer head;
  private Chunk[] chunks = new Chunk[0];
  private int sealedSincePublish;
  boolean dirty; // touched by the batch in progress
  private final TieNumbering ties;

  // Writer-only look-up caches, indexed by series id.
  private final Object2IntOpenHashMap<String> seriesByResource = new Object2IntOpenHashMap<>();
  private final IntArrayList seriesMetadataId = new IntArrayList();
  private Object[] seriesSeenStrings =
      new Object[64]; // per series: project, user, source, metadata

  MeterTable(MeterIdentity identity, int chunkRows) {
    this.identity = identity;
    this.ordinal = identity.ordinal();
    this.type = identity.type();
    this.unit = identity.unit();
    this.chunkRows = chunkRows;
    this.head = new RowBuffer(Math.min(chunkRows, 64));
    this.ties = new TieNumbering(chunkRows);
    this.seriesByResource.defaultReturnValue(-1);
  }

  /**
   * Rebuilds the writer side of a published table: its series in id order, its sealed chunks (the
   * very objects), and its head rows, appended again in arrival order with their arrival numbers,
   * which rebuilds the tie numbering. Not rebuilt: the look-up caches (last series per resource,
   * last metadata per series); a miss interns the same value and finds the same id.
   */
  static MeterTable restore(TableState state, int chunkRows) {
    MeterTable table = new MeterTable(state.meter(), chunkRows);
    SeriesColumns columns = state.series();
    for (int s = 0; s < columns.count(); s++) {
      table.restoreSeries(
          columns.resourceIds()[s],
          columns.projectIds()[s],
          columns.userIds()[s],
          columns.sourceIds()[s]);
    }
    Chunk[] chunks = new Chunk[state.chunkCount()];
    for (int c = 0; c < chunks.length; c++) {
      chunks[c] = state.chunk(c);
    }
    table.restoreChunks(chunks);
    RowBuffer.View rows = state.head();
    for (int row = 0; row < rows.size(); row++) {
      table.append(
          rows.seriesId(row),
          rows.timestampMillis(row),
          rows.volume(row),
          rows.metadataId(row),
          rows.recordedAtMillis(row),
          rows.arrival(row),
          rows.clientId(row),
          rows.tieOrdinal(row));
    }
    return table;
  }

  /** Returns the series id of {@code sample}, assigning one when it is new. */
  int seriesOf(Sample sample, Dictionaries dictionaries) {
    int cached = seriesByResource.getInt(sample.resourceId());
    if (cached >= 0 && sameOwner(cached, sample)) {
      return cached;
    }
    int id =
        series.intern(
            dictionaries.resources().intern(sample.resourceId()),
            dictionaries.projects().intern(sample.projectId()),
            dictionaries.users().intern(sample.userId()),
            dictionaries.sources().intern(sample.source()));
    growBookkeeping(id);
    seriesSeenStrings[4 * id] = sample.projectId();
    seriesSeenStrings[4 * id + 1] = sample.userId();
    seriesSeenStrings[4 * id + 2] = sample.source();
    seriesByResource.put(sample.resourceId(), id);
    return id;
  }

  private void growBookkeeping(int id) {
    if (id == seriesMetadataId.size()) {
      ties.addSeries();
      seriesMetadataId.add(-1);
    }
    while (4 * id + 4 > seriesSeenStrings.length) {
      seriesSeenStrings = Arrays.copyOf(seriesSeenStrings, seriesSeenStrings.length * 2);
    }
  }

  private boolean sameOwner(int id, Sample sample) {
    return Objects.equals(seriesSeenStrings[4 * id], sample.projectId())
        && Objects.equals(seriesSeenStrings[4 * id + 1], sample.userId())
        && Objects.equals(seriesSeenStrings[4 * id + 2], sample.source());
  }

  /** Returns the metadata id of {@code sample}, reusing the last one of its series when equal. */
  int metadataOf(int seriesId, Map<String, String> metadata, Dictionaries dictionaries) {
    Object seen = seriesSeenStrings[4 * seriesId + 3];
    if (seen == metadata || (seen != null && seen.equals(metadata))) {
      return seriesMetadataId.getInt(seriesId);
    }
    int id = dictionaries.metadata().intern(metadata);
    seriesSeenStrings[4 * seriesId + 3] = metadata;
    seriesMetadataId.set(seriesId, id);
    return id;
  }

  /**
   * Returns the tie ordinal the next row of {@code seriesId} at {@code timestampMillis} gets: 0
   * when no stored row has that series and millisecond, else one more than the largest stored.
   */
  int nextTieOrdinal(int seriesId, long timestampMillis) {
    return ties.next(seriesId, timestampMillis, head);
  }

  /** Appends one row to the head, sealing the head into a chunk when it is full. */
  void append(
      int seriesId,
      long timestampMillis,
      double volume,
      int metadataId,
      long recordedAtMillis,
      long arrival,
      String clientId,
      int tieOrdinal) {
    int row =
        head.append(
            timestampMillis,
            volume,
            seriesId,
            metadataId,
            recordedAtMillis,
            arrival,
            clientId,
            tieOrdinal);
    ties.appended(row, seriesId, timestampMillis, tieOrdinal);
    if (head.size() == chunkRows) {
      seal();
    }
  }

  private void seal() {
    Chunk chunk = ChunkEncoder.encode(head.view(), series.count());
    chunks = Arrays.copyOf(chunks, chunks.length + 1);
    chunks[chunks.length - 1] = chunk;
    sealedSincePublish++;
    head = new RowBuffer(Math.min(chunkRows, 1024));
    ties.headSealed(chunks);
  }

  /** Publishes the current rows as an immutable state for readers. */
  TableState publish() {
    return new TableState(identity, chunks, head.view(), series.columns());
  }

  /** Returns the chunks sealed since the last {@link #publish}, and starts counting again. */
  int takeSealedCount() {
    int sealed = sealedSincePublish;
    sealedSincePublish = 0;
    return sealed;
  }

  /** Returns the sealed chunks, oldest first. */
  Chunk[] chunks() {
    return chunks;
  }

  /**
   * Replaces the sealed chunks (retention), keeping the head, and recomputes what depends on the
   * stored rows (the tie numbering).
   */
  void replaceChunks(Chunk[] kept) {
    chunks = kept;
    ties.chunksDropped(kept, head.view());
  }

  // Registers the next series with known dictionary ids, as seriesOf would have. Series are
  // restored in id order, before any row.
  private void restoreSeries(int resourceId, int projectId, int userId, int sourceId) {
    growBookkeeping(series.intern(resourceId, projectId, userId, sourceId));
  }

  // Installs sealed chunks, after the series and before any row.
  private void restoreChunks(Chunk[] restored) {
    chunks = restored;
    ties.restored(restored);
  }
}
