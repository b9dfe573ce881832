package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java snippets of README.md, compiled and run; edit both together. */
class ReadmeExampleTest {

  @Test
  void embedItSnippetRecordsAndQueries() {
    // --- README: embed it ---
    MeterStore store = MeterStore.inMemory();
    store.record(
        Sample.builder("cpu_util", MeterType.GAUGE, "%")
            .volume(42.5)
            .timestamp(Instant.parse("2014-10-22T00:00:12Z"))
            .resourceId("vm-1")
            .projectId("project-a")
            .userId("alice")
            .metadata(Map.of("flavor", "m1.small"))
            .build());

    QueryEngine engine = new QueryEngine(store);
    List<Statistics> rows = engine.statistics(StatisticsQuery.builder("cpu_util").build());
    // rows.get(0): count=1, sum=42.5, avg=42.5, min=42.5, max=42.5, unit="%"
    // --- end ---
    assertThat(rows)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.count()).isEqualTo(1);
              assertThat(row.avg()).isEqualTo(42.5);
              assertThat(row.unit()).isEqualTo("%");
            });
  }

  @Test
  void querySnippetGroupsByUserPerHour() {
    MeterStore store = MeterStore.inMemory();
    for (int minute = 0; minute < 120; minute += 5) {
      for (String user : List.of("alice", "bob")) {
        store.record(
            Sample.builder("cpu_util", MeterType.GAUGE, "%")
                .volume(minute)
                .timestampMillis(
                    Instant.parse("2014-10-22T00:00:00Z").toEpochMilli() + minute * 60_000L)
                .resourceId("vm-" + user)
                .projectId("project-a")
                .userId(user)
                .build());
      }
    }
    QueryEngine engine = new QueryEngine(store);
    // --- README: query ---
    List<Statistics> hourly =
        engine.statistics(
            StatisticsQuery.builder("cpu_util")
                .start(TimeBound.inclusive(Instant.parse("2014-10-22T00:00:00Z").toEpochMilli()))
                .end(TimeBound.exclusive(Instant.parse("2014-10-23T00:00:00Z").toEpochMilli()))
                .filter(Filter.builder().equal(Dimension.PROJECT_ID, "project-a").build())
                .groupBy(GroupBy.of(Dimension.USER_ID))
                .periodSeconds(3600)
                .build());
    for (Statistics row : hourly) {
      System.out.printf(
          "%s %s count=%d avg=%.2f max=%.2f%n",
          row.groupBy().get("user_id"),
          Instant.ofEpochMilli(row.periodStartMillis()),
          row.count(),
          row.avg(),
          row.max());
    }
    // --- end ---
    assertThat(hourly).hasSize(4);
    assertThat(hourly.get(0).groupBy()).containsEntry("user_id", "alice");
    assertThat(hourly.get(0).count()).isEqualTo(12);
    assertThat(hourly.get(0).avg()).isEqualTo(27.5);
    assertThat(hourly.get(3).groupBy()).containsEntry("user_id", "bob");
    assertThat(hourly.get(3).max()).isEqualTo(115);
  }
}
