package io.meterkit.api.usage;

import io.meterkit.core.ConflictException;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.NotFoundException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
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
  private static final String LOCATION_ID = EventField.LOCATION_ID.wireName();

  /** The default active states. */
  public static final Set<String> DEFAULT_ACTIVE_STATES = Set.of("RUNNING");

  private final MeterStore store;
  private final QueryEngine engine;
  private final Set<String> activeStates;
  private final Tenants tenants;

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
    this.tenants = new Tenants(store, engine, Objects.requireNonNull(clock, "clock"));
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
    tenants.create(name);
  }

  /**
   * Deletes a tenant; its recorded usage stays queryable.
   *
   * @param name the tenant name
   * @throws NotFoundException when no such tenant exists
   */
  public void deleteTenant(String name) {
    tenants.delete(name);
  }

  /**
   * Returns whether a tenant exists (created and not deleted).
   *
   * @param name the tenant name
   * @return true when it exists
   */
  public boolean tenantExists(String name) {
    return tenants.exists(name);
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

  /** Converts event {@code index} to its sample, naming it {@code where} in refusals. */
  @FunctionalInterface
  private interface Conversion<E> {
    Sample toSample(String tenant, E event, int index, String where);
  }

  private <E> int record(
      String tenant, List<E> events, IntFunction<String> where, Conversion<E> conversion) {
    tenants.require(tenant);
    List<Sample> samples = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      samples.add(conversion.toSample(tenant, events.get(i), i, where.apply(i)));
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
    if (!tenants.everExisted(tenant)) {
      throw Tenants.notFound(tenant);
    }
    TimeInStateQuery query =
        new TimeInStateQuery(
            Events.LOCATION_METER,
            window,
            Filter.builder().equal(Dimension.PROJECT_ID, tenant).build(),
            List.of(GroupBy.metadata(LOCATION_ID, LOCATION_ID)),
            EventField.STATE.wireName(),
            activeStates);
    List<LocationHours> hours = new ArrayList<>();
    for (StateTime row : engine.timeInState(store.snapshot(), query)) {
      if (row.activeMillis() > 0) {
        hours.add(
            new LocationHours(
                tenant,
                row.groupBy().get(LOCATION_ID),
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
                            .metadata(MetadataMatch.string(LOCATION_ID, locationId))
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
   * @throws InvalidQueryException when no criterion is given
   */
  public List<StoredLocationEvent> locations(LocationCriteria criteria) {
    if (criteria.tenantId() == null
        && criteria.fields().isEmpty()
        && criteria.startMillis() == Long.MIN_VALUE
        && criteria.endMillis() == Long.MAX_VALUE) {
      List<String> names = new ArrayList<>();
      names.add("tenantId");
      for (EventField field : EventField.SEARCH_ORDER) {
        names.add(field.parameter());
      }
      names.addAll(List.of("startTime", "endTime"));
      throw new InvalidQueryException(
          new Violation(new RequestField("tenantId"), Rule.REQUIRED, null, names, null),
          "at least one of " + String.join(", ", names) + " is required");
    }
    Filter.Builder filter = Filter.builder();
    if (criteria.tenantId() != null) {
      filter.equal(Dimension.PROJECT_ID, criteria.tenantId());
    }
    criteria
        .fields()
        .forEach((field, value) -> filter.metadata(MetadataMatch.string(field.wireName(), value)));
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
                  m.get(EventField.USER.wireName()),
                  m.get(EventField.AMP_ID.wireName()),
                  m.get(EventField.APPLICATION_ID.wireName()),
                  m.get(EventField.ENTITY_ID.wireName()),
                  m.get(EventField.ENTITY_TYPE.wireName()),
                  m.get(LOCATION_ID),
                  m.get(EventField.STATE.wireName()),
                  sample.timestampMillis(),
                  m.get(Events.METADATA_KEY))));
    }
    return events;
  }

  private static List<StoredSample> oldestFirst(List<StoredSample> newestFirst) {
    List<StoredSample> reversed = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(reversed);
    return reversed;
  }
}
