package io.meterkit.query;

import static io.meterkit.query.Fixtures.iso;
import static io.meterkit.query.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.query.Fixtures.EachChunkLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reproduces the example response of K5's v2 meter statistics documentation: statistics of {@code
 * my_meter} (unit {@code %}) grouped by {@code user_id}.
 *
 * <p>The documented request is {@code groupby=user_id&q.field=timestamp&q.op=gt&q.value=
 * 2014-10-22T00:00:00&q.field=timestamp&q.op=lt&q.value=2014-10-23T00:00:00}, but the documented
 * rows end at 2014-10-23T00:59:22 and 00:59:05, up to 59 minutes after that {@code lt} bound.
 * Durations are the first and last sample times clamped to the bounds as given, and samples after
 * an {@code lt} bound are not even searched, so no data can give the documented rows for that exact
 * request. The test asks {@code gt 2014-10-22T00:00:00} with {@code lt 2014-10-23T01:00:00}
 * instead, which the documented rows satisfy, and shows what the literal request gives on the same
 * data.
 *
 * <p>The data: per user, the documented count of samples spread evenly from the documented duration
 * start to its end over a few resources, with volumes whose minimum and maximum are the documented
 * ones and whose sum is the documented one (the others are {@code (sum - min - max) / (count - 2)},
 * alternately plus and minus 0.01). Around them, samples the request must not see: at exactly
 * 2014-10-22T00:00:00 (gt excludes it), at exactly 2014-10-23T01:00:00 (lt excludes it), and of
 * another meter.
 */
class StatisticsK5ExampleTest {
  private static final String METER = "my_meter";
  private static final String USER_A = "f2ee0c983abf4c65aa44b3328b8a484f";
  private static final String USER_B = "0d6293fbdf8948f090b8195bebd8ee8b";

  private static List<Sample> data() {
    List<Sample> samples = new ArrayList<>();
    samples.addAll(
        user(
            USER_A,
            1716,
            "2014-10-22T00:00:12",
            "2014-10-23T00:59:22",
            0.0172413793103448,
            0.314285714285714,
            71.712351983640303,
            3));
    samples.addAll(
        user(
            USER_B,
            905,
            "2014-10-22T00:01:27",
            "2014-10-23T00:59:05",
            0.0280373831775701,
            0.36956521739130399,
            44.242629074575603,
            2));
    samples.add(sample(USER_A, "vm-a0", "2014-10-22T00:00:00", 0.5));
    samples.add(sample(USER_B, "vm-b0", "2014-10-23T01:00:00", 0.5));
    samples.add(
        Sample.builder("cpu_util", MeterType.GAUGE, "%")
            .volume(99)
            .timestampMillis(t("2014-10-22T12:00:00"))
            .resourceId("vm-a0")
            .userId(USER_A)
            .build());
    return samples;
  }

  /** {@code count} samples of one user, evenly from {@code first} to {@code last}. */
  private static List<Sample> user(
      String user,
      int count,
      String first,
      String last,
      double min,
      double max,
      double sum,
      int resources) {
    long from = t(first);
    long span = t(last) - from;
    double typical = (sum - min - max) / (count - 2);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double volume =
          i == 0
              ? min
              : i == 1
                  ? max
                  : i == count - 1 && count % 2 == 1
                      ? typical
                      : typical + (i % 2 == 0 ? 0.01 : -0.01);
      long time = from + Math.round((double) i * span / (count - 1));
      samples.add(sample(user, "vm-" + user.charAt(0) + (i % resources), iso(time), volume));
    }
    return samples;
  }

  private static Sample sample(String user, String resource, String time, double volume) {
    return Sample.builder(METER, MeterType.GAUGE, "%")
        .volume(volume)
        .timestampMillis(t(time))
        .resourceId(resource)
        .projectId("k5-project")
        .userId(user)
        .source("openstack")
        .build();
  }

  @EachChunkLayout
  void groupingByUserGivesTheDocumentedRows(int chunkRows) {
    StatisticsQuery query =
        StatisticsQuery.builder(METER)
            .groupBy(GroupBy.of(Dimension.USER_ID))
            .start(TimeBound.exclusive(t("2014-10-22T00:00:00")))
            .end(TimeBound.exclusive(t("2014-10-23T01:00:00")))
            .build();

    List<Statistics> rows = Fixtures.engine(chunkRows, data()).statistics(query);

    // Ordered by period_start: user A's row (00:00:12) before user B's (00:01:27), although
    // "0d62..." sorts before "f2ee...".
    assertThat(rows).hasSize(2);
    Statistics a = rows.get(0);
    assertThat(a.groupBy()).isEqualTo(Map.of("user_id", USER_A));
    assertThat(a.count()).isEqualTo(1716);
    assertThat(a.durationSeconds()).isEqualTo(89950.0); // 24 h 59 min 10 s
    assertThat(iso(a.durationStartMillis())).isEqualTo("2014-10-22T00:00:12");
    assertThat(iso(a.durationEndMillis())).isEqualTo("2014-10-23T00:59:22");
    assertThat(a.periodSeconds()).isZero();
    assertThat(iso(a.periodStartMillis())).isEqualTo("2014-10-22T00:00:12");
    assertThat(iso(a.periodEndMillis())).isEqualTo("2014-10-23T00:59:22");
    assertThat(a.min()).isEqualTo(0.0172413793103448);
    assertThat(a.max()).isEqualTo(0.314285714285714);
    assertThat(a.sum()).isCloseTo(71.712351983640303, within(71.712351983640303 * 1e-12));
    assertThat(a.avg()).isCloseTo(0.041790414908881302, within(0.041790414908881302 * 1e-12));
    assertThat(a.unit()).isEqualTo("%");

    Statistics b = rows.get(1);
    assertThat(b.groupBy()).isEqualTo(Map.of("user_id", USER_B));
    assertThat(b.count()).isEqualTo(905);
    assertThat(b.durationSeconds()).isEqualTo(89858.0); // 24 h 57 min 38 s
    assertThat(iso(b.durationStartMillis())).isEqualTo("2014-10-22T00:01:27");
    assertThat(iso(b.durationEndMillis())).isEqualTo("2014-10-23T00:59:05");
    assertThat(b.periodSeconds()).isZero();
    assertThat(iso(b.periodStartMillis())).isEqualTo("2014-10-22T00:01:27");
    assertThat(iso(b.periodEndMillis())).isEqualTo("2014-10-23T00:59:05");
    assertThat(b.min()).isEqualTo(0.0280373831775701);
    assertThat(b.max()).isEqualTo(0.36956521739130399);
    assertThat(b.sum()).isCloseTo(44.242629074575603, within(44.242629074575603 * 1e-12));
    assertThat(b.avg()).isCloseTo(0.048886882955332202, within(0.048886882955332202 * 1e-12));
    assertThat(b.unit()).isEqualTo("%");
    assertThat(rows).allSatisfy(row -> assertThat(row.stddev()).isNull());
  }

  @EachChunkLayout
  void theLiteralRequestCannotReachTheDocumentedEnds(int chunkRows) {
    StatisticsQuery query =
        StatisticsQuery.builder(METER)
            .groupBy(GroupBy.of(Dimension.USER_ID))
            .start(TimeBound.exclusive(t("2014-10-22T00:00:00")))
            .end(TimeBound.exclusive(t("2014-10-23T00:00:00")))
            .build();

    List<Statistics> rows = Fixtures.engine(chunkRows, data()).statistics(query);

    // The last hour's samples are outside [gt 00:00:00, lt 2014-10-23T00:00:00): fewer samples,
    // and every row ends before the lt bound.
    assertThat(rows)
        .extracting(Statistics::groupBy)
        .containsExactly(Map.of("user_id", USER_A), Map.of("user_id", USER_B));
    assertThat(rows.get(0).count()).isLessThan(1716);
    assertThat(rows.get(1).count()).isLessThan(905);
    assertThat(rows)
        .allSatisfy(
            row -> assertThat(row.durationEndMillis()).isLessThan(t("2014-10-23T00:00:00")));
  }
}
