package io.meterkit.api;

import io.meterkit.api.burst.BurstCalculator;
import io.meterkit.api.burst.BurstConfig;
import io.meterkit.api.burst.BurstUsageApi;
import io.meterkit.api.usage.UsageEvents;
import io.meterkit.api.usage.UsageEventsApi;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.SampleQuery;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.store.StoredSample;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A random multi-project data set for the isolation property, and the {@link MeterApi} (all four
 * families, fixed clock) over a store holding all of it, or only what one project owns.
 *
 * <p>Projects {@code proj-a}, {@code proj-b}, {@code proj-c} own resources {@code res-a1...}, users
 * {@code usr-a1...}, sources {@code src-a}, flavors {@code flv-a...}, message ids {@code msg-a-N},
 * and as tenants of the same name location and application events with locations {@code loc-a...},
 * entities {@code ent-a...}, applications {@code app-a...}, amps {@code amp-a...}. Some resources
 * ({@code res-shared-N}), users ({@code usr-shared}), the source {@code openstack} and the flavor
 * {@code m1.small} are used by several projects. Every id of one project only contains its letter,
 * so another project's ids can be told apart in any text.
 */
final class IsolationWorld {
  static final Instant NOW = Instant.parse("2014-11-20T00:00:00Z");
  static final List<String> PROJECTS = List.of("proj-a", "proj-b", "proj-c");

  /** Meter name to type and unit: one schema for every project. */
  static final Map<String, Meter> METERS = meters();

  record Meter(MeterType type, String unit) {}

  /** A location or application event: the tenant and its JSON text. */
  record Event(String tenant, boolean location, String json) {}

  final List<Sample> samples;
  final Set<String> tenants;
  final List<Event> events;

  private IsolationWorld(List<Sample> samples, Set<String> tenants, List<Event> events) {
    this.samples = List.copyOf(samples);
    this.tenants = Set.copyOf(tenants);
    this.events = List.copyOf(events);
  }

  private static Map<String, Meter> meters() {
    Map<String, Meter> meters = new LinkedHashMap<>();
    meters.put("cpu_util", new Meter(MeterType.GAUGE, "%"));
    meters.put("net.in", new Meter(MeterType.DELTA, "B"));
    meters.put("disk.read", new Meter(MeterType.CUMULATIVE, "B"));
    meters.put("cpu", new Meter(MeterType.GAUGE, "MHz"));
    meters.put("mem", new Meter(MeterType.GAUGE, "B"));
    meters.put("no.such.meter", new Meter(MeterType.GAUGE, "x"));
    return meters;
  }

  static String letter(String project) {
    return project.substring("proj-".length());
  }

  /** A random data set. */
  static IsolationWorld random(Random random) {
    List<Sample> samples = new ArrayList<>();
    Set<String> tenants = new TreeSet<>();
    List<Event> events = new ArrayList<>();
    List<String> meterNames = List.copyOf(METERS.keySet()).subList(0, 5);
    for (String project : PROJECTS) {
      String p = letter(project);
      int resources = 1 + random.nextInt(3);
      int users = 1 + random.nextInt(2);
      int count = random.nextInt(25);
      for (int i = 0; i < count; i++) {
        String meter = meterNames.get(random.nextInt(meterNames.size()));
        String resource =
            random.nextInt(6) == 0
                ? "res-shared-" + random.nextInt(2)
                : "res-" + p + (1 + random.nextInt(resources));
        String user =
            random.nextInt(6) == 0 ? "usr-shared" : "usr-" + p + (1 + random.nextInt(users));
        String source = random.nextBoolean() ? "openstack" : "src-" + p;
        String flavor = random.nextBoolean() ? "m1.small" : "flv-" + p + random.nextInt(2);
        samples.add(
            Sample.builder(meter, METERS.get(meter).type(), METERS.get(meter).unit())
                .volume(random.nextInt(5000))
                .timestampMillis(timestamp(random))
                .resourceId(resource)
                .projectId(project)
                .userId(user)
                .source(source)
                .metadata(Map.of("flavor", flavor))
                .messageId(random.nextInt(4) == 0 ? null : "msg-" + p + "-" + i)
                .build());
      }
      if (random.nextInt(4) != 0) {
        tenants.add(project);
        int eventCount = random.nextInt(6);
        for (int i = 0; i < eventCount; i++) {
          boolean location = random.nextBoolean();
          events.add(new Event(project, location, event(random, p, i, location)));
        }
      }
    }
    return new IsolationWorld(samples, tenants, events);
  }

  private static long timestamp(Random random) {
    return NOW.toEpochMilli() - (1 + random.nextInt(10 * 24 * 12)) * 300_000L;
  }

  private static String event(Random random, String p, int i, boolean location) {
    return "{\"user\": \"usr-"
        + p
        + "1\", \"ampId\": \"amp-"
        + p
        + "\", \"applicationId\": \"app-"
        + p
        + random.nextInt(2)
        + (location
            ? "\", \"entityId\": \"ent-"
                + p
                + random.nextInt(3)
                + "\", \"entityType\": \"vm\", \"locationId\": \"loc-"
                + p
                + random.nextInt(2)
            : "")
        + "\", \"state\": \""
        + (random.nextBoolean() ? "RUNNING" : "STOPPED")
        + "\", \"timestamp\": \""
        + Instant.ofEpochMilli(timestamp(random))
        + "\", \"metadata\": {\"size\": \"sz-"
        + p
        + i
        + "\"}}";
  }

  /**
   * The part of this data set a project owns: its samples, its tenant and the tenant's events.
   *
   * @param project the project, or null for nothing
   */
  IsolationWorld ownedBy(String project) {
    List<Sample> owned = new ArrayList<>();
    for (Sample sample : samples) {
      if (project != null && project.equals(sample.projectId())) {
        owned.add(sample);
      }
    }
    Set<String> ownTenants = new HashSet<>();
    if (project != null && tenants.contains(project)) {
      ownTenants.add(project);
    }
    List<Event> ownEvents = new ArrayList<>();
    for (Event event : events) {
      if (event.tenant().equals(project)) {
        ownEvents.add(event);
      }
    }
    return new IsolationWorld(owned, ownTenants, ownEvents);
  }

  private static final Pattern EVENT_ID = Pattern.compile("(usr|amp|app|ent|loc|sz)-[a-z0-9-]+");

  /** Every id the data of {@code project} uses: its name, and the ids of its samples and events. */
  Set<String> idsOf(String project) {
    Set<String> ids = new TreeSet<>();
    if (project == null) {
      return ids;
    }
    ids.add(project);
    for (Sample sample : samples) {
      if (project.equals(sample.projectId())) {
        ids.add(sample.resourceId());
        ids.add(sample.userId());
        ids.add(sample.source());
        ids.add(sample.metadata().get("flavor"));
        if (sample.messageId() != null) {
          ids.add(sample.messageId());
        }
      }
    }
    for (Event event : events) {
      if (event.tenant().equals(project)) {
        Matcher id = EVENT_ID.matcher(event.json());
        while (id.find()) {
          ids.add(id.group());
        }
      }
    }
    return ids;
  }

  /** The ids that only projects other than {@code project} use, to look for in responses. */
  Set<String> foreignIds(String project) {
    Set<String> foreign = new TreeSet<>();
    for (String other : PROJECTS) {
      if (!other.equals(project)) {
        foreign.addAll(idsOf(other));
      }
    }
    foreign.removeAll(idsOf(project));
    foreign.removeAll(List.of("openstack", "m1.small"));
    if (project != null) {
      foreign.remove(project);
    }
    return foreign;
  }

  /** A running API over a store of this data set. */
  Running start() {
    MeterStore store =
        MeterStore.create(
            StoreConfig.builder()
                .clock(Clock.fixed(Instant.parse("2014-11-20T00:00:00Z"), ZoneOffset.UTC))
                .build());
    store.recordAll(samples);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    UsageEvents usage = new UsageEvents(store, UsageEvents.DEFAULT_ACTIVE_STATES, clock);
    tenants.forEach(usage::createTenant);
    BurstConfig burst =
        new BurstConfig(
            Map.of("cpu", new BigDecimal("0.0001"), "mem", new BigDecimal("0.000000001")),
            Map.of(
                "usr-a1",
                Map.of("cpu", new BigDecimal("1000")),
                "usr-shared",
                Map.of("cpu", new BigDecimal("500"))));
    MeterApi api =
        MeterApi.builder(store)
            .clock(clock)
            .family(new UsageEventsApi(usage))
            .family(new BurstUsageApi(new BurstCalculator(store, burst, clock)))
            .build();
    for (Event event : events) {
      Principal tenantAdmin = new Principal("seed", event.tenant(), List.of("admin"));
      String path = event.location() ? "/usage/location" : "/usage/application";
      ApiResponse response =
          api.handle(
              ApiRequest.builder("POST", path).body(event.json()).principal(tenantAdmin).build());
      if (response.status() != 201) {
        throw new IllegalStateException("seeding " + event + " answered " + response);
      }
    }
    return new Running(store, api);
  }

  /** A store and the API over it. */
  static final class Running {
    final MeterStore store;
    final MeterApi api;
    private final QueryEngine engine;

    Running(MeterStore store, MeterApi api) {
      this.store = Objects.requireNonNull(store);
      this.api = Objects.requireNonNull(api);
      this.engine = new QueryEngine(store);
    }

    /** Every stored sample of the projects other than {@code project}, as comparable text. */
    Set<String> samplesNotOf(String project) {
      Set<String> texts = new TreeSet<>();
      for (StoredSample stored : engine.samples(store.snapshot(), SampleQuery.builder().build())) {
        if (!Objects.equals(stored.sample().projectId(), project)) {
          texts.add(stored.toString());
        }
      }
      return texts;
    }
  }
}
