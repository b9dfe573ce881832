package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of {@code README.md}, compiled and run; the test also checks that the document
 * shows exactly the lines between each pair of markers below. Edit both together.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("../README.md");
  private static final Path SOURCE =
      Path.of("src/test/java/io/meterkit/query/ReadmeExampleTest.java");

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
              assertThat(row.sum()).isEqualTo(42.5);
              assertThat(row.avg()).isEqualTo(42.5);
              assertThat(row.min()).isEqualTo(42.5);
              assertThat(row.max()).isEqualTo(42.5);
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
    // Ordered by period start, then user. Each user has a sample every 5 minutes whose volume is
    // its minute: the first hour holds minutes 0..55 (12 samples, avg (0 + 55) / 2 = 27.5, max 55),
    // the second 60..115 (12 samples, avg (60 + 115) / 2 = 87.5, max 115).
    assertThat(hourly)
        .extracting(
            row ->
                row.groupBy().get("user_id")
                    + " "
                    + Instant.ofEpochMilli(row.periodStartMillis())
                    + " count="
                    + row.count()
                    + " avg="
                    + row.avg()
                    + " max="
                    + row.max())
        .containsExactly(
            "alice 2014-10-22T00:00:00Z count=12 avg=27.5 max=55.0",
            "bob 2014-10-22T00:00:00Z count=12 avg=27.5 max=55.0",
            "alice 2014-10-22T01:00:00Z count=12 avg=87.5 max=115.0",
            "bob 2014-10-22T01:00:00Z count=12 avg=87.5 max=115.0");
  }

  @Test
  void theReadmeShowsTheSnippetsOfThisTest() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    for (String name : List.of("embed it", "query")) {
      assertThat(readme).as("the README's %s snippet", name).contains(javaBlock(name));
    }
  }

  /** Returns the lines between this file's markers of a snippet, dedented, as a Markdown block. */
  private static String javaBlock(String name) throws IOException {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String marker = "    // --- README: " + name + " ---\n";
    int from = source.indexOf(marker) + marker.length();
    String snippet =
        source
            .substring(from, source.indexOf("    // --- end ---", from))
            .replaceAll("(?m)^    ", "");
    return "```java\n" + snippet + "```\n";
  }
}
