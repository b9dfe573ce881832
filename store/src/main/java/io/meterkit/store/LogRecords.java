package io.meterkit.store;

import io.meterkit.core.MeterType;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes and decodes the payloads of the two kinds of {@link BatchLog} record. The encodings are
 * those of {@link BinaryWriter}.
 *
 * <h2>Batch record (type 1): what one accepted batch stored</h2>
 *
 * <p>Exactly the rows {@code MeterStore.apply} appended, in the order it appended them: the samples
 * that were not retries, each with the client message id it was stored with (including the random
 * id the store assigns when a tie ordinal overflows), and the batch's recorded-at time. Strings
 * that repeat (meter names, units, resource, project and user ids, sources, metadata keys and
 * values) are written once per record in a string table; metadata maps once in a map table.
 *
 * <pre>
 *   int64   recordedAtMillis        the batch's recorded-at, epoch milliseconds
 *   varint  stringCount             then stringCount x string
 *   varint  mapCount                then per map: varint entryCount, then per entry
 *                                   varint keyRef, varint valueRef (indexes into the strings)
 *   varint  sampleCount             then per sample, in apply order:
 *     varint  meterRef                meter name
 *     byte    type                    0 gauge, 1 delta, 2 cumulative
 *     varint  unitRef
 *     f64     volume
 *     zigzag  timestamp delta         millis minus the previous sample's (the first: minus 0)
 *     varint  resourceRef
 *     varint  projectRef + 1          0: no project
 *     varint  userRef + 1             0: no user
 *     varint  sourceRef + 1           0: no source
 *     varint  mapRef                  index into the maps
 *     optional string clientId        null: the store assigned the id (from the row's coordinates)
 * </pre>
 *
 * <h2>Retention record (type 2): sealed chunks dropped as too old</h2>
 *
 * <pre>
 *   int32   meterOrdinal            the meter, or -1 for every meter
 *   int64   cutoffMillis            every sealed chunk whose newest sample is older is dropped
 * </pre>
 *
 * <p>Thread-safe: the static methods are stateless; a {@link BatchRows} and an {@link Encoder}
 * belong to one writer at a time.
 */
final class LogRecords {
  static final int BATCH = 1;
  static final int RETENTION = 2;

  private static final MeterType[] TYPES = {MeterType.GAUGE, MeterType.DELTA, MeterType.CUMULATIVE};

  private LogRecords() {}

  /** Returns the file code of a meter type: 0 gauge, 1 delta, 2 cumulative. */
  static int typeCode(MeterType type) {
    return switch (type) {
      case GAUGE -> 0;
      case DELTA -> 1;
      case CUMULATIVE -> 2;
    };
  }

  /** Returns the meter type of a file code, or null when the code is unknown. */
  static MeterType typeOf(int code) {
    return code >= 0 && code < TYPES.length ? TYPES[code] : null;
  }

  /** The rows one batch stored, collected by {@code apply} for the log. Reused batch to batch. */
  static final class BatchRows {
    long recordedAtMillis;
    Sample[] samples = new Sample[16];
    String[] clientIds = new String[16];
    int size;

    void reset(long recordedAt) {
      Arrays.fill(samples, 0, size, null);
      Arrays.fill(clientIds, 0, size, null);
      recordedAtMillis = recordedAt;
      size = 0;
    }

    void add(Sample sample, String clientId) {
      if (size == samples.length) {
        samples = Arrays.copyOf(samples, size * 2);
        clientIds = Arrays.copyOf(clientIds, size * 2);
      }
      samples[size] = sample;
      clientIds[size++] = clientId;
    }
  }

  /** Encodes batch payloads, reusing its tables and scratch buffer. One writer at a time. */
  static final class Encoder {
    private final Map<String, Integer> strings = new HashMap<>();
    private final List<String> stringOrder = new ArrayList<>();
    private final Map<Map<String, String>, Integer> maps = new HashMap<>();
    private final List<Map<String, String>> mapOrder = new ArrayList<>();
    private final BinaryWriter rows = new BinaryWriter(1 << 12);

    /** Appends the payload of a batch record for {@code batch} to {@code out}. */
    void encodeBatch(BatchRows batch, BinaryWriter out) {
      strings.clear();
      stringOrder.clear();
      maps.clear();
      mapOrder.clear();
      rows.reset();
      long previous = 0;
      for (int i = 0; i < batch.size; i++) {
        Sample sample = batch.samples[i];
        rows.writeVarint(ref(sample.meterName()));
        rows.writeByte(typeCode(sample.type()));
        rows.writeVarint(ref(sample.unit()));
        rows.writeDouble(sample.volume());
        rows.writeZigZag(sample.timestampMillis() - previous);
        previous = sample.timestampMillis();
        rows.writeVarint(ref(sample.resourceId()));
        rows.writeVarint(optionalRef(sample.projectId()));
        rows.writeVarint(optionalRef(sample.userId()));
        rows.writeVarint(optionalRef(sample.source()));
        rows.writeVarint(mapRef(sample.metadata()));
        rows.writeOptionalString(batch.clientIds[i]);
      }
      out.writeLong(batch.recordedAtMillis);
      out.writeVarint(stringOrder.size());
      for (String value : stringOrder) {
        out.writeString(value);
      }
      out.writeVarint(mapOrder.size());
      for (Map<String, String> map : mapOrder) {
        out.writeVarint(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
          out.writeVarint(strings.get(entry.getKey()));
          out.writeVarint(strings.get(entry.getValue()));
        }
      }
      out.writeVarint(batch.size);
      out.writeAll(rows);
    }

    private int ref(String value) {
      Integer known = strings.get(value);
      if (known != null) {
        return known;
      }
      int id = stringOrder.size();
      strings.put(value, id);
      stringOrder.add(value);
      return id;
    }

    private long optionalRef(String value) {
      return value == null ? 0 : ref(value) + 1L;
    }

    private int mapRef(Map<String, String> map) {
      Integer known = maps.get(map);
      if (known != null) {
        return known;
      }
      for (Map.Entry<String, String> entry : map.entrySet()) {
        ref(entry.getKey());
        ref(entry.getValue());
      }
      int id = mapOrder.size();
      maps.put(map, id);
      mapOrder.add(map);
      return id;
    }
  }

  /** A decoded batch record: the samples to store again, with their client ids, and when. */
  record Batch(long recordedAtMillis, Sample[] samples) {}

  /** Decodes the payload of a batch record. */
  static Batch decodeBatch(BinaryReader in) throws CorruptFileException {
    long recordedAt = in.readLong();
    int stringCount = in.readVarint(in.remaining(), "string count");
    String[] strings = new String[stringCount];
    for (int i = 0; i < stringCount; i++) {
      strings[i] = in.readString();
    }
    int mapCount = in.readVarint(in.remaining(), "map count");
    Map<String, String>[] maps = newMapArray(mapCount);
    for (int i = 0; i < mapCount; i++) {
      int entries = in.readVarint(in.remaining(), "map size");
      TreeMap<String, String> map = new TreeMap<>();
      for (int e = 0; e < entries; e++) {
        map.put(
            strings[in.readVarint(stringCount - 1, "key ref")],
            strings[in.readVarint(stringCount - 1, "value ref")]);
      }
      maps[i] = map;
    }
    int count = in.readVarint(in.remaining(), "sample count");
    Sample[] samples = new Sample[count];
    long timestamp = 0;
    for (int i = 0; i < count; i++) {
      String meter = strings[in.readVarint(stringCount - 1, "meter ref")];
      int type = in.readByte();
      if (type >= TYPES.length) {
        throw in.corrupt("unknown meter type code " + type);
      }
      String unit = strings[in.readVarint(stringCount - 1, "unit ref")];
      double volume = in.readDouble();
      timestamp += in.readZigZag();
      String resource = strings[in.readVarint(stringCount - 1, "resource ref")];
      String project = optional(strings, in.readVarint(stringCount, "project ref"));
      String user = optional(strings, in.readVarint(stringCount, "user ref"));
      String source = optional(strings, in.readVarint(stringCount, "source ref"));
      int mapRef = in.readVarint(mapCount - 1, "map ref");
      String clientId = in.readOptionalString();
      try {
        samples[i] =
            new Sample(
                meter,
                TYPES[type],
                unit,
                volume,
                timestamp,
                resource,
                project,
                user,
                source,
                maps[mapRef],
                clientId);
      } catch (MeterkitException e) {
        throw in.corrupt("sample " + i + " is invalid: " + e.getMessage());
      }
      // The sample holds the map in its canonical immutable form: share that with later samples.
      maps[mapRef] = samples[i].metadata();
    }
    in.expectEnd();
    return new Batch(recordedAt, samples);
  }

  private static String optional(String[] strings, int refPlusOne) {
    return refPlusOne == 0 ? null : strings[refPlusOne - 1];
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String>[] newMapArray(int size) {
    return (Map<String, String>[]) new Map<?, ?>[size];
  }

  /** Appends the payload of a retention record. */
  static void encodeRetention(int meterOrdinal, long cutoffMillis, BinaryWriter out) {
    out.writeInt(meterOrdinal);
    out.writeLong(cutoffMillis);
  }

  /** A decoded retention record. */
  record Retention(int meterOrdinal, long cutoffMillis) {}

  static Retention decodeRetention(BinaryReader in) throws CorruptFileException {
    Retention retention = new Retention(in.readInt(), in.readLong());
    in.expectEnd();
    return retention;
  }
}
