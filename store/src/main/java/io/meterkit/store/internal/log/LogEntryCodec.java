package io.meterkit.store.internal.log;

import io.meterkit.core.MeterType;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.io.BinaryReader;
import io.meterkit.store.internal.io.BinaryWriter;
import io.meterkit.store.internal.io.CorruptFileException;
import io.meterkit.store.internal.io.StoreFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes and decodes {@link LogEntry log entries}: the payloads of log records. Every {@link
 * IngestLog} shares this encoding; the primitive encodings are those of {@link BinaryWriter}.
 *
 * <h2>Batch entry (type 1): an {@link IngestBatch}</h2>
 *
 * <p>The samples one accepted batch stored (not its retries of ids the store held), in order, each
 * with the message id it came with, and the batch's recorded-at time. (Format version 1 wrote a
 * random id for a row past the last tie ordinal; version 2 writes none and the store derives it
 * when it applies the entry. Both read as a batch to apply.) Strings that repeat (meter names,
 * units, resource, project and user ids, sources, metadata keys and values) are written once per
 * entry in a string table; metadata maps once in a map table.
 *
 * <pre>
 *   int64   recordedAtMillis        the batch's recorded-at, epoch milliseconds
 *   varint  stringCount             then stringCount x string
 *   varint  mapCount                then per map: varint entryCount, then per entry
 *                                   varint keyRef, varint valueRef (indexes into the strings)
 *   varint  sampleCount             then per sample, in order:
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
 *     optional string clientId        null: the sample came without a message id
 * </pre>
 *
 * <h2>Retention entry (type 2): a {@link RetentionChange}</h2>
 *
 * <pre>
 *   int32   meterOrdinal            the meter, or -1 for every meter
 *   int64   cutoffMillis            every sealed chunk whose newest sample is older is dropped
 * </pre>
 *
 * <p>Not thread-safe: an instance reuses its tables from entry to entry, so it belongs to one
 * writer; {@link #decode} is static and stateless.
 */
public final class LogEntryCodec {
  /** The type code of a batch entry. */
  public static final int BATCH = 1;

  /** The type code of a retention entry. */
  public static final int RETENTION = 2;

  private final Map<String, Integer> strings = new HashMap<>();
  private final List<String> stringOrder = new ArrayList<>();
  private final Map<Map<String, String>, Integer> maps = new HashMap<>();
  private final List<Map<String, String>> mapOrder = new ArrayList<>();
  private final BinaryWriter rows = new BinaryWriter(1 << 12);

  /** Returns the type code of {@code entry}. */
  public static int typeOf(LogEntry entry) {
    return entry instanceof IngestBatch ? BATCH : RETENTION;
  }

  /** Appends the payload of {@code entry} to {@code out}. */
  public void encode(LogEntry entry, BinaryWriter out) {
    if (entry instanceof IngestBatch batch) {
      encodeBatch(batch, out);
    } else {
      RetentionChange retention = (RetentionChange) entry;
      out.writeInt(retention.meterOrdinal());
      out.writeLong(retention.cutoffMillis());
    }
  }

  /**
   * Decodes the payload of an entry of type {@code type}.
   *
   * @throws CorruptFileException when the payload is not a valid entry of that type
   */
  public static LogEntry decode(int type, BinaryReader in) throws CorruptFileException {
    if (type == BATCH) {
      return decodeBatch(in);
    }
    if (type != RETENTION) {
      throw in.corrupt("unknown entry type " + type);
    }
    RetentionChange retention = new RetentionChange(in.readInt(), in.readLong());
    in.expectEnd();
    return retention;
  }

  private void encodeBatch(IngestBatch batch, BinaryWriter out) {
    strings.clear();
    stringOrder.clear();
    maps.clear();
    mapOrder.clear();
    rows.reset();
    long previous = 0;
    for (Sample sample : batch.samples()) {
      rows.writeVarint(ref(sample.meterName()));
      rows.writeByte(StoreFormat.meterTypeCode(sample.type()));
      rows.writeVarint(ref(sample.unit()));
      rows.writeDouble(sample.volume());
      rows.writeZigZag(sample.timestampMillis() - previous);
      previous = sample.timestampMillis();
      rows.writeVarint(ref(sample.resourceId()));
      rows.writeVarint(optionalRef(sample.projectId()));
      rows.writeVarint(optionalRef(sample.userId()));
      rows.writeVarint(optionalRef(sample.source()));
      rows.writeVarint(mapRef(sample.metadata()));
      rows.writeOptionalString(sample.messageId());
    }
    out.writeLong(batch.recordedAtMillis());
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
    out.writeVarint(batch.samples().size());
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

  private static IngestBatch decodeBatch(BinaryReader in) throws CorruptFileException {
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
      int code = in.readByte();
      MeterType type = StoreFormat.meterType(code);
      if (type == null) {
        throw in.corrupt("unknown meter type code " + code);
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
                type,
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
    if (count == 0) {
      throw in.corrupt("a batch entry holds no sample");
    }
    return new IngestBatch(recordedAt, List.of(samples));
  }

  private static String optional(String[] strings, int refPlusOne) {
    return refPlusOne == 0 ? null : strings[refPlusOne - 1];
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String>[] newMapArray(int size) {
    return (Map<String, String>[]) new Map<?, ?>[size];
  }
}
