package io.meterkit.api.v2;

import io.meterkit.api.Principal;
import io.meterkit.core.Sample;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.SampleQuery;
import io.meterkit.store.StoredSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The samples a simple query selects, newest first: through the engine, or, for a {@code
 * message_id} term, the one sample of that id when it satisfies the other terms; with an as-of
 * instant, only samples recorded at or before it. Thread-safe: stateless.
 */
final class SampleSelection {
  private SampleSelection() {}

  static List<StoredSample> select(
      QueryEngine engine,
      SimpleQuery query,
      String pathMeter,
      Principal caller,
      int limit,
      Instant asOf) {
    Optional<Filter> filter = query.filter(caller);
    if (filter.isEmpty()) {
      return List.of();
    }
    String meter = pathMeter != null ? pathMeter : query.meter;
    if (query.messageId != null) {
      return engine
          .store()
          .sample(query.messageId)
          .filter(s -> meter == null || s.sample().meterName().equals(meter))
          .filter(s -> query.range().contains(s.sample().timestampMillis()))
          .filter(s -> accepts(filter.get(), s.sample()))
          .filter(s -> asOf == null || s.recordedAtMillis() <= asOf.toEpochMilli())
          .map(List::of)
          .orElse(List.of());
    }
    return engine.samples(
        SampleQuery.builder()
            .meter(meter)
            .range(query.range())
            .filter(filter.get())
            .asOf(asOf)
            .limit(limit)
            .build());
  }

  /** Whether a sample satisfies a filter's dimensions and metadata. */
  static boolean accepts(Filter filter, Sample sample) {
    for (Map.Entry<Dimension, Set<String>> entry : filter.dimensions().entrySet()) {
      if (!entry.getValue().contains(value(sample, entry.getKey()))) {
        return false;
      }
    }
    return filter.acceptsMetadata(sample.metadata());
  }

  static String value(Sample sample, Dimension dimension) {
    switch (dimension) {
      case RESOURCE_ID:
        return sample.resourceId();
      case PROJECT_ID:
        return sample.projectId();
      case USER_ID:
        return sample.userId();
      default:
        return sample.source();
    }
  }
}
