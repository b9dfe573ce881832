package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meterkit.api.v2.WindowPolicy;
import io.meterkit.store.MeterStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @Test
  void flagsAreParsed() {
    ServerOptions options =
        ServerOptions.parse("--port", "9090", "--demo", "--dev-admin", "--window-policy", "NONE");
    assertThat(options.port()).isEqualTo(9090);
    assertThat(options.demo()).isTrue();
    assertThat(options.devAdmin()).isTrue();
    assertThat(options.windowPolicy()).isEqualTo(WindowPolicy.NONE);
    ServerOptions files =
        ServerOptions.parse("--burst-config", "prices.json", "--data-dir", "/var/lib/meterkit");
    assertThat(files.burstConfig()).isEqualTo(Path.of("prices.json"));
    assertThat(files.dataDir()).isEqualTo(Path.of("/var/lib/meterkit"));
    assertThat(ServerOptions.parse().dataDir()).isNull();
    assertThat(ServerOptions.parse().port()).isEqualTo(8080);
    assertThat(ServerOptions.parse().windowPolicy()).isEqualTo(WindowPolicy.K5);
  }

  @Test
  void badFlagsAreNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--port", "70000"))
        .withMessage("--port must be an integer in 0..65535, got: 70000");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--data"))
        .withMessage("--data needs a value");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ServerOptions.parse("--window-policy", "k6"))
        .withMessage("window policy must be k5 or none, got: 'k6'");
  }

  @Test
  void badFlagsPrintTheUsageAndExitWith2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.launch(
            new String[] {"--colour"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: unknown flag: --colour" + System.lineSeparator() + "usage: ");
  }

  @Test
  void aDataFileOfV2SamplesIsLoaded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("samples.jsonl");
    Files.writeString(
        file,
        "{\"counter_name\":\"cpu_util\",\"counter_type\":\"gauge\",\"counter_unit\":\"%\","
            + "\"counter_volume\":1,\"resource_id\":\"vm-1\",\"timestamp\":\"2014-10-22T00:00:00\","
            + "\"resource_metadata\":{\"properties\":{\"prop_1\":true}},\"message_id\":\"a\"}\n"
            + "\n"
            + "{\"counter_name\":\"cpu_util\",\"counter_type\":\"gauge\",\"counter_unit\":\"%\","
            + "\"counter_volume\":2,\"resource_id\":\"vm-1\",\"message_id\":\"a\"}\n");
    MeterStore store = MeterStore.inMemory();
    assertThat(JsonLinesLoader.load(file, store, 0L)).isEqualTo(1);
    assertThat(store.sample("a").orElseThrow().sample().metadata())
        .containsEntry("properties.prop_1", "true");
  }

  @Test
  void theDemoDataCoversThirtyDaysOfFiveMeters() {
    MeterStore store = MeterStore.inMemory();
    long now = 1_700_000_000_000L;
    assertThat(DemoData.load(store, now)).isEqualTo(8L * 5 * 30 * 144);
    assertThat(store.snapshot().meterNames())
        .containsExactly(
            "cpu_util", "disk.read.bytes", "instance", "memory.usage", "network.incoming.bytes");
  }
}
