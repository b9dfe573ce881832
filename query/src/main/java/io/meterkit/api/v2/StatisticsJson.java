package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.internal.Json;
import io.meterkit.query.AggregateFunction;
import io.meterkit.query.Aggregation;
import io.meterkit.query.Statistics;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one statistics row in the shape of the K5 / Ceilometer {@code Statistics} type.
 *
 * <p>Without {@code aggregate.func} the five standard fields are written and there is no {@code
 * aggregate} map, as in the spec's example. With it, only the selected standard fields are written
 * at top level, and every selected aggregate also goes into the {@code aggregate} map ({@code
 * stddev} and {@code cardinality/PARAM} only there). {@code groupby} is null without group-by;
 * duration fields are null when clamping left nothing. Thread-safe: stateless.
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

  static ObjectNode write(Statistics row, List<Aggregation> requested) {
    Set<AggregateFunction> top = EnumSet.noneOf(AggregateFunction.class);
    ObjectNode json = Json.object();
    if (requested.isEmpty()) {
      top.addAll(STANDARD);
    } else {
      ObjectNode aggregate = json.putObject("aggregate");
      for (Aggregation aggregation : requested) {
        AggregateFunction function = aggregation.function();
        if (function == AggregateFunction.CARDINALITY) {
          aggregate.put(
              "cardinality/" + aggregation.parameter().fieldName(),
              row.cardinalities().get(aggregation.parameter()));
        } else if (function == AggregateFunction.STDDEV) {
          aggregate.put("stddev", row.stddev());
        } else {
          top.add(function);
          putStandard(aggregate, function, row);
        }
      }
    }
    putIf(json, top, AggregateFunction.AVG, row);
    putIf(json, top, AggregateFunction.COUNT, row);
    json.put("duration", row.durationSeconds());
    json.set("duration_end", Json.timestamp(row.durationEndMillis()));
    json.set("duration_start", Json.timestamp(row.durationStartMillis()));
    if (row.groupBy() == null) {
      json.putNull("groupby");
    } else {
      ObjectNode groupBy = json.putObject("groupby");
      row.groupBy().forEach(groupBy::put);
    }
    putIf(json, top, AggregateFunction.MAX, row);
    putIf(json, top, AggregateFunction.MIN, row);
    json.put("period", row.periodSeconds());
    json.set("period_end", Json.timestamp(row.periodEndMillis()));
    json.set("period_start", Json.timestamp(row.periodStartMillis()));
    putIf(json, top, AggregateFunction.SUM, row);
    json.put("unit", row.unit());
    return json;
  }

  private static void putIf(
      ObjectNode json, Set<AggregateFunction> top, AggregateFunction function, Statistics row) {
    if (top.contains(function)) {
      putStandard(json, function, row);
    }
  }

  private static void putStandard(ObjectNode json, AggregateFunction function, Statistics row) {
    switch (function) {
      case COUNT:
        json.put("count", row.count());
        break;
      case SUM:
        json.put("sum", row.sum());
        break;
      case AVG:
        json.put("avg", row.avg());
        break;
      case MIN:
        json.put("min", row.min());
        break;
      default:
        json.put("max", row.max());
    }
  }
}
