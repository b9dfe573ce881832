package io.meterkit.store;

import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.state.MessageIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The obviously correct store the differential tests compare {@link MeterStore} with: a list of
 * stored samples in arrival order, and plain loops.
 *
 * <p>Semantics it pins down, in the words of the store's Javadoc:
 *
 * <ul>
 *   <li>A sample whose message id is already stored (a client id, or an id the store assigned) is a
 *       retry and is ignored; the first one wins. Id-less samples are never de-duplicated.
 *   <li>An id-less sample gets the assigned id of {@link MessageIds#format}: meter ordinal and
 *       series id are dense, in order of first stored appearance; the tie ordinal is the number of
 *       rows already stored with the same series and millisecond.
 *   <li>"Latest" means greatest timestamp, the later arrival winning ties.
 *   <li>{@code recordedAt} is the clock of the call that stored the row, truncated to seconds.
 * </ul>
 *
 * <p>It assumes valid batches (consistent type and unit per meter, no unknown assigned ids, fewer
 * than 4096 rows per series and millisecond); the tests feed it nothing else.
 */
final class ReferenceStore {
  private final List<StoredSample> rows = new ArrayList<>();
  private final Map<String, StoredSample> byId = new HashMap<>();
  private final List<String> meterOrdinals = new ArrayList<>();
  private final Map<String, List<List<String>>> seriesIds = new HashMap<>();
  private final Map<List<Object>, Integer> ties = new HashMap<>(); // rows per (series, millis)

  /** Records a batch; returns the message id of every input sample, as recordAllWithIds does. */
  List<String> recordAll(List<Sample> batch, long clockMillis) {
    List<String> ids = new ArrayList<>();
    for (Sample sample : batch) {
      String id = sample.messageId();
      if (id == null || !byId.containsKey(id)) {
        // Every stored row takes part in the dense ids, with a client id or without.
        int meter = ordinal(meterOrdinals, sample.meterName());
        List<String> key = seriesKey(sample);
        int series =
            ordinal(seriesIds.computeIfAbsent(sample.meterName(), m -> new ArrayList<>()), key);
        int tie = ties.merge(List.of(key, sample.timestampMillis()), 1, Integer::sum) - 1;
        if (id == null && tie > MessageIds.MAX_TIE_ORDINAL) {
          throw new IllegalStateException("the reference does not model overflow ids");
        }
        id = id != null ? id : MessageIds.format(sample.timestampMillis(), tie, meter, series);
        StoredSample row =
            new StoredSample(sample.withMessageId(id), Math.floorDiv(clockMillis, 1000) * 1000);
        rows.add(row);
        byId.put(id, row);
      }
      ids.add(id);
    }
    return ids;
  }

  private static <T> int ordinal(List<T> ordinals, T value) {
    if (!ordinals.contains(value)) {
      ordinals.add(value);
    }
    return ordinals.indexOf(value);
  }

  /** The series of a sample: meter, resource, project, user, source (nulls allowed). */
  static List<String> seriesKey(Sample s) {
    return Arrays.asList(s.meterName(), s.resourceId(), s.projectId(), s.userId(), s.source());
  }

  /** A read-only view of the first {@code count} rows, as a snapshot taken back then saw them. */
  ReferenceStore prefix(int count) {
    ReferenceStore prefix = new ReferenceStore();
    for (StoredSample row : rows.subList(0, count)) {
      prefix.rows.add(row);
      prefix.byId.put(row.sample().messageId(), row);
    }
    return prefix;
  }

  /** Every stored row, in arrival order (a read-only view). */
  List<StoredSample> rows() {
    return Collections.unmodifiableList(rows);
  }

  Optional<StoredSample> sample(String messageId) {
    return Optional.ofNullable(byId.get(messageId));
  }

  List<String> meterNames() {
    return List.copyOf(new TreeSet<>(rows.stream().map(r -> r.sample().meterName()).toList()));
  }

  /** The latest row (greatest timestamp, later arrival wins ties) among {@code candidates}. */
  static StoredSample latest(List<StoredSample> candidates) {
    StoredSample latest = null;
    for (StoredSample row : candidates) {
      if (latest == null || row.sample().timestampMillis() >= latest.sample().timestampMillis()) {
        latest = row;
      }
    }
    return latest;
  }

  List<Meter> meterCatalog() {
    return resources().stream().flatMap(r -> r.meters().stream()).toList();
  }

  List<Resource> resources() {
    Map<String, List<StoredSample>> byResource = new TreeMap<>();
    for (StoredSample row : rows) {
      byResource.computeIfAbsent(row.sample().resourceId(), r -> new ArrayList<>()).add(row);
    }
    List<Resource> resources = new ArrayList<>();
    for (List<StoredSample> resourceRows : byResource.values()) {
      Map<String, List<StoredSample>> byMeter = new TreeMap<>();
      for (StoredSample row : resourceRows) {
        byMeter.computeIfAbsent(row.sample().meterName(), m -> new ArrayList<>()).add(row);
      }
      List<Meter> meters = new ArrayList<>();
      for (List<StoredSample> meterRows : byMeter.values()) {
        Sample s = latest(meterRows).sample();
        meters.add(
            new Meter(
                s.meterName(),
                s.type(),
                s.unit(),
                s.resourceId(),
                s.projectId(),
                s.userId(),
                s.source()));
      }
      Sample latest = latest(resourceRows).sample();
      long first =
          resourceRows.stream().mapToLong(r -> r.sample().timestampMillis()).min().orElseThrow();
      resources.add(
          new Resource(
              latest.resourceId(),
              latest.projectId(),
              latest.userId(),
              latest.source(),
              first,
              latest.timestampMillis(),
              latest.metadata(),
              meters));
    }
    return resources;
  }
}
