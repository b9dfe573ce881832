package io.meterkit.store.internal.state;

import io.meterkit.core.Sample;
import io.meterkit.store.StoredSample;
import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.spi.SeriesBlock;

/**
 * The {@link SeriesBlock} flyweight over one block of a {@link Chunk}: reused across the blocks of
 * a scan, so not thread-safe; each scan makes its own.
 */
public final class BlockCursor implements SeriesBlock {
  private final StoreState store;
  private final TableState table;
  private Chunk chunk;
  private int block;
  private Chunk decodedChunk; // the block whose rows sample() decoded last
  private int decodedBlock = -1;
  private final long[] decodedTimestamps = new long[SeriesBlock.MAX_ROWS];
  private final int[] decodedMetadata = new int[SeriesBlock.MAX_ROWS];

  BlockCursor(StoreState store, TableState table) {
    this.store = store;
    this.table = table;
  }

  BlockCursor at(Chunk chunk, int block) {
    this.chunk = chunk;
    this.block = block;
    return this;
  }

  @Override
  public int seriesId() {
    return chunk.blockSeries(block);
  }

  @Override
  public int rowCount() {
    return chunk.blockRows(block);
  }

  @Override
  public long firstTimestampMillis() {
    return chunk.blockFirstMillis(block);
  }

  @Override
  public long lastTimestampMillis() {
    return chunk.blockLastMillis(block);
  }

  @Override
  public double volumeSum() {
    return chunk.blockSum(block);
  }

  @Override
  public double volumeSumCompensation() {
    return chunk.blockSumCompensation(block);
  }

  @Override
  public double volumeMin() {
    return chunk.blockMin(block);
  }

  @Override
  public double volumeMax() {
    return chunk.blockMax(block);
  }

  @Override
  public int constantMetadataId() {
    return chunk.constantMetadataId(block);
  }

  @Override
  public void readTimestamps(long[] target, int offset) {
    chunk.readTimestamps(block, target, offset);
  }

  @Override
  public long latestRecordedAtMillis() {
    return chunk.latestRecordedAtMillis();
  }

  @Override
  public void readRecordedAtMillis(long[] target, int offset) {
    chunk.readRecordedAtMillis(block, target, offset);
  }

  @Override
  public void readVolumes(double[] target, int offset) {
    chunk.readVolumes(block, target, offset);
  }

  @Override
  public void readMetadataIds(int[] target, int offset) {
    chunk.readMetadataIds(block, target, offset);
  }

  @Override
  public StoredSample sample(int row) {
    if (row < 0 || row >= rowCount()) {
      throw new IndexOutOfBoundsException("row " + row + " of a block of " + rowCount());
    }
    if (decodedChunk != chunk || decodedBlock != block) {
      chunk.readTimestamps(block, decodedTimestamps, 0);
      chunk.readMetadataIds(block, decodedMetadata, 0);
      decodedChunk = chunk;
      decodedBlock = block;
    }
    return materialize(
        store, table, chunk, block, row, decodedTimestamps[row], decodedMetadata[row]);
  }

  /** Builds the stored sample of one row whose timestamp and metadata id are already decoded. */
  public static StoredSample materialize(
      StoreState store,
      TableState table,
      Chunk chunk,
      int block,
      int rowInBlock,
      long timestampMillis,
      int metadataId) {
    int row = chunk.blockRowStart(block) + rowInBlock;
    int series = chunk.blockSeries(block);
    String messageId = chunk.clientId(row);
    MeterIdentity meter = table.meter();
    if (messageId == null) {
      messageId =
          MessageIds.format(timestampMillis, chunk.tieOrdinal(row), meter.ordinal(), series);
    }
    Dictionaries dictionaries = store.dictionaries();
    SeriesColumns columns = table.series();
    Sample sample =
        new Sample(
            meter.name(),
            meter.type(),
            meter.unit(),
            chunk.volume(row),
            timestampMillis,
            dictionaries.resources().valueOf(columns.resourceIds()[series]),
            dictionaries.projects().valueOf(columns.projectIds()[series]),
            dictionaries.users().valueOf(columns.userIds()[series]),
            dictionaries.sources().valueOf(columns.sourceIds()[series]),
            dictionaries.metadata().valueOf(metadataId),
            messageId);
    return new StoredSample(sample, chunk.recordedAtMillis(row));
  }
}
