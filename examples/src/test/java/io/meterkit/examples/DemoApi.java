package io.meterkit.examples;

import io.meterkit.api.Authenticator;
import io.meterkit.api.MeterApi;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.api.burst.BurstCalculator;
import io.meterkit.api.burst.BurstConfig;
import io.meterkit.api.burst.BurstUsageApi;
import io.meterkit.api.usage.UsageEvents;
import io.meterkit.api.usage.UsageEventsApi;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** The four API families over an in-memory store holding the demo data, as {@code --demo} has. */
final class DemoApi {
  private DemoApi() {}

  static MeterApi create(Clock clock) {
    return create(clock, TrustedHeaders.fromLoopback());
  }

  /** The demo API whose callers {@code authenticator} names. */
  static MeterApi create(Clock clock, Authenticator authenticator) {
    MeterStore store = MeterStore.inMemory();
    UsageEvents usage = new UsageEvents(store, UsageEvents.DEFAULT_ACTIVE_STATES, clock);
    DemoData.load(store, clock.millis());
    UsageDemoData.load(store, usage, clock.millis());
    return MeterApi.builder(store)
        .clock(clock)
        .authenticator(authenticator)
        .family(new UsageEventsApi(usage))
        .family(new BurstUsageApi(new BurstCalculator(store, demoBurstConfig(), clock)))
        .build();
  }

  private static BurstConfig demoBurstConfig() {
    try (InputStream demo = DemoApi.class.getResourceAsStream("/burst-config-demo.json")) {
      return BurstConfig.parse(new String(demo.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
