package io.meterkit.store.internal.state;

import io.meterkit.store.internal.chunk.Chunk;
import io.meterkit.store.internal.chunk.SeriesSummaries;
import io.meterkit.store.spi.ChunkSummary;
import io.meterkit.store.spi.SeriesSelection;

/**
 * The {@link ChunkSummary} flyweight over one {@link Chunk} and the selection of a scan: reused
 * across the chunks of a scan, so not thread-safe; each scan makes its own.
 */
final class ChunkCursor implements ChunkSummary {
  private final SeriesSelection selection;
  private Chunk chunk;
  private SeriesSummaries summary;
  private boolean allSelected;

  ChunkCursor(SeriesSelection selection) {
    this.selection = selection;
  }

  /**
   * Points at {@code chunk}; returns false when it holds no selected series (nothing to offer).
   *
   * @param fewSelected whether the selection is small against the chunk (look up each selected id)
   */
  boolean at(Chunk chunk, boolean fewSelected) {
    this.chunk = chunk;
    this.summary = chunk.summary();
    if (selection.isAll()) {
      allSelected = true;
      return true;
    }
    int selected = 0;
    if (fewSelected) {
      for (int i = 0; i < selection.size(); i++) {
        selected += summary.indexOf(selection.idAt(i)) >= 0 ? 1 : 0;
      }
    } else {
      for (int index = 0; index < summary.seriesCount(); index++) {
        selected += selection.contains(summary.seriesAt(index)) ? 1 : 0;
      }
    }
    allSelected = selected == summary.seriesCount();
    return selected > 0;
  }

  @Override
  public int rowCount() {
    return chunk.rowCount();
  }

  @Override
  public long firstTimestampMillis() {
    return chunk.minMillis();
  }

  @Override
  public long lastTimestampMillis() {
    return chunk.maxMillis();
  }

  @Override
  public double volumeSum() {
    return summary.volumeSum();
  }

  @Override
  public double volumeSumCompensation() {
    return summary.volumeSumCompensation();
  }

  @Override
  public double volumeMin() {
    return summary.volumeMin();
  }

  @Override
  public double volumeMax() {
    return summary.volumeMax();
  }

  @Override
  public int constantMetadataId() {
    return summary.constantMetadataId();
  }

  @Override
  public boolean allSelected() {
    return allSelected;
  }

  @Override
  public int seriesCount() {
    return summary.seriesCount();
  }

  @Override
  public int seriesId(int index) {
    return summary.seriesAt(index);
  }

  @Override
  public int indexOf(int seriesId) {
    return summary.indexOf(seriesId);
  }

  @Override
  public boolean isSelected(int index) {
    return allSelected || selection.contains(summary.seriesAt(index));
  }

  @Override
  public int seriesRowCount(int index) {
    return summary.rows(index);
  }

  @Override
  public long seriesFirstTimestampMillis(int index) {
    return summary.firstMillis(index);
  }

  @Override
  public long seriesLastTimestampMillis(int index) {
    return summary.lastMillis(index);
  }

  @Override
  public double seriesVolumeSum(int index) {
    return summary.sum(index);
  }

  @Override
  public double seriesVolumeSumCompensation(int index) {
    return summary.sumCompensation(index);
  }

  @Override
  public double seriesVolumeMin(int index) {
    return summary.min(index);
  }

  @Override
  public double seriesVolumeMax(int index) {
    return summary.max(index);
  }
}
