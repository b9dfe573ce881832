package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The "Testing your billing code" example of {@code README.md} is {@link UsageBillingTest}, which
 * the build runs: the document must show that class exactly, from its first import to its end. Edit
 * both together.
 */
class TestingReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final Path EXAMPLE =
      Path.of("src/test/java/io/meterkit/examples/UsageBillingTest.java");

  @Test
  void theReadmeShowsTheWholeExampleTestThatTheBuildRuns() throws IOException {
    String source = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    String withoutPackage = source.substring(source.indexOf("\n\n") + 2);

    assertThat(withoutPackage).startsWith("import static org.assertj.core.api.Assertions");
    assertThat(Files.readString(README, StandardCharsets.UTF_8))
        .contains("## Testing your billing code")
        .contains("```java\n" + withoutPackage + "```\n");
  }
}
