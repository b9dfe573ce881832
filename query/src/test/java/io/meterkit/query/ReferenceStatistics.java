package io.meterkit.query;

import static com.google.common.collect.Comparators.lexicographical;
import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.Violation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The naive reference of {@link QueryEngine#statistics}: plain loops over the visible samples in
 * arrival order, written from the javadoc of {@link StatisticsQuery}, {@link Period} and {@link
 * Statistics}. Sums, shares and integrals are exact (BigDecimal) until the final rounding.
 *
 * <p>Increase and levels are computed per series from its samples sorted by time (a stable sort, so
 * equal timestamps stay in arrival order, and only the last of them is kept). Every interval or
 * level is first cut to the range into a piece; the grid is then chosen from the samples and the
 * pieces, and each piece is split over the buckets it overlaps by the exact overlap. Calendar
 * boundaries are found by stepping day by day (dates) or minute by minute (clock readings) and
 * testing each step, rather than by arithmetic on unit indexes. Not thread-safe.
 */
final class ReferenceStatistics {
  private static final Comparator<String> NULLS_FIRST = nullsFirst(naturalOrder());
  private static final MathContext EXACT = MathContext.DECIMAL128;

  private final StatisticsQuery q;
  private final String unit;
  private final long from;
  private final long to;
  private final List<Sample> matching = new ArrayList<>(); // in range, in arrival order
  private final List<Piece> pieces = new ArrayList<>();
  private final Map<List<Object>, Row> rows = new LinkedHashMap<>();
  private long[] bounds; // the grid: bucket i is [bounds[i], bounds[i + 1]); fixed grids use anchor
  private long anchor;

  /** An increase interval or a level, cut to the range: [start, end) of a group. */
  private record Piece(
      List<String> group, long start, long end, BigDecimal perMilli, boolean level) {}

  /** What one (bucket, group) row collects. */
  private static final class Row {
    final List<Sample> samples = new ArrayList<>();
    BigDecimal increase = BigDecimal.ZERO;
    BigDecimal integralMillis = BigDecimal.ZERO;
    final List<long[]> covered = new ArrayList<>();
  }

  /**
   * @param visible the samples of every meter recorded by the as-of instant, in arrival order
   * @param unit the meter's unit (that of its first sample ever recorded)
   * @param nowMillis the engine's now
   */
  ReferenceStatistics(List<Sample> visible, String unit, StatisticsQuery q, long nowMillis) {
    this.q = q;
    this.unit = unit;
    long offset = q.searchOffsetMillis();
    // Half-open [from, to): gt t starts at t + 1, le t ends at t + 1; the offset widens both.
    this.from =
        q.start().map(b -> b.millis() + (b.inclusive() ? 0 : 1) - offset).orElse(Long.MIN_VALUE);
    this.to =
        q.end().map(b -> b.millis() + (b.inclusive() ? 1 : 0) + offset).orElse(Long.MAX_VALUE);
    Map<List<String>, List<Sample>> series = new LinkedHashMap<>();
    for (Sample s : visible) {
      if (s.meterName().equals(q.meter()) && ReferenceQueryEngine.accepts(q.filter(), s)) {
        if (from <= s.timestampMillis() && s.timestampMillis() < to) {
          matching.add(s);
        }
        series
            .computeIfAbsent(
                Arrays.asList(s.resourceId(), s.projectId(), s.userId(), s.source()),
                k -> new ArrayList<>())
            .add(s);
      }
    }
    long levelEnd = Math.min(to, nowMillis);
    for (List<Sample> one : series.values()) {
      List<Sample> sorted = lastOfEqualTimes(one);
      if (q.computes(AggregateFunction.INCREASE)) {
        increasePieces(sorted);
      }
      if (q.computes(AggregateFunction.INTEGRAL) || q.computes(AggregateFunction.TWA)) {
        levelPieces(sorted, levelEnd);
      }
    }
  }

  /** Returns the rows, or throws what the engine throws for a grid of too many buckets. */
  List<Statistics> rows() {
    if (matching.isEmpty() && pieces.isEmpty()) {
      return List.of();
    }
    chooseGrid();
    for (Sample s : matching) {
      row(bucketOf(s.timestampMillis()), group(s)).samples.add(s);
    }
    for (Piece p : pieces) {
      for (long b = bucketOf(p.start()); b <= bucketOf(p.end() - 1); b++) {
        long overlap = Math.min(p.end(), end(b)) - Math.max(p.start(), start(b));
        Row row = row(b, p.group());
        BigDecimal part = p.perMilli().multiply(BigDecimal.valueOf(overlap));
        if (p.level()) {
          row.integralMillis = row.integralMillis.add(part);
          row.covered.add(new long[] {Math.max(p.start(), start(b)), Math.min(p.end(), end(b))});
        } else {
          row.increase = row.increase.add(part);
        }
      }
    }
    List<Statistics> result = new ArrayList<>();
    rows.forEach((key, row) -> result.add(statistics((Long) key.get(0), key, row)));
    result.sort(
        comparing(Statistics::periodStartMillis, nullsFirst(naturalOrder()))
            .thenComparing(
                r ->
                    r.groupBy() == null ? List.<String>of() : new ArrayList<>(r.groupBy().values()),
                lexicographical(NULLS_FIRST)));
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Series: increase intervals and levels

  private static List<Sample> lastOfEqualTimes(List<Sample> inArrivalOrder) {
    List<Sample> sorted = new ArrayList<>(inArrivalOrder);
    sorted.sort(comparing(Sample::timestampMillis)); // stable: equal times stay in arrival order
    List<Sample> kept = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (i + 1 == sorted.size()
          || sorted.get(i + 1).timestampMillis() != sorted.get(i).timestampMillis()) {
        kept.add(sorted.get(i));
      }
    }
    return kept;
  }

  // Consecutive samples: the last before the range, those inside, the first at or after its end.
  private void increasePieces(List<Sample> sorted) {
    List<Sample> points = new ArrayList<>();
    Sample before = null;
    Sample after = null;
    for (Sample s : sorted) {
      long t = s.timestampMillis();
      if (t < from) {
        before = s;
      } else if (t < to) {
        points.add(s);
      } else if (after == null) {
        after = s;
      }
    }
    if (before != null) {
      points.add(0, before);
    }
    if (after != null) {
      points.add(after);
    }
    for (int i = 1; i < points.size(); i++) {
      Sample s0 = points.get(i - 1);
      Sample s1 = points.get(i);
      double d = s1.volume() < s0.volume() ? s1.volume() : s1.volume() - s0.volume();
      long start = Math.max(s0.timestampMillis(), from);
      long end = Math.min(s1.timestampMillis(), to);
      if (start < end) {
        BigDecimal perMilli =
            new BigDecimal(d)
                .divide(BigDecimal.valueOf(s1.timestampMillis() - s0.timestampMillis()), EXACT);
        pieces.add(new Piece(group(s1), start, end, perMilli, false));
      }
    }
  }

  // A level holds from its sample (from the range start for the one before it) until the next
  // sample, the range end or now.
  private void levelPieces(List<Sample> sorted, long levelEnd) {
    for (int i = 0; i < sorted.size(); i++) {
      Sample s = sorted.get(i);
      long next = i + 1 < sorted.size() ? sorted.get(i + 1).timestampMillis() : Long.MAX_VALUE;
      long start = Math.max(s.timestampMillis(), from);
      long end = Math.min(next, levelEnd);
      if (start < end) {
        pieces.add(new Piece(group(s), start, end, new BigDecimal(s.volume()), true));
      }
    }
  }

  private List<String> group(Sample s) {
    List<String> values = new ArrayList<>();
    for (GroupBy g : q.groupBy()) {
      values.add(
          g.dimension() != null
              ? ReferenceQueryEngine.dimension(s, g.dimension())
              : s.metadata().get(g.metadataKey()));
    }
    return values;
  }

  // ---------------------------------------------------------------------------------------------
  // The grid

  private void chooseGrid() {
    long earliest = Long.MAX_VALUE;
    long latest = Long.MIN_VALUE;
    for (Sample s : matching) {
      earliest = Math.min(earliest, s.timestampMillis());
      latest = Math.max(latest, s.timestampMillis());
    }
    for (Piece p : pieces) {
      earliest = Math.min(earliest, p.start());
      latest = Math.max(latest, p.end() - 1);
    }
    if (q.period().isEmpty()) {
      bounds = new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    } else if (q.period().get() instanceof Period.Calendar calendar) {
      ZoneId zone = q.timeZone().orElse(ZoneOffset.UTC);
      long first = from == Long.MIN_VALUE ? earliest : from;
      long last = to == Long.MAX_VALUE ? latest : to - 1;
      bounds =
          calendar.unit().isTimeOfDay()
              ? clockBounds(calendar, zone, first, last)
              : dateBounds(calendar, zone, first, last);
      if (bounds.length - 1 > StatisticsQuery.MAX_CALENDAR_BUCKETS) {
        throw new InvalidQueryException(
            Violation.of(QueryField.PERIOD, Rule.TOO_MANY, bounds.length - 1, 10_000));
      }
    } else {
      anchor = q.start().map(b -> b.millis() - q.searchOffsetMillis()).orElse(earliest);
    }
  }

  private static long[] dateBounds(Period.Calendar p, ZoneId zone, long first, long last) {
    LocalDate date = Instant.ofEpochMilli(first).atZone(zone).toLocalDate();
    while (!isStart(p, date)) {
      date = date.minusDays(1);
    }
    List<Long> found = new ArrayList<>();
    do {
      if (isStart(p, date)) {
        found.add(date.atStartOfDay(zone).toInstant().toEpochMilli());
      }
      date = date.plusDays(1);
    } while (found.get(found.size() - 1) <= last && found.size() <= 10_001);
    return found.stream().mapToLong(Long::longValue).toArray();
  }

  private static boolean isStart(Period.Calendar p, LocalDate date) {
    long n = p.amount();
    return switch (p.unit()) {
      case DAY -> Math.floorMod(date.toEpochDay(), n) == 0;
      case WEEK ->
          date.getDayOfWeek() == DayOfWeek.MONDAY
              && Math.floorMod((date.toEpochDay() + 3) / 7, n) == 0;
      case MONTH ->
          date.getDayOfMonth() == 1
              && Math.floorMod((date.getYear() - 1970L) * 12 + date.getMonthValue() - 1, n) == 0;
      default -> date.getDayOfYear() == 1 && Math.floorMod(date.getYear() - 1970L, n) == 0;
    };
  }

  // Walks whole UTC minutes: a boundary is a minute at which the zone's clock reads a multiple of
  // the period since 1970-01-01T00:00 (the zones tested have whole-minute offsets).
  private static long[] clockBounds(Period.Calendar p, ZoneId zone, long first, long last) {
    long step = p.amount() * (p.unit() == Period.CalendarUnit.HOUR ? 60L : 1L);
    long minute = Math.floorDiv(first, 60_000L) * 60_000L;
    while (!isReading(zone, minute, step)) {
      minute -= 60_000L;
    }
    List<Long> found = new ArrayList<>();
    do {
      if (isReading(zone, minute, step)) {
        found.add(minute);
      }
      minute += 60_000L;
    } while (found.get(found.size() - 1) <= last && found.size() <= 10_001);
    return found.stream().mapToLong(Long::longValue).toArray();
  }

  private static boolean isReading(ZoneId zone, long instantMillis, long stepMinutes) {
    LocalDateTime local = Instant.ofEpochMilli(instantMillis).atZone(zone).toLocalDateTime();
    long minutes = Math.floorDiv(local.toEpochSecond(ZoneOffset.UTC), 60);
    return local.getSecond() == 0 && Math.floorMod(minutes, stepMinutes) == 0;
  }

  private long bucketOf(long t) {
    if (bounds == null) {
      return Math.floorDiv(t - anchor, q.periodSeconds() * 1000);
    }
    int i = 0;
    while (bounds[i + 1] <= t) {
      i++;
    }
    return i;
  }

  private long start(long bucket) {
    return bounds == null ? anchor + bucket * q.periodSeconds() * 1000 : bounds[(int) bucket];
  }

  private long end(long bucket) {
    return bounds == null ? start(bucket + 1) : bounds[(int) bucket + 1];
  }

  private Row row(long bucket, List<String> group) {
    List<Object> key = new ArrayList<>();
    key.add(q.period().isEmpty() ? null : start(bucket));
    key.add(bucket);
    key.add(group);
    return rows.computeIfAbsent(key, k -> new Row());
  }

  // ---------------------------------------------------------------------------------------------
  // One row

  private Statistics statistics(Long bucketStart, List<Object> key, Row row) {
    List<Sample> samples = row.samples;
    long n = samples.size();
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    for (Sample s : samples) {
      sum = sum.add(new BigDecimal(s.volume()));
      squares = squares.add(new BigDecimal(s.volume()).pow(2));
    }
    Long start = null;
    Long end = null;
    if (n > 0) {
      long first = samples.stream().mapToLong(Sample::timestampMillis).min().getAsLong();
      long last = samples.stream().mapToLong(Sample::timestampMillis).max().getAsLong();
      first = Math.max(first, q.start().map(TimeBound::millis).orElse(first)); // bounds as given
      last = Math.min(last, q.end().map(TimeBound::millis).orElse(last));
      if (first <= last) { // clamping may leave start after end: no durations
        start = first;
        end = last;
      }
    }
    Map<Dimension, Long> cardinalities = new EnumMap<>(Dimension.class);
    Map<Percentile, Double> percentiles = new LinkedHashMap<>();
    List<Double> sorted = samples.stream().map(Sample::volume).sorted().toList();
    for (Aggregation a : q.aggregations()) {
      if (a.function() == AggregateFunction.CARDINALITY) {
        cardinalities.put(
            a.parameter(),
            samples.stream()
                .map(s -> ReferenceQueryEngine.dimension(s, a.parameter()))
                .filter(Objects::nonNull)
                .distinct()
                .count());
      } else if (a.function() == AggregateFunction.PERCENTILE) {
        percentiles.put(a.percentile(), n == 0 ? null : sorted.get(rank(a.percentile(), n) - 1));
      }
    }
    @SuppressWarnings("unchecked")
    List<String> group = (List<String>) key.get(2);
    Map<String, String> groupBy = q.groupBy().isEmpty() ? null : new LinkedHashMap<>();
    for (int i = 0; i < q.groupBy().size(); i++) {
      groupBy.put(q.groupBy().get(i).label(), group.get(i));
    }
    BigDecimal count = BigDecimal.valueOf(Math.max(n, 1));
    // Population variance: (n sum(v^2) - sum(v)^2) / n^2.
    BigDecimal variance = count.multiply(squares).subtract(sum.pow(2)).divide(count.pow(2), EXACT);
    long coveredMillis = unionMillis(row.covered);
    long bucket = (Long) key.get(1);
    boolean period = q.period().isPresent();
    return new Statistics(
        groupBy,
        n,
        sum.doubleValue(),
        n == 0 ? Double.NaN : sum.divide(count, EXACT).doubleValue(),
        n == 0 ? Double.NaN : sorted.get(0),
        n == 0 ? Double.NaN : sorted.get(sorted.size() - 1),
        q.computes(AggregateFunction.STDDEV) && n > 0 ? variance.sqrt(EXACT).doubleValue() : null,
        cardinalities,
        q.computes(AggregateFunction.INCREASE) ? row.increase.doubleValue() : null,
        q.computes(AggregateFunction.INTEGRAL)
            ? row.integralMillis.divide(BigDecimal.valueOf(1000), EXACT).doubleValue()
            : null,
        q.computes(AggregateFunction.TWA) && coveredMillis > 0
            ? row.integralMillis.divide(BigDecimal.valueOf(coveredMillis), EXACT).doubleValue()
            : null,
        percentiles,
        unit,
        start,
        end,
        start == null ? null : (end - start) / 1000.0,
        period ? (end(bucket) - start(bucket)) / 1000 : 0,
        period ? bucketStart : start,
        period ? (Long) end(bucket) : end);
  }

  static int rank(Percentile p, long n) {
    // The smallest rank r with r >= P * n / 100.
    return p.value()
        .multiply(BigDecimal.valueOf(n))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
        .intValueExact();
  }

  private static long unionMillis(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(comparing(i -> i[0]));
    long total = 0;
    long reached = Long.MIN_VALUE;
    for (long[] interval : sorted) {
      long start = Math.max(interval[0], reached);
      if (interval[1] > start) {
        total += interval[1] - start;
      }
      reached = Math.max(reached, interval[1]);
    }
    return total;
  }
}
