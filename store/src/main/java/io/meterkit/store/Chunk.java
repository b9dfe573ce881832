package io.meterkit.store;

/**
 * An immutable, encoded block of rows of one meter: the unit of storage and of scanning.
 *
 * <h2>Layout</h2>
 *
 * <p>Rows are ordered by series, then by timestamp, then by arrival (a stable sort), and cut into
 * <em>blocks</em>: runs of at most {@link ChunkEncoder#BLOCK_ROWS} consecutive rows of one series.
 * Every block keeps, in parallel primitive arrays indexed by block number (structure of arrays):
 * its series id, first row, first and last timestamp, the volume summary (compensated sum, min,
 * max) and the parameters of its encoded columns. Blocks are sorted by series, so the blocks of one
 * series are found by binary search.
 *
 * <ul>
 *   <li>Timestamps: the first one per block in {@code blockFirstMillis}; the following ones as
 *       deltas to their predecessor, minus the block's smallest delta (frame of reference), packed
 *       in {@code blockTimestampBits} bits each. A series sampled every 5 minutes with a second of
 *       jitter needs 11 bits per row.
 *   <li>Volumes: a plain {@code double[]} in row order.
 *   <li>Metadata ids: minus the block's smallest id, packed per block; a block whose rows share one
 *       metadata map needs 0 bits per row.
 *   <li>Recorded-at: seconds since the chunk's earliest, packed with one width for the chunk.
 *   <li>Client message ids: a {@code String[]} only when some row has one. Tie ordinals (see {@link
 *       MessageIds}) of the rare rows that share their series and millisecond with an earlier row:
 *       two sorted sparse arrays.
 * </ul>
 *
 * <p>Immutable, hence thread-safe once constructed and safely published.
 */
final class Chunk {
  final int rowCount;
  final long minMillis;
  final long maxMillis;

  final int blockCount;
  final int[] blockSeries;
  final int[] blockRowStart; // blockCount + 1 entries
  final long[] blockFirstMillis;
  final long[] blockLastMillis;
  final long[] blockLastArrival; // store-wide arrival number of the block's last (latest) row
  final long[] blockMinDelta;
  final byte[] blockTimestampBits;
  final int[] blockTimestampOffset;
  final double[] blockSum;
  final double[] blockSumCompensation;
  final double[] blockMin;
  final double[] blockMax;
  final int[] blockMetadataBase;
  final byte[] blockMetadataBits;
  final int[] blockMetadataOffset;

  final long[] timestampWords;
  final double[] volumes;
  final long[] metadataWords;
  final long recordedBaseSeconds;
  final int recordedBits;
  final long[] recordedWords;
  final long latestRecordedAtMillis; // the greatest recorded-at of any row
  final String[] clientIds;
  final int[] tieRows;
  final int[] tieOrdinals;

  @SuppressWarnings("checkstyle:ParameterNumber")
  Chunk(ChunkEncoder.Encoded e) {
    this.rowCount = e.rowCount;
    this.minMillis = e.minMillis;
    this.maxMillis = e.maxMillis;
    this.blockCount = e.blockCount;
    this.blockSeries = e.blockSeries;
    this.blockRowStart = e.blockRowStart;
    this.blockFirstMillis = e.blockFirstMillis;
    this.blockLastMillis = e.blockLastMillis;
    this.blockLastArrival = e.blockLastArrival;
    this.blockMinDelta = e.blockMinDelta;
    this.blockTimestampBits = e.blockTimestampBits;
    this.blockTimestampOffset = e.blockTimestampOffset;
    this.blockSum = e.blockSum;
    this.blockSumCompensation = e.blockSumCompensation;
    this.blockMin = e.blockMin;
    this.blockMax = e.blockMax;
    this.blockMetadataBase = e.blockMetadataBase;
    this.blockMetadataBits = e.blockMetadataBits;
    this.blockMetadataOffset = e.blockMetadataOffset;
    this.timestampWords = e.timestampWords;
    this.volumes = e.volumes;
    this.metadataWords = e.metadataWords;
    this.recordedBaseSeconds = e.recordedBaseSeconds;
    this.recordedBits = e.recordedBits;
    this.recordedWords = e.recordedWords;
    long latest = 0;
    for (int row = 0; row < rowCount; row++) {
      latest =
          Math.max(latest, BitPacking.get(recordedWords, (long) row * recordedBits, recordedBits));
    }
    this.latestRecordedAtMillis = (recordedBaseSeconds + latest) * 1000L;
    this.clientIds = e.clientIds;
    this.tieRows = e.tieRows;
    this.tieOrdinals = e.tieOrdinals;
  }

  int blockRows(int block) {
    return blockRowStart[block + 1] - blockRowStart[block];
  }

  /**
   * Returns the first block whose series is {@code >= series} (lower bound), or {@link #blockCount}
   * when there is none.
   */
  int lowerBoundBlock(int series) {
    int low = 0;
    int high = blockCount;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (blockSeries[middle] < series) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Decodes the timestamps of {@code block} into {@code target[offset...]}. */
  void readTimestamps(int block, long[] target, int offset) {
    int rows = blockRows(block);
    long timestamp = blockFirstMillis[block];
    target[offset] = timestamp;
    int width = blockTimestampBits[block];
    long minDelta = blockMinDelta[block];
    if (width == 0) {
      for (int i = 1; i < rows; i++) {
        timestamp += minDelta;
        target[offset + i] = timestamp;
      }
      return;
    }
    long bit = blockTimestampOffset[block];
    long[] words = timestampWords;
    int lastWord = words.length - 1;
    long mask = width == 64 ? -1L : (1L << width) - 1;
    for (int i = 1; i < rows; i++) {
      // The value starts at bit `shift` of words[index] and may continue into the next word.
      // (next << 1) << (63 - shift) is next << (64 - shift) for shift 1..63, and 0 for shift 0
      // (a plain shift by 64 would be a shift by 0), so no branch on straddling is needed.
      int index = (int) (bit >>> 6);
      int shift = (int) (bit & 63);
      long next = index < lastWord ? words[index + 1] : 0L;
      long delta = ((words[index] >>> shift) | ((next << 1) << (63 - shift))) & mask;
      timestamp += minDelta + delta;
      bit += width;
      target[offset + i] = timestamp;
    }
  }

  /** Copies the volumes of {@code block} into {@code target[offset...]}. */
  void readVolumes(int block, double[] target, int offset) {
    int start = blockRowStart[block];
    System.arraycopy(volumes, start, target, offset, blockRowStart[block + 1] - start);
  }

  /** Decodes the metadata ids of {@code block} into {@code target[offset...]}. */
  void readMetadataIds(int block, int[] target, int offset) {
    int rows = blockRows(block);
    int base = blockMetadataBase[block];
    int width = blockMetadataBits[block];
    long bit = blockMetadataOffset[block];
    for (int i = 0; i < rows; i++) {
      target[offset + i] = base + (int) BitPacking.get(metadataWords, bit, width);
      bit += width;
    }
  }

  /** Returns the metadata id shared by every row of {@code block}, or -1 when they differ. */
  int constantMetadataId(int block) {
    return blockMetadataBits[block] == 0 ? blockMetadataBase[block] : -1;
  }

  /** Returns when row {@code row} was recorded, in epoch milliseconds (second precision). */
  long recordedAtMillis(int row) {
    long seconds =
        recordedBaseSeconds
            + BitPacking.get(recordedWords, (long) row * recordedBits, recordedBits);
    return seconds * 1000L;
  }

  /** Decodes the recorded-at times of {@code block} into {@code target[offset...]}. */
  void readRecordedAtMillis(int block, long[] target, int offset) {
    int start = blockRowStart[block];
    int rows = blockRows(block);
    for (int i = 0; i < rows; i++) {
      target[offset + i] = recordedAtMillis(start + i);
    }
  }

  /** Returns the client message id of {@code row}, or null when the store assigned it. */
  String clientId(int row) {
    return clientIds == null ? null : clientIds[row];
  }

  /** Returns the tie ordinal of {@code row}: 0 unless an earlier row has its series and time. */
  int tieOrdinal(int row) {
    if (tieRows == null) {
      return 0;
    }
    int index = java.util.Arrays.binarySearch(tieRows, row);
    return index >= 0 ? tieOrdinals[index] : 0;
  }

  /**
   * Returns the largest tie ordinal among the rows of {@code series} at exactly {@code
   * timestampMillis}, or -1 when there is no such row.
   */
  int maxTieOrdinal(int series, long timestampMillis, long[] scratch) {
    int max = -1;
    if (timestampMillis < minMillis || timestampMillis > maxMillis) {
      return max;
    }
    for (int block = lowerBoundBlock(series);
        block < blockCount && blockSeries[block] == series;
        block++) {
      if (timestampMillis < blockFirstMillis[block] || timestampMillis > blockLastMillis[block]) {
        continue;
      }
      readTimestamps(block, scratch, 0);
      int start = blockRowStart[block];
      int rows = blockRows(block);
      for (int i = 0; i < rows; i++) {
        if (scratch[i] == timestampMillis) {
          max = Math.max(max, tieOrdinal(start + i));
        }
      }
    }
    return max;
  }

  /**
   * Returns an estimate of the heap bytes this chunk retains (arrays and headers), for memory
   * reporting.
   */
  long retainedBytes() {
    long bytes = 16L * 28 + 64; // object header, fields and array headers
    bytes += 4L * blockSeries.length + 4L * blockRowStart.length;
    bytes +=
        8L
            * (blockFirstMillis.length
                + blockLastMillis.length
                + blockLastArrival.length
                + blockMinDelta.length);
    bytes += blockTimestampBits.length + 4L * blockTimestampOffset.length;
    bytes +=
        8L * (blockSum.length + blockSumCompensation.length + blockMin.length + blockMax.length);
    bytes +=
        4L * blockMetadataBase.length + blockMetadataBits.length + 4L * blockMetadataOffset.length;
    bytes += 8L * (timestampWords.length + volumes.length + metadataWords.length);
    bytes += 8L * recordedWords.length;
    if (clientIds != null) {
      bytes += 4L * clientIds.length;
      for (String id : clientIds) {
        bytes += id == null ? 0 : 40 + id.length();
      }
    }
    if (tieRows != null) {
      bytes += 8L * tieRows.length;
    }
    return bytes;
  }
}
