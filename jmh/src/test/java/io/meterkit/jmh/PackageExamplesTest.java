package io.meterkit.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.core.Sample;
import io.meterkit.jmh.peer.DuckDbPeer;
import io.meterkit.jmh.peer.NaiveStore;
import io.meterkit.jmh.peer.ResultRow;
import io.meterkit.jmh.state.DataState;
import io.meterkit.jmh.state.MeterkitState;
import io.meterkit.jmh.state.SampleGenerator;
import io.meterkit.jmh.state.Workload;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The code examples of the jmh packages' javadoc, compiled and run; the test also checks that each
 * {@code package-info.java} shows exactly the lines between the markers below. Edit both together.
 */
class PackageExamplesTest {
  private static final Path SOURCE =
      Path.of("src/test/java/io/meterkit/jmh/PackageExamplesTest.java");
  private static final Path PACKAGES = Path.of("src/main/java/io/meterkit/jmh");

  @Test
  void theStateExampleLoadsTheGeneratedSamplesIntoAStore() {
    // --- state ---
    DataState data = DataState.of(20_000);
    MeterStore store = MeterkitState.load(data.samples());
    // --- end ---
    assertThat(store.snapshot().sampleCount()).isEqualTo(20_000);
  }

  @Test
  void thePeerExampleAnswersQ1OnDuckDb() throws SQLException {
    List<Sample> samples = SampleGenerator.generate(20_000);
    // --- peer ---
    ResultRow q1;
    try (DuckDbPeer duck = DuckDbPeer.open()) {
      duck.load(samples);
      duck.prepare(Workload.forSize(samples.size()));
      q1 = duck.q1();
    }
    // --- end ---
    NaiveStore naive = new NaiveStore();
    naive.addAll(samples);
    DoubleSummaryStatistics expected = naive.q1(Workload.forSize(samples.size()));
    assertThat(q1.count()).isEqualTo(expected.getCount());
    assertThat(q1.max()).isEqualTo(expected.getMax());
  }

  @Test
  void eachPackageInfoShowsTheExampleOfThisTest() throws IOException {
    for (String pkg : List.of("state", "peer")) {
      assertThat(Files.readString(PACKAGES.resolve(pkg).resolve("package-info.java")))
          .as("the example of %s/package-info.java", pkg)
          .contains(javadocCode(snippet(pkg)));
    }
  }

  /** Returns the lines between {@code // --- name ---} and the next end marker, dedented. */
  private static String snippet(String name) throws IOException {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String marker = "    // --- " + name + " ---\n";
    int from = source.indexOf(marker) + marker.length();
    return source
        .substring(from, source.indexOf("    // --- end ---", from))
        .replaceAll("(?m)^    ", "");
  }

  /** Returns code as a javadoc {@code <pre>{@code ...}</pre>} block. */
  private static String javadocCode(String code) {
    return " * <pre>{@code\n"
        + code.lines().map(line -> (" * " + line).stripTrailing()).collect(Collectors.joining("\n"))
        + "\n * }</pre>\n";
  }
}
