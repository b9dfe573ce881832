package io.meterkit.query;

import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shared helpers of the query tests: samples, stores with small chunks, expected rows. */
final class Fixtures {
  /** The meter most golden tests use. */
  static final String CPU = "cpu_util";

  private Fixtures() {}

  /**
   * Runs a test once per store layout: chunks of 8 and 16 rows (many sealed chunks, one row per
   * block), 64, 256 (several blocks of one series in a chunk once it holds more than 128 rows) and
   * the default (everything in the unsealed head).
   */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "chunkRows={0}")
  @ValueSource(ints = {8, 16, 64, 256, StoreConfig.DEFAULT_CHUNK_ROWS})
  @interface EachChunkLayout {}

  /** Parses an ISO-8601 instant (UTC without an offset) to epoch milliseconds. */
  static long t(String iso) {
    return IsoTime.parse(iso, "test timestamp");
  }

  /** Formats epoch milliseconds like the API does; null stays null. */
  static String iso(Long millis) {
    return millis == null ? null : IsoTime.format(millis);
  }

  /** A cpu_util gauge sample of resource r1, project p1, user u1, source openstack. */
  static Sample.Builder cpu(double volume, String iso) {
    return Sample.builder(CPU, MeterType.GAUGE, "%")
        .volume(volume)
        .timestampMillis(t(iso))
        .resourceId("r1")
        .projectId("p1")
        .userId("u1")
        .source("openstack");
  }

  /** The cumulative counter most billing tests use. */
  static final String BYTES = "network.incoming.bytes";

  /** A cumulative network.incoming.bytes sample of resource r1, project p1, user u1. */
  static Sample.Builder bytes(double volume, String iso) {
    return Sample.builder(BYTES, MeterType.CUMULATIVE, "B")
        .volume(volume)
        .timestampMillis(t(iso))
        .resourceId("r1")
        .projectId("p1")
        .userId("u1")
        .source("openstack");
  }

  /** Records the samples one by one, in order, into a store of {@code chunkRows} rows a chunk. */
  static QueryEngine engine(int chunkRows, List<Sample> samples) {
    return engine(chunkRows, Clock.systemUTC(), samples);
  }

  /**
   * Records the samples one by one, in order, into a store of {@code chunkRows} rows a chunk whose
   * clock (recorded-at times, and the engine's now) is {@code clock}.
   */
  static QueryEngine engine(int chunkRows, Clock clock, List<Sample> samples) {
    MeterStore store =
        MeterStore.create(StoreConfig.builder().chunkRows(chunkRows).clock(clock).build());
    for (Sample sample : samples) {
      store.record(sample);
    }
    return new QueryEngine(store);
  }

  /** Builds the samples and records them; see {@link #engine(int, List)}. */
  static QueryEngine engine(int chunkRows, Sample.Builder... samples) {
    return engine(chunkRows, java.util.Arrays.stream(samples).map(Sample.Builder::build).toList());
  }

  /** Parses an ISO-8601 instant with an offset, e.g. {@code 2026-03-29T00:00:00+01:00}. */
  static long at(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant().toEpochMilli();
  }

  /** Starts an expected result row of cpu_util (unit %). */
  static Row row() {
    return new Row();
  }

  /**
   * An expected {@link Statistics} row, spelt with ISO timestamps. Without {@link #period}, the
   * period start and end are the duration start and end, as the engine defines them.
   */
  static final class Row {
    private Map<String, String> groupBy;
    private long count;
    private double sum;
    private double avg;
    private double min;
    private double max;
    private Double stddev;
    private final Map<Dimension, Long> cardinalities = new EnumMap<>(Dimension.class);
    private Double increase;
    private Double integral;
    private Double twa;
    private final Map<Percentile, Double> percentiles = new LinkedHashMap<>();
    private String unit = "%";
    private Long durationStart;
    private Long durationEnd;
    private Double duration;
    private long period;
    private Long periodStart;
    private Long periodEnd;

    /** Sets the group-by map from label, value pairs (a value may be null). */
    Row groupBy(String... labelValuePairs) {
      groupBy = new LinkedHashMap<>();
      for (int i = 0; i < labelValuePairs.length; i += 2) {
        groupBy.put(labelValuePairs[i], labelValuePairs[i + 1]);
      }
      groupBy = Collections.unmodifiableMap(groupBy);
      return this;
    }

    Row values(long count, double sum, double avg, double min, double max) {
      this.count = count;
      this.sum = sum;
      this.avg = avg;
      this.min = min;
      this.max = max;
      return this;
    }

    Row stddev(double value) {
      this.stddev = value;
      return this;
    }

    Row cardinality(Dimension dimension, long distinct) {
      cardinalities.put(dimension, distinct);
      return this;
    }

    Row increase(double value) {
      this.increase = value;
      return this;
    }

    Row integral(double value) {
      this.integral = value;
      return this;
    }

    /** Sets the time-weighted average; null when the group had no level. */
    Row twa(Double value) {
      this.twa = value;
      return this;
    }

    /** Adds percentile P (as given) with its value; null for a row without samples. */
    Row percentile(String p, Double value) {
      percentiles.put(Percentile.of(p), value);
      return this;
    }

    Row unit(String value) {
      this.unit = value;
      return this;
    }

    Row duration(String startIso, String endIso, double seconds) {
      this.durationStart = t(startIso);
      this.durationEnd = t(endIso);
      this.duration = seconds;
      return this;
    }

    /** The row's durations were clamped away: start after end. */
    Row noDuration() {
      this.durationStart = null;
      this.durationEnd = null;
      this.duration = null;
      return this;
    }

    Row period(long seconds, String startIso, String endIso) {
      return period(seconds, t(startIso), t(endIso));
    }

    Row period(long seconds, long startMillis, long endMillis) {
      this.period = seconds;
      this.periodStart = startMillis;
      this.periodEnd = endMillis;
      return this;
    }

    /** A row without samples: count 0, sum 0, NaN mean and extremes, no durations. */
    Row noSamples() {
      return values(0, 0, Double.NaN, Double.NaN, Double.NaN).noDuration();
    }

    Statistics build() {
      return new Statistics(
          groupBy,
          count,
          sum,
          avg,
          min,
          max,
          stddev,
          Collections.unmodifiableMap(new EnumMap<>(cardinalities)),
          increase,
          integral,
          twa,
          Collections.unmodifiableMap(new LinkedHashMap<>(percentiles)),
          unit,
          durationStart,
          durationEnd,
          duration,
          period,
          period == 0 ? durationStart : periodStart,
          period == 0 ? durationEnd : periodEnd);
    }
  }
}
