package io.meterkit.query;

import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import com.google.common.collect.Lists;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.Meter;
import io.meterkit.core.MeterType;
import io.meterkit.core.QueryField;
import io.meterkit.core.Resource;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The naive reference the engine is tested against: the accepted samples in a list with their
 * recorded-at times, and every query answered by plain loops over it, written straight from the
 * query semantics in query/README.md and the javadoc of {@link StatisticsQuery} and {@link
 * Statistics} (statistics in {@link ReferenceStatistics}). Sums are exact (BigDecimal), means,
 * variances and their roots are computed to 34 digits before the final rounding to double. Not
 * thread-safe.
 */
final class ReferenceQueryEngine {
  private static final Comparator<String> NULLS_FIRST = nullsFirst(naturalOrder());
  private final List<Sample> samples = new ArrayList<>(); // accepted, in arrival order
  private final List<Long> recordedAt = new ArrayList<>(); // of each accepted sample
  private final Set<String> messageIds = new HashSet<>();

  /** Accepts a sample whose message id is set; a message id seen before is a retry, ignored. */
  void record(Sample sample) {
    record(sample, Long.MIN_VALUE);
  }

  /**
   * Accepts a sample recorded at {@code recordedAtMillis} (whole seconds, as the store keeps it); a
   * message id seen before is a retry, ignored.
   */
  void record(Sample sample, long recordedAtMillis) {
    if (messageIds.add(sample.messageId())) {
      samples.add(sample);
      recordedAt.add(recordedAtMillis);
    }
  }

  /**
   * Computes statistics as of the query's as-of instant, with "now" as given; see {@link
   * ReferenceStatistics}. An aggregate needing another meter type is refused as the engine does.
   */
  List<Statistics> statistics(StatisticsQuery q, long nowMillis) {
    Optional<Sample> first =
        samples.stream().filter(s -> s.meterName().equals(q.meter())).findFirst();
    long asOf = q.asOf().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
    List<Statistics> rows =
        new ReferenceStatistics(visible(asOf), first.map(Sample::unit).orElse(""), q, nowMillis)
            .rows();
    // Refused only when the query selects samples, as the engine does.
    for (Aggregation a : q.aggregations()) {
      Optional<MeterType> required = a.function().requiredMeterType();
      if (!rows.isEmpty() && required.isPresent() && first.get().type() != required.get()) {
        throw new InvalidQueryException(
            Violation.of(
                QueryField.AGGREGATE_FUNCTION,
                Rule.UNSUPPORTED,
                first.get().type().wireName(),
                required.get().wireName(),
                a.function().wireName(),
                q.meter()));
      }
    }
    return rows;
  }

  /** The samples recorded at or before {@code asOfMillis}, in arrival order. */
  private List<Sample> visible(long asOfMillis) {
    List<Sample> visible = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      if (recordedAt.get(i) <= asOfMillis) {
        visible.add(samples.get(i));
      }
    }
    return visible;
  }

  /**
   * Raw samples: recorded by the as-of instant, in the range, accepted by the filter; newest first,
   * then meter, resource, id.
   */
  List<Sample> samples(SampleQuery q) {
    List<Sample> result = new ArrayList<>();
    for (Sample s : visible(q.asOf().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE))) {
      long ts = s.timestampMillis();
      boolean inRange = q.range().fromMillis() <= ts && ts < q.range().toMillis();
      if (q.meter().orElse(s.meterName()).equals(s.meterName())
          && inRange
          && accepts(q.filter(), s)) {
        result.add(s);
      }
    }
    result.sort(
        comparing(Sample::timestampMillis)
            .reversed()
            .thenComparing(Sample::meterName)
            .thenComparing(Sample::resourceId)
            .thenComparing(Sample::messageId));
    return result.subList(0, Math.min(q.limit(), result.size()));
  }

  SortedSet<String> values(Dimension dimension, Filter filter) {
    SortedSet<String> values = new TreeSet<>();
    for (Sample s : acceptedSamples(filter)) {
      Optional.ofNullable(dimension(s, dimension)).ifPresent(values::add);
    }
    return values;
  }

  /** One entry per (meter, resource), owned like the latest accepted sample of the pair. */
  List<Meter> meters(Filter filter) {
    List<Meter> meters = new ArrayList<>();
    for (List<Sample> pair :
        group(acceptedSamples(filter), s -> List.of(s.meterName(), s.resourceId())).values()) {
      Sample s = latest(pair);
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
    meters.sort(comparing(Meter::resourceId).thenComparing(Meter::name));
    return meters;
  }

  /** Resources of the accepted samples, kept when their last accepted sample is in range. */
  List<Resource> resources(ResourceQuery q) {
    List<Meter> meters = meters(q.filter()); // sorted by resource, then name
    List<Resource> result = new ArrayList<>();
    for (List<Sample> list : group(acceptedSamples(q.filter()), Sample::resourceId).values()) {
      Sample s = latest(list);
      long first = list.stream().mapToLong(Sample::timestampMillis).min().getAsLong();
      long last = s.timestampMillis();
      if (q.lastSampleRange().fromMillis() <= last && last < q.lastSampleRange().toMillis()) {
        List<Meter> own =
            meters.stream().filter(m -> m.resourceId().equals(s.resourceId())).toList();
        result.add(
            new Resource(
                s.resourceId(),
                s.projectId(),
                s.userId(),
                s.source(),
                first,
                last,
                s.metadata(),
                own));
      }
    }
    result.sort(comparing(Resource::resourceId));
    return result;
  }

  /**
   * The samples, in arrival order, of the series (meter, resource, project, user, source) that the
   * filter accepts: dimensions as for samples, metadata conditions on the series' latest sample.
   */
  private List<Sample> acceptedSamples(Filter filter) {
    Function<Sample, List<String>> series =
        s -> Arrays.asList(s.meterName(), s.resourceId(), s.projectId(), s.userId(), s.source());
    Set<List<String>> accepted = new HashSet<>();
    for (Map.Entry<List<String>, List<Sample>> e : group(samples, series).entrySet()) {
      if (accepts(filter, latest(e.getValue()))) {
        accepted.add(e.getKey());
      }
    }
    return samples.stream().filter(s -> accepted.contains(series.apply(s))).toList();
  }

  /** Groups samples by a key, keeping the order of first appearance and, inside, of the list. */
  private static <K> Map<K, List<Sample>> group(List<Sample> list, Function<Sample, K> key) {
    Map<K, List<Sample>> groups = new LinkedHashMap<>();
    list.forEach(s -> groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s));
    return groups;
  }

  /** The sample with the greatest timestamp; on a tie, the later arrival. */
  private static Sample latest(List<Sample> inArrivalOrder) {
    return Collections.max(Lists.reverse(inArrivalOrder), comparing(Sample::timestampMillis));
  }

  static boolean accepts(Filter filter, Sample s) { // values of one field OR, fields AND
    return acceptsDimensions(filter, s) && acceptsMetadata(filter, s);
  }

  private static boolean acceptsDimensions(Filter filter, Sample s) {
    for (Map.Entry<Dimension, Set<String>> e : filter.dimensions().entrySet()) {
      if (!e.getValue().contains(dimension(s, e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean acceptsMetadata(Filter filter, Sample s) {
    for (Map.Entry<String, List<MetadataMatch>> e : filter.metadata().entrySet()) {
      String stored = s.metadata().get(e.getKey());
      if (stored == null
          || e.getValue().stream().noneMatch(m -> matches(m.type(), stored, m.value()))) {
        return false;
      }
    }
    return true;
  }

  /** Typed comparison of a stored metadata string with a wanted value (DESIGN §2 "Metadata"). */
  static boolean matches(ValueType type, String stored, String wanted) {
    boolean jsonBoolean = stored.equals("true") || stored.equals("false"); // compares ignoring case
    try {
      return switch (type) {
        case INTEGER -> new BigDecimal(stored).compareTo(new BigDecimal(wanted)) == 0;
        case FLOAT -> Double.parseDouble(stored) == Double.parseDouble(wanted);
        case BOOLEAN -> stored.equalsIgnoreCase(wanted); // wanted is true or false, in any case
        case STRING -> stored.equals(wanted) || (jsonBoolean && stored.equalsIgnoreCase(wanted));
      };
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }

  static String dimension(Sample s, Dimension d) {
    return switch (d) {
      case RESOURCE_ID -> s.resourceId();
      case PROJECT_ID -> s.projectId();
      case USER_ID -> s.userId();
      case SOURCE -> s.source();
    };
  }
}
