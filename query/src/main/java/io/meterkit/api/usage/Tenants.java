package io.meterkit.api.usage;

import io.meterkit.core.ConflictException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.NotFoundException;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.SampleQuery;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoredSample;
import java.time.Clock;

/**
 * The tenants of the usage-events service, kept as samples of {@link Events#TENANT_METER}: the
 * latest sample of a name says whether the tenant exists.
 *
 * <p>Thread-safe: creations and deletions are serialised by a lock, so that "check, then record"
 * cannot interleave, and get strictly increasing timestamps, so that "latest" is unambiguous.
 */
final class Tenants {
  private final MeterStore store;
  private final QueryEngine engine;
  private final Clock clock;
  private final Object lock = new Object();

  Tenants(MeterStore store, QueryEngine engine, Clock clock) {
    this.store = store;
    this.engine = engine;
    this.clock = clock;
  }

  void create(String name) {
    Events.require("name", name);
    synchronized (lock) {
      StoredSample latest = latest(name);
      if (Events.exists(latest)) {
        throw new ConflictException(
            "tenant " + MeterkitException.describe(name) + " already exists");
      }
      store.record(Events.tenantSample(name, true, nextMillis(latest)));
    }
  }

  void delete(String name) {
    synchronized (lock) {
      StoredSample latest = latest(name);
      if (!Events.exists(latest)) {
        throw notFound(name);
      }
      store.record(Events.tenantSample(name, false, nextMillis(latest)));
    }
  }

  /** Whether the tenant exists now (created and not deleted). */
  boolean exists(String name) {
    return Events.exists(latest(name));
  }

  /** Whether the tenant was ever created, deleted since or not. */
  boolean everExisted(String name) {
    return latest(name) != null;
  }

  /** Refuses a tenant that does not exist now. */
  void require(String name) {
    if (name == null || !exists(name)) {
      throw notFound(name);
    }
  }

  static NotFoundException notFound(String name) {
    return new NotFoundException("tenant " + MeterkitException.describe(name) + " does not exist");
  }

  private StoredSample latest(String name) {
    if (name == null) {
      return null;
    }
    var latest =
        engine.samples(
            store.snapshot(),
            SampleQuery.builder()
                .meter(Events.TENANT_METER)
                .filter(Filter.builder().equal(Dimension.RESOURCE_ID, name).build())
                .limit(1)
                .build());
    return latest.isEmpty() ? null : latest.get(0);
  }

  private long nextMillis(StoredSample latest) {
    long now = clock.millis();
    return latest == null ? now : Math.max(now, latest.sample().timestampMillis() + 1);
  }
}
