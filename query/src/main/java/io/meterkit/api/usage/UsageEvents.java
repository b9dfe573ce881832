package io.meterkit.api.usage;

import io.meterkit.core.ConflictException;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.NotFoundException;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.GroupBy;
import io.meterkit.query.MetadataMatch;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.SampleQuery;
import io.meterkit.query.StateTime;
import io.meterkit.query.TimeInStateQuery;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoredSample;
import io.meterkit.store.spi.StoreSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The usage-events service: tenants, location and application events, and the usage summaries
 * billing reads, all kept in the one {@link MeterStore} (see {@link Events} for the mapping).
 *
 * <p>Location hours are a time-in-state aggregate: an entity is active from an event whose state is
 * in the active set until the next event of the same (tenant, location, entity) whose state is not;
 * periods are clipped to the window; a location's total is the sum over its entities.
 *
 * <p>Thread-safe: tenant changes are serialised by a lock; everything else relies on the store.
 */
public final class UsageEvents {
  /** The default active states. */
  public static final Set<String> DEFAULT_ACTIVE_STATES = Set.of("RUNNING");

  private final MeterStore store;
  private final QueryEngine engine;
  private final Set<String> activeStates;
  private final Clock clock;
  private final Object tenantLock = new Object();

  /**
   * Creates the service.
   *
   * @param store where events and tenants are stored
   * @param activeStates the states that count as active, e.g. {@code RUNNING}
   * @param clock stamps tenant changes
   */
  public UsageEvents(MeterStore store, Set<String> activeStates, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.engine = new QueryEngine(store);
    this.activeStates = Set.copyOf(activeStates);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (this.activeStates.isEmpty()) {
      throw new IllegalArgumentException("activeStates must name at least one state");
    }
  }

  /**
   * Adds a tenant.
   *
   * @param name the tenant name
   * @throws ConflictException when the tenant exists
   */
  public void createTenant(String name) {
    Events.require("name", name);
    synchronized (tenantLock) {
      StoredSample latest = latestTenantSample(name);
      if (latest != null && latest.sample().volume() == 1) {
        throw new ConflictException(
            "tenant " + MeterkitException.describe(name) + " already exists");
      }
      store.record(Events.tenantSample(name, true, nextTenantMillis(latest)));
    }
  }

  /**
   * Deletes a tenant; its recorded usage stays queryable.
   *
   * @param name the tenant name
   * @throws NotFoundException when no such tenant exists
   */
  public void deleteTenant(String name) {
    synchronized (tenantLock) {
      StoredSample latest = latestTenantSample(name);
      if (latest == null || latest.sample().volume() != 1) {
        throw new NotFoundException(
            "tenant " + MeterkitException.describe(name) + " does not exist");
      }
      store.record(Events.tenantSample(name, false, nextTenantMillis(latest)));
    }
  }

  /**
   * Returns whether a tenant exists (created and not deleted).
   *
   * @param name the tenant name
   * @return true when it exists
   */
  public boolean tenantExists(String name) {
    StoredSample latest = latestTenantSample(name);
    return latest != null && latest.sample().volume() == 1;
  }

  /**
   * Records location events for a tenant, all or nothing.
   *
   * @param tenant the calling tenant
   * @param events the events
   * @return the number stored
   * @throws NotFoundException when the tenant does not exist
   * @throws InvalidSampleException naming {@code events[i]} and the field that breaks a rule
   */
  public int recordLocations(String tenant, List<LocationEvent> events) {
    return recordLocations(tenant, events, i -> "events[" + i + "]");
  }

  /** {@link #recordLocations(String, List)}, naming event {@code i} {@code where.apply(i)}. */
  int recordLocations(String tenant, List<LocationEvent> events, IntFunction<String> where) {
    return record(tenant, events, where, Events::toSample);
  }

  /**
   * Records application events for a tenant, all or nothing.
   *
   * @param tenant the calling tenant
   * @param events the events
   * @return the number stored
   * @throws NotFoundException when the tenant does not exist
   * @throws InvalidSampleException naming {@code events[i]} and the field that breaks a rule
   */
  public int recordApplications(String tenant, List<ApplicationEvent> events) {
    return recordApplications(tenant, events, i -> "events[" + i + "]");
  }

  /** {@link #recordApplications(String, List)}, naming event {@code i} {@code where.apply(i)}. */
  int recordApplications(String tenant, List<ApplicationEvent> events, IntFunction<String> where) {
    return record(tenant, events, where, Events::toSample);
  }

  /** Converts one event to its sample, naming it {@code where} in refusals. */
  @FunctionalInterface
  private interface Conversion<E> {
    Sample toSample(String tenant, E event, String where);
  }

  private <E> int record(
      String tenant, List<E> events, IntFunction<String> where, Conversion<E> conversion) {
    requireTenant(tenant);
    List<Sample> samples = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      samples.add(conversion.toSample(tenant, events.get(i), where.apply(i)));
    }
    return store.recordAll(samples);
  }

  /**
   * Sums the active time of every location of a tenant within a window.
   *
   * @param tenant the tenant
   * @param window the half-open window
   * @return one row per location that was active in the window, ordered by location id
   * @throws NotFoundException when the tenant never existed
   */
  public List<LocationHours> locationHours(String tenant, TimeRange window) {
    if (latestTenantSample(tenant) == null) {
      throw new NotFoundException(
          "tenant " + MeterkitException.describe(tenant) + " does not exist");
    }
    TimeInStateQuery query =
        new TimeInStateQuery(
            Events.LOCATION_METER,
            window,
            Filter.builder().equal(Dimension.PROJECT_ID, tenant).build(),
            List.of(GroupBy.metadata("locationId", "locationId")),
            "state",
            activeStates);
    List<LocationHours> hours = new ArrayList<>();
    for (StateTime row : engine.timeInState(store.snapshot(), query)) {
      if (row.activeMillis() > 0) {
        hours.add(
            new LocationHours(
                tenant,
                row.groupBy().get("locationId"),
                window.fromMillis(),
                window.toMillis(),
                row.activeMillis()));
      }
    }
    return hours;
  }

  /**
   * Lists the metadata of a location's events in a window, across tenants.
   *
   * @param locationId the location
   * @param window the half-open window
   * @return the events' tenant, time and metadata, oldest first
   */
  public List<LocationMetadata> locationMetadata(String locationId, TimeRange window) {
    List<LocationMetadata> rows = new ArrayList<>();
    for (StoredSample stored :
        oldestFirst(
            engine.samples(
                SampleQuery.builder()
                    .meter(Events.LOCATION_METER)
                    .range(window)
                    .filter(
                        Filter.builder()
                            .metadata(MetadataMatch.string("locationId", locationId))
                            .build())
                    .build()))) {
      Sample sample = stored.sample();
      rows.add(
          new LocationMetadata(
              sample.projectId(),
              sample.timestampMillis(),
              sample.metadata().get(Events.METADATA_KEY)));
    }
    return rows;
  }

  /**
   * Lists the location events matching every given criterion.
   *
   * @param criteria the criteria; at least one must be given
   * @return the events, oldest first
   * @throws InvalidQueryException when no criterion is given or a field is unknown
   */
  public List<StoredLocationEvent> locations(LocationCriteria criteria) {
    if (criteria.tenantId() == null
        && criteria.fields().isEmpty()
        && criteria.startMillis() == Long.MIN_VALUE
        && criteria.endMillis() == Long.MAX_VALUE) {
      throw new InvalidQueryException(
          "at least one of tenantId, ampId, applicationId, entityId, locId, user, entityType, state,"
              + " startTime, endTime is required");
    }
    Filter.Builder filter = Filter.builder();
    if (criteria.tenantId() != null) {
      filter.equal(Dimension.PROJECT_ID, criteria.tenantId());
    }
    for (Map.Entry<String, String> field : criteria.fields().entrySet()) {
      if (!Events.locationFields().contains(field.getKey())) {
        throw new InvalidQueryException(
            "unknown location event field " + MeterkitException.describe(field.getKey()));
      }
      filter.metadata(MetadataMatch.string(field.getKey(), field.getValue()));
    }
    List<StoredLocationEvent> events = new ArrayList<>();
    for (StoredSample stored :
        oldestFirst(
            engine.samples(
                SampleQuery.builder()
                    .meter(Events.LOCATION_METER)
                    .range(new TimeRange(criteria.startMillis(), criteria.endMillis()))
                    .filter(filter.build())
                    .build()))) {
      Sample sample = stored.sample();
      Map<String, String> m = sample.metadata();
      events.add(
          new StoredLocationEvent(
              sample.projectId(),
              new LocationEvent(
                  m.get("user"),
                  m.get("ampId"),
                  m.get("applicationId"),
                  m.get("entityId"),
                  m.get("entityType"),
                  m.get("locationId"),
                  m.get("state"),
                  sample.timestampMillis(),
                  m.get(Events.METADATA_KEY))));
    }
    return events;
  }

  private void requireTenant(String tenant) {
    if (tenant == null || !tenantExists(tenant)) {
      throw new NotFoundException(
          "tenant " + MeterkitException.describe(tenant) + " does not exist");
    }
  }

  private StoredSample latestTenantSample(String name) {
    if (name == null) {
      return null;
    }
    StoreSnapshot snapshot = store.snapshot();
    List<StoredSample> latest =
        engine.samples(
            snapshot,
            SampleQuery.builder()
                .meter(Events.TENANT_METER)
                .filter(Filter.builder().equal(Dimension.RESOURCE_ID, name).build())
                .limit(1)
                .build());
    return latest.isEmpty() ? null : latest.get(0);
  }

  // Tenant changes get strictly increasing timestamps, so "latest" is unambiguous.
  private long nextTenantMillis(StoredSample latest) {
    long now = clock.millis();
    return latest == null ? now : Math.max(now, latest.sample().timestampMillis() + 1);
  }

  private static List<StoredSample> oldestFirst(List<StoredSample> newestFirst) {
    List<StoredSample> reversed = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(reversed);
    return reversed;
  }
}
