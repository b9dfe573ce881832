package io.meterkit.api.burst;

import io.meterkit.core.TimeRange;
import io.meterkit.query.Dimension;
import io.meterkit.query.Filter;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.TimeWeightedQuery;
import io.meterkit.query.WeightedSlot;
import io.meterkit.store.MeterStore;
import io.meterkit.store.spi.StoreSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Computes burst usage from gauge meters named after resource types, with exact decimal amounts.
 *
 * <p>For each UTC 5-minute slot of the window, the owner's level of a resource type is the
 * time-weighted average of the sum of the owner's gauges of that type over the slot (a gauge's
 * value holds from a sample until the next, and after the last one until now); the burst is {@code
 * max(0, level - subscribed)}. The amount is {@code sum(burst * slot hours) * price}, computed
 * exactly from the slot integrals and rounded half-even to 20 fraction digits once, at the end; the
 * usage is the time-weighted average burst over the window, rounded half-up to a whole unit.
 * Thread-safe: stateless apart from its collaborators.
 */
public final class BurstCalculator {
  /** The billing slot: 5 minutes. */
  public static final long SLOT_MILLIS = 5 * 60 * 1000L;

  private static final long DAY_MILLIS = 24 * 3600 * 1000L;
  private static final BigDecimal HOUR_MILLIS = BigDecimal.valueOf(3_600_000L);
  private static final int AMOUNT_SCALE = 20;

  private final MeterStore store;
  private final QueryEngine engine;
  private final BurstPricing pricing;
  private final Clock clock;

  /**
   * Creates a calculator.
   *
   * @param store where the gauges are
   * @param pricing prices and subscriptions
   * @param clock gives "now": levels hold until then, and windows end there
   */
  public BurstCalculator(MeterStore store, BurstPricing pricing, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.engine = new QueryEngine(store);
    this.pricing = Objects.requireNonNull(pricing, "pricing");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns the current instant of the calculator's clock.
   *
   * @return epoch milliseconds UTC
   */
  public long nowMillis() {
    return clock.millis();
  }

  /**
   * Computes the burst of every priced resource type over a window.
   *
   * @param owner the owner (user id)
   * @param window the half-open window; the part after now is ignored
   * @return one entry per priced resource type, sorted by type
   */
  public List<PeriodBurst> period(String owner, TimeRange window) {
    return period(owner, null, window);
  }

  /**
   * Computes the burst of every priced resource type over a window, counting only the gauges of one
   * project.
   *
   * @param owner the owner (user id)
   * @param projectId the project whose gauges count, or null for every project
   * @param window the half-open window; the part after now is ignored
   * @return one entry per priced resource type, sorted by type
   */
  public List<PeriodBurst> period(String owner, String projectId, TimeRange window) {
    long now = clock.millis();
    TimeRange clipped = clip(window, now);
    StoreSnapshot snapshot = store.snapshot();
    List<PeriodBurst> rows = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> price : new TreeMap<>(pricing.prices()).entrySet()) {
      BigDecimal excess = BigDecimal.ZERO;
      for (Excess slot : excess(snapshot, owner, projectId, price.getKey(), clipped, now)) {
        excess = excess.add(slot.valueMillis);
      }
      rows.add(
          new PeriodBurst(
              uuid(owner, price.getKey(), clipped),
              price.getKey(),
              usage(excess, clipped.toMillis() - clipped.fromMillis()),
              amount(excess, price.getValue())));
    }
    return rows;
  }

  /**
   * Computes the burst of every priced resource type per UTC day of a window.
   *
   * @param owner the owner (user id)
   * @param window the half-open window; the part after now is ignored
   * @return one entry per (day touched by the window, priced type), most recent day first, then by
   *     type
   */
  public List<DailyBurst> daily(String owner, TimeRange window) {
    return daily(owner, null, window);
  }

  /**
   * Computes the burst of every priced resource type per UTC day of a window, counting only the
   * gauges of one project.
   *
   * @param owner the owner (user id)
   * @param projectId the project whose gauges count, or null for every project
   * @param window the half-open window; the part after now is ignored
   * @return one entry per (day touched by the window, priced type), most recent day first, then by
   *     type
   */
  public List<DailyBurst> daily(String owner, String projectId, TimeRange window) {
    long now = clock.millis();
    TimeRange clipped = clip(window, now);
    StoreSnapshot snapshot = store.snapshot();
    List<DailyBurst> rows = new ArrayList<>();
    if (clipped.isEmpty()) {
      return rows;
    }
    long firstDay = Math.floorDiv(clipped.fromMillis(), DAY_MILLIS);
    long lastDay = Math.floorDiv(clipped.toMillis() - 1, DAY_MILLIS);
    for (Map.Entry<String, BigDecimal> price : new TreeMap<>(pricing.prices()).entrySet()) {
      BigDecimal[] perDay = new BigDecimal[(int) (lastDay - firstDay + 1)];
      java.util.Arrays.fill(perDay, BigDecimal.ZERO);
      for (Excess slot : excess(snapshot, owner, projectId, price.getKey(), clipped, now)) {
        int day = (int) (Math.floorDiv(slot.startMillis, DAY_MILLIS) - firstDay);
        perDay[day] = perDay[day].add(slot.valueMillis);
      }
      for (int day = 0; day < perDay.length; day++) {
        long dayStart = Math.max((firstDay + day) * DAY_MILLIS, clipped.fromMillis());
        long dayEnd = Math.min((firstDay + day + 1) * DAY_MILLIS, clipped.toMillis());
        rows.add(
            new DailyBurst(
                LocalDate.ofEpochDay(firstDay + day),
                price.getKey(),
                usage(perDay[day], dayEnd - dayStart),
                amount(perDay[day], price.getValue())));
      }
    }
    rows.sort(
        java.util.Comparator.comparing(DailyBurst::date)
            .reversed()
            .thenComparing(DailyBurst::resourceType));
    return rows;
  }

  // Per slot with a level: max(0, integral - subscribed * slot millis), in unit-milliseconds.
  private List<Excess> excess(
      StoreSnapshot snapshot,
      String owner,
      String projectId,
      String resourceType,
      TimeRange window,
      long now) {
    List<Excess> slots = new ArrayList<>();
    if (window.isEmpty()) {
      return slots;
    }
    BigDecimal subscribed = pricing.subscription(owner, resourceType);
    Filter.Builder filter = Filter.builder().equal(Dimension.USER_ID, owner);
    if (projectId != null) {
      filter.equal(Dimension.PROJECT_ID, projectId);
    }
    TimeWeightedQuery query =
        new TimeWeightedQuery(resourceType, window, filter.build(), List.of(), SLOT_MILLIS, now);
    for (WeightedSlot slot : engine.timeWeighted(snapshot, query)) {
      BigDecimal allowance =
          subscribed.multiply(BigDecimal.valueOf(slot.slotEndMillis() - slot.slotStartMillis()));
      BigDecimal above = slot.integral().subtract(allowance);
      if (above.signum() > 0) {
        slots.add(new Excess(slot.slotStartMillis(), above));
      }
    }
    return slots;
  }

  private static long usage(BigDecimal excessUnitMillis, long windowMillis) {
    if (windowMillis <= 0) {
      return 0;
    }
    return excessUnitMillis
        .divide(BigDecimal.valueOf(windowMillis), 0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  private static BigDecimal amount(BigDecimal excessUnitMillis, BigDecimal pricePerUnitHour) {
    return excessUnitMillis
        .multiply(pricePerUnitHour)
        .divide(HOUR_MILLIS, AMOUNT_SCALE, RoundingMode.HALF_EVEN);
  }

  private static TimeRange clip(TimeRange window, long now) {
    long to = Math.min(window.toMillis(), now);
    return to <= window.fromMillis()
        ? new TimeRange(window.fromMillis(), window.fromMillis())
        : new TimeRange(window.fromMillis(), to);
  }

  private static String uuid(String owner, String resourceType, TimeRange window) {
    String name =
        owner + "\n" + resourceType + "\n" + window.fromMillis() + "\n" + window.toMillis();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The excess of one slot. */
  private record Excess(long startMillis, BigDecimal valueMillis) {}
}
