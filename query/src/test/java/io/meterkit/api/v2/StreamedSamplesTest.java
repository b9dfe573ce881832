package io.meterkit.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.ApiRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming decoder decodes every body it accepts as the tree reader (the reference) does, and
 * leaves the rest to it.
 */
class StreamedSamplesTest {
  private static final String[] VALUES = {
    "\"a\"",
    "\"cpu_util\"",
    "\"gauge\"",
    "\"%\"",
    "1",
    "0.47",
    "-2.5e3",
    "1e400",
    "null",
    "true",
    "\"2026-01-01T00:00:05Z\"",
    "\"2026-01-01 00:00:05\"",
    "\"not a time\"",
    "{}",
    "{\"k\":\"v\",\"a.b.c\":\"w\"}",
    "{\"k\":1}",
    "{\"k\":{\"n\":\"x\"}}",
    "{\"k\":\"v\",\"k\":\"w\"}",
    "[]",
    "\"\\u00e9t\\u00e9\""
  };

  @Test
  void randomBodiesDecodeAsTheTreeReaderDecodesThem() {
    SplittableRandom random = new SplittableRandom(14);
    int streamed = 0;
    for (int round = 0; round < 20_000; round++) {
      String body = body(random);
      List<PostedSamples.Decoded> fast =
          StreamedSamples.decode(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      if (fast == null) {
        continue;
      }
      streamed++;
      List<PostedSamples.Decoded> reference =
          PostedSamples.decodeTree(ApiRequest.builder("POST", "/v2/meters/m").body(body).build());
      assertThat(fast).as(body).hasSameSizeAs(reference);
      for (int i = 0; i < fast.size(); i++) {
        PostedSamples.Decoded f = fast.get(i);
        PostedSamples.Decoded r = reference.get(i);
        assertThat(f.texts()).as(body).isEqualTo(r.texts());
        assertThat(f.volume()).as(body).isEqualTo(r.volume());
        assertThat(f.timestamp()).as(body).isEqualTo(r.timestamp());
        assertThat(f.recordedAt()).as(body).isEqualTo(r.recordedAt());
        assertThat(f.metadata()).as(body).isEqualTo(r.metadata());
        assertThat(echo(f)).as(body).isEqualTo(echo(r));
      }
    }
    assertThat(streamed).isGreaterThan(100);
  }

  @Test
  void bodiesThatAreNotArraysOfSamplesAreLeftToTheTreeReader() {
    for (String body : List.of("", "null", "[]", "{}", "[1]", "[{\"x\":1}]", "[{}] x", "[{")) {
      assertThat(
              StreamedSamples.decode(
                  new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
          .as(body)
          .isNull();
    }
  }

  private static String echo(PostedSamples.Decoded decoded) {
    SampleEcho echo =
        new SampleEcho("n", "gauge", "u", 1, "r", "p", "u", "s", "t", null, decoded.metadataEcho());
    return new String(
        io.meterkit.api.internal.Json.write(
            64,
            json -> {
              json.writeStartArray();
              echo.write(json, "id");
              json.writeEndArray();
            }),
        StandardCharsets.UTF_8);
  }

  private static String body(SplittableRandom random) {
    List<String> samples = new ArrayList<>();
    for (int s = 0, n = 1 + random.nextInt(3); s < n; s++) {
      List<String> members = new ArrayList<>();
      members.add("\"counter_name\":\"cpu_util\"");
      members.add("\"counter_type\":\"gauge\"");
      members.add("\"counter_unit\":\"%\"");
      members.add("\"counter_volume\":" + (random.nextInt(4) == 0 ? pick(random) : "12.5"));
      members.add("\"resource_id\":" + (random.nextInt(8) == 0 ? pick(random) : "\"r1\""));
      for (String name : PostedSamples.ATTRIBUTES) {
        if (random.nextInt(3) == 0) {
          members.add("\"" + name + "\":" + pick(random));
        }
      }
      if (random.nextInt(20) == 0) {
        members.add("\"unknown\":1");
      }
      List<String> shuffled = new ArrayList<>(members);
      java.util.Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
      samples.add("{" + String.join(",", random.nextInt(4) == 0 ? shuffled : members) + "}");
    }
    return "[" + String.join(",", samples) + "]";
  }

  private static String pick(SplittableRandom random) {
    return VALUES[random.nextInt(VALUES.length)];
  }
}
