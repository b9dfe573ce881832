package io.meterkit.query;

import static com.google.common.collect.Comparators.lexicographical;
import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import com.google.common.collect.Lists;
import io.meterkit.core.Meter;
import io.meterkit.core.Resource;
import io.meterkit.core.Sample;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The naive reference the engine is tested against: the accepted samples in a list, and every query
 * answered by plain loops over it, written straight from DESIGN.md §2 and the javadoc of {@link
 * StatisticsQuery} and {@link Statistics}. Sums are exact (BigDecimal), means, variances and their
 * roots are computed to 34 digits before the final rounding to double. Not thread-safe.
 */
final class ReferenceQueryEngine {
  private static final Comparator<String> NULLS_FIRST = nullsFirst(naturalOrder());
  private final List<Sample> samples = new ArrayList<>(); // accepted, in arrival order
  private final Set<String> messageIds = new HashSet<>();

  /** Accepts a sample whose message id is set; a message id seen before is a retry, ignored. */
  void record(Sample sample) {
    if (messageIds.add(sample.messageId())) {
      samples.add(sample);
    }
  }

  List<Statistics> statistics(StatisticsQuery q) {
    long offset = q.searchOffsetMillis();
    // Half-open [from, to): gt t starts at t + 1, le t ends at t + 1; the offset widens both.
    long from =
        q.start().map(b -> b.millis() + (b.inclusive() ? 0 : 1) - offset).orElse(Long.MIN_VALUE);
    long to =
        q.end().map(b -> b.millis() + (b.inclusive() ? 1 : 0) + offset).orElse(Long.MAX_VALUE);
    List<Sample> matching = new ArrayList<>();
    for (Sample s : samples) {
      long ts = s.timestampMillis();
      if (s.meterName().equals(q.meter()) && from <= ts && ts < to && accepts(q.filter(), s)) {
        matching.add(s);
      }
    }
    long earliest = matching.stream().mapToLong(Sample::timestampMillis).min().orElse(0);
    long anchor = q.start().map(b -> b.millis() - offset).orElse(earliest);
    long period = q.periodSeconds() * 1000;
    Map<List<Object>, List<Sample>> rows = new LinkedHashMap<>();
    for (Sample s : matching) {
      List<Object> key = new ArrayList<>(); // the bucket start, then the group values
      key.add(
          period == 0
              ? null
              : anchor + Math.floorDiv(s.timestampMillis() - anchor, period) * period);
      q.groupBy().forEach(g -> key.add(groupValue(g, s)));
      rows.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    List<Statistics> result = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Sample>> row : rows.entrySet()) {
      result.add(row(q, (Long) row.getKey().get(0), row.getValue()));
    }
    result.sort(
        comparing(Statistics::periodStartMillis, nullsFirst(naturalOrder()))
            .thenComparing(ReferenceQueryEngine::groupValues, lexicographical(NULLS_FIRST)));
    return result;
  }

  private static String groupValue(GroupBy g, Sample s) {
    return g.dimension() != null ? dimension(s, g.dimension()) : s.metadata().get(g.metadataKey());
  }

  private static List<String> groupValues(Statistics row) {
    return row.groupBy() == null ? List.of() : new ArrayList<>(row.groupBy().values());
  }

  private static Statistics row(StatisticsQuery q, Long bucketStart, List<Sample> rows) {
    long n = rows.size();
    long first = rows.stream().mapToLong(Sample::timestampMillis).min().getAsLong();
    long last = rows.stream().mapToLong(Sample::timestampMillis).max().getAsLong();
    first = Math.max(first, q.start().map(TimeBound::millis).orElse(first)); // bounds as given
    last = Math.min(last, q.end().map(TimeBound::millis).orElse(last));
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    for (Sample s : rows) {
      sum = sum.add(new BigDecimal(s.volume()));
      squares = squares.add(new BigDecimal(s.volume()).pow(2));
    }
    BigDecimal count = BigDecimal.valueOf(n); // population variance: (n sum(v^2) - sum(v)^2) / n^2
    BigDecimal variance =
        count.multiply(squares).subtract(sum.pow(2)).divide(count.pow(2), MathContext.DECIMAL128);
    Map<Dimension, Long> cardinalities = new EnumMap<>(Dimension.class);
    for (Aggregation a : q.aggregations()) {
      if (a.function() == AggregateFunction.CARDINALITY) {
        // Like SQL COUNT(DISTINCT): a sample without the dimension adds no value.
        cardinalities.put(
            a.parameter(),
            rows.stream()
                .map(s -> dimension(s, a.parameter()))
                .filter(Objects::nonNull)
                .distinct()
                .count());
      }
    }
    Map<String, String> groupBy = q.groupBy().isEmpty() ? null : new LinkedHashMap<>();
    for (GroupBy g : q.groupBy()) {
      groupBy.put(g.label(), groupValue(g, rows.get(0)));
    }
    Long start = first <= last ? first : null; // clamping may leave start after end: no durations
    Long end = first <= last ? last : null;
    long period = q.periodSeconds();
    return new Statistics(
        groupBy,
        n,
        sum.doubleValue(),
        sum.divide(count, MathContext.DECIMAL128).doubleValue(),
        rows.stream().mapToDouble(Sample::volume).min().getAsDouble(),
        rows.stream().mapToDouble(Sample::volume).max().getAsDouble(),
        q.computes(AggregateFunction.STDDEV)
            ? variance.sqrt(MathContext.DECIMAL128).doubleValue()
            : null,
        cardinalities,
        rows.get(0).unit(),
        start,
        end,
        start == null ? null : (last - first) / 1000.0,
        period,
        period == 0 ? start : bucketStart,
        period == 0 ? end : (Long) (bucketStart + period * 1000));
  }

  /** Raw samples: in the range, accepted by the filter; newest first, then meter, resource, id. */
  List<Sample> samples(SampleQuery q) {
    List<Sample> result = new ArrayList<>();
    for (Sample s : samples) {
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
    for (Map.Entry<Dimension, Set<String>> e : filter.dimensions().entrySet()) {
      if (!e.getValue().contains(dimension(s, e.getKey()))) {
        return false;
      }
    }
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
