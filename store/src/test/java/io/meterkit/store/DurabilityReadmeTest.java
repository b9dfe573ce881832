package io.meterkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java snippet of {@code README.md}, compiled and run; the test also checks that the document
 * shows exactly the lines between the markers below. Edit both together.
 */
class DurabilityReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final Path SOURCE =
      Path.of("src/test/java/io/meterkit/store/DurabilityReadmeTest.java");

  @TempDir Path dataDir;

  @Test
  void theDurabilitySnippetOpensRecordsAndReopens() throws IOException {
    List<Sample> samples =
        List.of(
            Sample.builder("cpu_util", MeterType.GAUGE, "%")
                .volume(42.5)
                .timestampMillis(1_700_000_000_000L)
                .resourceId("vm-1")
                .messageId("sample-1")
                .build());
    // --- README: durability ---
    DurabilityOptions options =
        DurabilityOptions.builder().fsyncEvery(Duration.ofMillis(100)).build();
    try (MeterStore store = MeterStore.open(dataDir, options)) {
      store.recordAll(samples);
    }
    // --- end ---
    try (MeterStore reopened = MeterStore.open(dataDir)) {
      assertThat(reopened.sample("sample-1")).isPresent();
      assertThat(reopened.recordAll(samples)).isZero();
    }
  }

  @Test
  void theReadmeShowsTheSnippetOfThisTest() throws IOException {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String marker = "    // --- README: durability ---\n";
    String snippet =
        source
            .substring(
                source.indexOf(marker) + marker.length(), source.indexOf("    // --- end ---"))
            .replaceAll("(?m)^    ", "");

    assertThat(Files.readString(README, StandardCharsets.UTF_8))
        .contains("```java\n" + snippet + "```\n");
  }
}
