package io.meterkit.examples;

import io.meterkit.api.usage.LocationEvent;
import io.meterkit.api.usage.UsageEvents;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Demo data of the usage families, over the 30 days before "now": the gauges burst billing reads
 * ({@code cpu} in MHz, {@code mem} and {@code dssd} in bytes, {@code ip} as a count, per owner),
 * three tenants, and location events of their entities (RUNNING/STOPPED/STARTING) at a few
 * locations. Deterministic for a given "now" (seeded). Not thread-safe; called once at startup.
 */
final class UsageDemoData {
  private static final long HOUR = 3600 * 1000L;
  private static final long GIB = 1L << 30;
  private static final List<String> OWNERS = List.of("alice", "bob", "carol", "dave");
  private static final List<String> TENANTS = List.of("acme", "globex", "initech");
  private static final List<String> LOCATIONS = List.of("eu-west-1a", "eu-west-1b", "us-east-1a");

  private UsageDemoData() {}

  /**
   * Stores the burst gauges and the usage events.
   *
   * @return the number of samples and events stored
   */
  static long load(MeterStore store, UsageEvents events, long nowMillis) {
    Random random = new Random(7);
    long end = Math.floorDiv(nowMillis, HOUR) * HOUR;
    long start = end - DemoData.DAYS * 24 * HOUR;
    long stored = 0;
    for (int o = 0; o < OWNERS.size(); o++) {
      String owner = OWNERS.get(o);
      List<Sample> gauges = new ArrayList<>();
      double base = 2000.0 * (1 << o);
      for (long t = start; t < end; t += HOUR / 4) {
        // A daily rhythm with bursts above the subscription in the afternoon (UTC).
        double hourOfDay = Math.floorMod(t, 24 * HOUR) / (double) HOUR;
        double load = hourOfDay >= 13 && hourOfDay < 17 ? 2.5 : 0.8;
        gauges.add(
            gauge(
                "cpu",
                "MHz",
                owner,
                "vm-" + owner,
                t,
                Math.round(base * load * (0.9 + 0.2 * random.nextDouble()))));
        gauges.add(gauge("mem", "B", owner, "vm-" + owner, t, Math.round(GIB * (2L << o) * load)));
      }
      gauges.add(gauge("dssd", "B", owner, "vol-" + owner, start, 150.0 * GIB * (o + 1)));
      gauges.add(gauge("ip", "ip", owner, "ip-" + owner, start, 1 + o % 2));
      stored += store.recordAll(gauges);
    }
    for (String tenant : TENANTS) {
      events.createTenant(tenant);
      List<LocationEvent> posted = new ArrayList<>();
      for (int e = 0; e < 4; e++) {
        String entity = tenant + "-entity-" + e;
        String location = LOCATIONS.get(random.nextInt(LOCATIONS.size()));
        for (long t = start + random.nextInt(12) * HOUR;
            t < end;
            t += (6 + random.nextInt(30)) * HOUR) {
          String state = random.nextInt(3) == 0 ? "STOPPED" : "RUNNING";
          posted.add(
              new LocationEvent(
                  "user-" + e,
                  "amp-" + tenant,
                  "app-" + (e % 2),
                  entity,
                  e % 2 == 0 ? "vm" : "container",
                  location,
                  state,
                  t,
                  "{\"region\":\"" + location.substring(0, location.length() - 1) + "\"}"));
        }
      }
      stored += events.recordLocations(tenant, posted);
    }
    return stored;
  }

  private static Sample gauge(
      String meter,
      String unit,
      String owner,
      String resource,
      long timestampMillis,
      double level) {
    return Sample.builder(meter, MeterType.GAUGE, unit)
        .volume(level)
        .timestampMillis(timestampMillis)
        .resourceId(resource)
        .projectId("burst-" + owner)
        .userId(owner)
        .source("demo")
        .build();
  }
}
