package io.meterkit.api.burst;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiFamily;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ErrorRenderer;
import io.meterkit.api.Principal;
import io.meterkit.api.QueryParameters;
import io.meterkit.api.Routes;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.Params;
import io.meterkit.api.internal.TimeWindow;
import io.meterkit.core.ForbiddenException;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.Limits;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.TimeRange;
import io.meterkit.core.Violation;
import io.meterkit.query.TimeBound;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The burst-usage endpoint family over a {@link BurstCalculator}.
 *
 * <ul>
 *   <li>{@code GET /burstusage/} (also {@code /api/2.0/burstusage/}): {@code {"objects": [{"uuid",
 *       "resource_type", "usage", "amount"}]}}, one object per priced resource type, {@code amount}
 *       a JSON number with 20 fraction digits.
 *   <li>{@code GET /dailyburstusage/} (also under {@code /api/2.0/}): {@code {"meta": {"limit",
 *       "offset", "total_count"}, "objects": [{"amount", "date", "resource_type", "usage"}]}}, one
 *       object per (UTC day, priced type), most recent day first, {@code amount} a string with 20
 *       fraction digits; {@code limit} (default 20, 0 for all, at most 1000) and {@code offset}.
 * </ul>
 *
 * <p>The owner is the caller's {@code X-User-Id}; for a member (not an admin) only the owner's
 * gauges in the caller's project ({@code X-Project-Id}) count, so a user of several projects sees
 * each project's usage under that project only. Without a date filter the period is the last 30
 * days, {@code [now - 30 d, now)}. Date filters take {@code YYYY-MM-DD}, a date meaning that day's
 * midnight UTC, so day D is selected by {@code date=X} iff D = X, by {@code date__gt=X} and {@code
 * date__gte=X} iff D &gt;= X, by {@code date__lt=X} iff D &lt; X, by {@code date__lte=X} iff D
 * &lt;= X; filters combine with AND; a date outside 1970-01-01..9999-12-31 (the years of samples)
 * is a 400. With only upper filters the period starts 30 days before the last selected day; with
 * only lower ones it ends now. Filters that select no day because the first selected day comes
 * after the last (e.g. {@code date__gte=2024-05-03&date__lte=2024-05-01}) are a 400 naming both.
 * {@code /burstusage/} sums the selected days. Thread-safe: immutable.
 */
public final class BurstUsageApi implements ApiFamily {
  private static final long DAY_MILLIS = 24 * 3600 * 1000L;
  private static final Set<String> DATE_FILTERS =
      Set.of("date", "date__lt", "date__lte", "date__gt", "date__gte");

  /** The wording of selected days that start after they end. */
  private static final TimeWindow.Words WORDS =
      (start, end) ->
          "the selected days must not start after they end, got: "
              + start.parameter()
              + "="
              + start.text()
              + " and "
              + end.parameter()
              + "="
              + end.text();

  private final BurstCalculator calculator;

  /**
   * Creates the family.
   *
   * @param calculator computes the burst
   */
  public BurstUsageApi(BurstCalculator calculator) {
    this.calculator = Objects.requireNonNull(calculator, "calculator");
  }

  /** Errors in CloudSigma's list form, see {@link CloudSigmaErrors}. */
  @Override
  public ErrorRenderer errorRenderer() {
    return CloudSigmaErrors.INSTANCE;
  }

  /** Misses under the family's paths answer in its form too. */
  @Override
  public boolean owns(String rawPath) {
    return rawPath.startsWith("/burstusage")
        || rawPath.startsWith("/dailyburstusage")
        || rawPath.startsWith("/api/2.0/");
  }

  @Override
  public void register(Routes routes) {
    for (String prefix : List.of("", "/api/2.0")) {
      routes.get(prefix + "/burstusage/", this::burstUsage);
      routes.get(prefix + "/dailyburstusage/", this::dailyBurstUsage);
    }
  }

  private ApiResponse burstUsage(ApiCall call) {
    Params.allowOnly(call.query(), DATE_FILTERS);
    String owner = owner(call.principal());
    String project = project(call.principal());
    ArrayNode objects = Json.array();
    for (PeriodBurst burst : calculator.period(owner, project, period(call.query()))) {
      ObjectNode object = objects.addObject();
      object.put("uuid", burst.uuid());
      object.put("resource_type", burst.resourceType());
      object.put("usage", burst.usage());
      object.put("amount", burst.amount());
    }
    ObjectNode body = Json.object();
    body.set("objects", objects);
    return Json.ok(body);
  }

  private ApiResponse dailyBurstUsage(ApiCall call) {
    Set<String> allowed = new java.util.HashSet<>(DATE_FILTERS);
    allowed.addAll(Set.of("limit", "offset"));
    Params.allowOnly(call.query(), allowed);
    String owner = owner(call.principal());
    String project = project(call.principal());
    int limit = (int) Params.integer(call.query(), "limit", 0, 1000, 20);
    long offset = Params.integer(call.query(), "offset", 0, Integer.MAX_VALUE, 0);
    List<DailyBurst> days = calculator.daily(owner, project, period(call.query()));
    ArrayNode objects = Json.array();
    long end = limit == 0 ? days.size() : Math.min(days.size(), offset + limit);
    for (long i = offset; i < end; i++) {
      DailyBurst day = days.get((int) i);
      ObjectNode object = objects.addObject();
      object.put("amount", day.amount().toPlainString());
      object.put("date", day.date().toString());
      object.put("resource_type", day.resourceType());
      object.put("usage", day.usage());
    }
    ObjectNode body = Json.object();
    body.putObject("meta")
        .put("limit", limit)
        .put("offset", offset)
        .put("total_count", days.size());
    body.set("objects", objects);
    return Json.ok(body);
  }

  private static String owner(Principal caller) {
    if (caller.userId() == null) {
      throw new ForbiddenException(
          "burst usage is reported for the caller, who must be named in "
              + Principal.USER_ID_HEADER);
    }
    return caller.userId();
  }

  // A member counts only the gauges of its project (an admin every project's).
  private static String project(Principal caller) {
    if (caller.isAdmin()) {
      return null;
    }
    if (caller.projectId() == null) {
      throw new ForbiddenException(
          "burst usage of a member counts its project's gauges only; the project must be named in "
              + Principal.PROJECT_ID_HEADER);
    }
    return caller.projectId();
  }

  // The selected days as a half-open window; the last 30 days when no date filter is given.
  // Lower filters are inclusive bounds at the midnight of the first selected day, upper ones
  // exclusive bounds at the midnight after the last.
  private TimeRange period(QueryParameters query) {
    long now = calculator.nowMillis();
    if (DATE_FILTERS.stream().noneMatch(name -> query.single(name).isPresent())) {
      return new TimeRange(now - 30 * DAY_MILLIS, now);
    }
    TimeWindow days = TimeWindow.UNBOUNDED;
    for (String name : List.of("date", "date__gt", "date__gte")) {
      days = days.from(day(query, name, true, 0));
    }
    days = days.until(day(query, "date", false, 1)).until(day(query, "date__lte", false, 1));
    days = days.until(day(query, "date__lt", false, 0)).ordered(WORDS);
    long lastDay =
        days.end()
            .map(bound -> Math.floorDiv(bound.millis(), DAY_MILLIS) - 1)
            .orElse(Math.floorDiv(now, DAY_MILLIS));
    long firstDay =
        days.start().map(bound -> Math.floorDiv(bound.millis(), DAY_MILLIS)).orElse(lastDay - 29);
    // No day selected (date__gte=X&date__lt=X, or only lower filters after today).
    return firstDay > lastDay
        ? new TimeRange(firstDay * DAY_MILLIS, firstDay * DAY_MILLIS)
        : new TimeRange(firstDay * DAY_MILLIS, (lastDay + 1) * DAY_MILLIS);
  }

  // A date filter as a bound at its date's midnight, moved by whole days.
  private static Optional<TimeWindow.Bound> day(
      QueryParameters query, String name, boolean inclusive, int shiftDays) {
    return query
        .single(name)
        .map(
            text -> {
              long midnight = IsoTime.parseDate(text, name);
              if (!Limits.isValidTimestamp(midnight)) {
                throw new InvalidQueryException(
                    Violation.of(
                        new RequestField(name),
                        Rule.OUT_OF_RANGE,
                        text,
                        "1970-01-01",
                        "9999-12-31"),
                    name
                        + " must be a date within 1970-01-01..9999-12-31, got: "
                        + MeterkitException.describe(text));
              }
              return new TimeWindow.Bound(
                  name, text, new TimeBound(midnight + shiftDays * DAY_MILLIS, inclusive));
            });
  }
}
