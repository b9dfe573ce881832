package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.api.internal.CeilometerTime;
import io.meterkit.api.internal.Conditions;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.PyRepr;
import io.meterkit.api.internal.SampleJson;
import io.meterkit.core.Meter;
import io.meterkit.core.NotFoundException;
import io.meterkit.core.Resource;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.ResourceQuery;
import io.meterkit.query.SampleQuery;
import io.meterkit.store.StoredSample;
import io.meterkit.store.spi.StoreSnapshot;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /v2/resources} and {@code GET /v2/resources/{id}}: resources ordered by id, each with
 * the owner, source and flattened metadata of its latest sample, its first and last sample times
 * and its links ({@code self}, then one per meter of the resource, hrefs on the request's
 * application URL with ids and names inserted as they are; a member sees only the meters of its own
 * project's samples).
 *
 * <ul>
 *   <li>The listing takes {@code q} (resource fields, timestamps, metadata), {@code limit}
 *       (1..10000, default 100) and {@code meter_links} (0 leaves out the meter links). With
 *       timestamp terms only resources with a sample in the range are listed, their times and
 *       latest values taken from the samples in the range.
 *   <li>The single resource's id is percent-decoded once more than the path ({@code %252F} names an
 *       id with a {@code /}); an unknown id, or one of another project, is 404 {@code Resource ID
 *       Not Found}.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ResourceListing {
  private final QueryEngine engine;

  ResourceListing(QueryEngine engine) {
    this.engine = engine;
  }

  ApiResponse list(ApiCall call) {
    CeilometerArgs args = CeilometerArgs.of(call.query(), Set.of("q", "limit", "meter_links"));
    int limit =
        ListingLimits.limit(
            args, CeilometerV2Api.DEFAULT_LISTING_LIMIT, CeilometerV2Api.MAX_LISTING_LIMIT);
    boolean meterLinks = args.integer("meter_links").orElse(BigInteger.ONE).signum() != 0;
    SimpleQuery query =
        SimpleQuery.parse(args.terms(), SimpleQuery.Route.RESOURCES, call.principal());
    Optional<Filter> filter = query.filter(call.principal());
    ArrayNode body = Json.array();
    if (filter.isEmpty()) {
      return Json.ok(body);
    }
    StoreSnapshot snapshot = engine.store().snapshot();
    List<Resource> resources =
        query.window.start().isEmpty() && query.window.end().isEmpty()
            ? engine.resources(snapshot, new ResourceQuery(filter.get(), TimeRange.ALL))
            : inRange(snapshot, filter.get(), query.range());
    for (Resource resource : resources) {
      if (body.size() == limit) {
        break;
      }
      body.add(json(call, resource, meterLinks));
    }
    return Json.ok(body);
  }

  ApiResponse one(ApiCall call) {
    CeilometerArgs.of(call.query(), Set.of());
    String id = decodeAgain(call.path("id"));
    Conditions conditions = new Conditions().equal(Dimension.RESOURCE_ID, id);
    Optional<Filter> filter = Access.restrict(call.principal(), conditions).toFilter();
    List<Resource> found =
        filter.isEmpty()
            ? List.of()
            : engine.resources(
                engine.store().snapshot(), new ResourceQuery(filter.get(), TimeRange.ALL));
    if (found.isEmpty()) {
      throw new NotFoundException("Resource " + PyRepr.cut(id) + " Not Found");
    }
    return Json.ok(json(call, found.get(0), true));
  }

  // The resources with a sample in the range, built from those samples.
  private List<Resource> inRange(StoreSnapshot snapshot, Filter filter, TimeRange range) {
    List<StoredSample> samples =
        engine.samples(snapshot, SampleQuery.builder().range(range).filter(filter).build());
    Map<String, Sample> latest = new TreeMap<>();
    Map<String, long[]> extent = new HashMap<>();
    for (StoredSample stored : samples) {
      Sample s = stored.sample();
      latest.merge(s.resourceId(), s, (a, b) -> b.timestampMillis() > a.timestampMillis() ? b : a);
      extent.merge(
          s.resourceId(),
          new long[] {s.timestampMillis(), s.timestampMillis()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    Map<String, List<Meter>> meters = new HashMap<>();
    // The meters of the caller's series only: another project's meters never show in a link.
    for (Resource resource : engine.resources(snapshot, new ResourceQuery(filter, TimeRange.ALL))) {
      if (latest.containsKey(resource.resourceId())) {
        meters.put(resource.resourceId(), resource.meters());
      }
    }
    List<Resource> resources = new ArrayList<>();
    latest.forEach(
        (id, s) ->
            resources.add(
                new Resource(
                    id,
                    s.projectId(),
                    s.userId(),
                    s.source(),
                    extent.get(id)[0],
                    extent.get(id)[1],
                    s.metadata(),
                    meters.getOrDefault(id, List.of()))));
    return resources;
  }

  private static ObjectNode json(ApiCall call, Resource resource, boolean meterLinks) {
    String base = call.request().baseUrl();
    ObjectNode json = Json.object();
    json.put("resource_id", resource.resourceId());
    json.put("project_id", resource.projectId());
    json.put("user_id", resource.userId());
    json.put("source", resource.source());
    json.set("first_sample_timestamp", CeilometerTime.v2Json(resource.firstSampleMillis()));
    json.set("last_sample_timestamp", CeilometerTime.v2Json(resource.lastSampleMillis()));
    json.set("metadata", SampleJson.metadataObject(resource.metadata()));
    ArrayNode links = json.putArray("links");
    links
        .addObject()
        .put("href", base + "/v2/resources/" + resource.resourceId())
        .put("rel", "self");
    if (meterLinks) {
      for (Meter meter : resource.meters()) {
        links
            .addObject()
            .put(
                "href",
                base
                    + "/v2/meters/"
                    + meter.name()
                    + "?q.field=resource_id&q.value="
                    + resource.resourceId())
            .put("rel", meter.name());
      }
    }
    return json;
  }

  private static String decodeAgain(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
