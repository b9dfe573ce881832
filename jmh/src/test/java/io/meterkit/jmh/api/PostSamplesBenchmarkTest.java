package io.meterkit.jmh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The adapter benchmark's bodies are what it says, and posting them stores and echoes them. */
class PostSamplesBenchmarkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aBodyHoldsAThousandSamplesOfFiftySeriesWithDistinctIds() throws IOException {
    JsonNode body = JSON.readTree(PostBodies.body(3));
    assertThat(body).hasSize(1_000);
    assertThat(body.findValuesAsText("message_id")).hasSize(1_000).doesNotHaveDuplicates();
    assertThat(new java.util.HashSet<>(body.findValuesAsText("resource_id"))).hasSize(50);
  }

  @Test
  void postingTheBodiesStoresEverySampleAndEchoesItWithItsId() throws IOException {
    PostSamplesBenchmark benchmark = new PostSamplesBenchmark();
    PostSamplesBenchmark.PostState state = new PostSamplesBenchmark.PostState();
    state.generate();
    state.renew();
    JsonNode first = JSON.readTree(benchmark.post(state));
    assertThat(first).hasSize(PostBodies.BATCH);
    JsonNode sample = first.get(51);
    assertThat(sample.get("message_id").asText()).isEqualTo(PostBodies.messageId(51));
    assertThat(sample.get("resource_id").asText()).isEqualTo(PostBodies.resourceId(1));
    assertThat(sample.get("counter_volume").asDouble()).isEqualTo(PostBodies.volume(51));
    // Sample 51 is series 1's second poll: one minute and one second after the epoch.
    assertThat(sample.get("timestamp").asText()).isEqualTo("2026-01-01T00:01:01+00:00");
    assertThat(sample.get("source").asText()).isEqualTo(PostBodies.PROJECT + ":openstack");
    for (int b = 1; b < PostSamplesBenchmark.PostState.BODIES; b++) {
      assertThat(JSON.readTree(benchmark.post(state))).hasSize(PostBodies.BATCH);
    }
    assertThat(state.next).isZero(); // a new store for the next round
    assertThat(benchmark.jacksonTree(state)).hasSize(PostBodies.BATCH);
    assertThat(benchmark.jacksonTokens(state)).isPositive();
  }
}
