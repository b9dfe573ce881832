package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.internal.Json;
import io.meterkit.query.AggregateFunction;
import io.meterkit.query.Aggregation;
import io.meterkit.query.StatisticsResult;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one statistics row in the shape of the K5 / Ceilometer {@code Statistics} type, reading
 * the row's columns from the {@link StatisticsResult} (no row record is built).
 *
 * <p>Without {@code aggregate.func} the five standard fields are written and there is no {@code
 * aggregate} map, as in the spec's example. With it, only the selected standard fields are written
 * at top level, and every selected aggregate also goes into the {@code aggregate} map under its
 * label ({@code stddev}, {@code cardinality/PARAM}, {@code increase}, {@code integral}, {@code twa}
 * and {@code percentile/P} only there). {@code groupby} is null without group-by; duration fields
 * are null when clamping left nothing or the row has no sample; a value a row does not define (the
 * mean or extremes of a row without samples, twa without a level) is null. With a {@code timezone},
 * {@code period_start} and {@code period_end} carry the zone's offset. Thread-safe: stateless.
 */
final class StatisticsJson {
  private static final Set<AggregateFunction> STANDARD =
      EnumSet.of(
          AggregateFunction.COUNT,
          AggregateFunction.SUM,
          AggregateFunction.AVG,
          AggregateFunction.MIN,
          AggregateFunction.MAX);

  private StatisticsJson() {}

  /**
   * Writes row {@code row} of {@code result}.
   *
   * @param requested the aggregates as requested; empty without {@code aggregate.func}
   * @param zone the requested time zone, or null
   */
  static ObjectNode write(
      StatisticsResult result, int row, List<Aggregation> requested, ZoneId zone) {
    Set<AggregateFunction> top = EnumSet.noneOf(AggregateFunction.class);
    ObjectNode json = Json.object();
    if (requested.isEmpty()) {
      top.addAll(STANDARD);
    } else {
      ObjectNode aggregate = json.putObject("aggregate");
      for (Aggregation aggregation : requested) {
        AggregateFunction function = aggregation.function();
        if (STANDARD.contains(function)) {
          top.add(function);
        }
        put(aggregate, aggregation.label(), aggregation, result, row);
      }
    }
    putIf(json, top, AggregateFunction.AVG, result, row);
    putIf(json, top, AggregateFunction.COUNT, result, row);
    boolean duration = result.hasDuration(row);
    json.put("duration", duration ? result.durationSeconds(row) : null);
    json.set("duration_end", Json.timestamp(duration ? result.durationEndMillis(row) : null));
    json.set("duration_start", Json.timestamp(duration ? result.durationStartMillis(row) : null));
    Map<String, String> groupBy = result.groupBy(row);
    if (groupBy == null) {
      json.putNull("groupby");
    } else {
      ObjectNode labels = json.putObject("groupby");
      groupBy.forEach(labels::put);
    }
    putIf(json, top, AggregateFunction.MAX, result, row);
    putIf(json, top, AggregateFunction.MIN, result, row);
    json.put("period", result.periodSeconds(row));
    boolean bounds = result.hasPeriodBounds(row);
    json.set("period_end", Json.timestamp(bounds ? result.periodEndMillis(row) : null, zone));
    json.set("period_start", Json.timestamp(bounds ? result.periodStartMillis(row) : null, zone));
    putIf(json, top, AggregateFunction.SUM, result, row);
    json.put("unit", result.unit());
    return json;
  }

  private static void putIf(
      ObjectNode json,
      Set<AggregateFunction> top,
      AggregateFunction function,
      StatisticsResult result,
      int row) {
    if (top.contains(function)) {
      put(json, function.wireName(), Aggregation.of(function), result, row);
    }
  }

  private static void put(
      ObjectNode json, String name, Aggregation aggregation, StatisticsResult result, int row) {
    switch (aggregation.function()) {
      case COUNT:
        json.put(name, result.count(row));
        break;
      case SUM:
        json.put(name, result.sum(row));
        break;
      case AVG:
        json.put(name, defined(result.avg(row)));
        break;
      case MIN:
        json.put(name, defined(result.min(row)));
        break;
      case MAX:
        json.put(name, defined(result.max(row)));
        break;
      case STDDEV:
        json.put(name, defined(result.stddev(row)));
        break;
      case CARDINALITY:
        json.put(name, result.cardinality(row, aggregation.parameter()));
        break;
      case INCREASE:
        json.put(name, defined(result.increase(row)));
        break;
      case INTEGRAL:
        json.put(name, defined(result.integral(row)));
        break;
      case TWA:
        json.put(name, defined(result.twa(row)));
        break;
      default:
        json.put(name, defined(result.percentile(row, aggregation.percentile())));
    }
  }

  // JSON has no NaN: a value the row does not define is null.
  private static Double defined(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
