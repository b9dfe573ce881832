package io.meterkit.jmh.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTTP adapter's ingest path, one thread, one operation per {@value PostBodies#BATCH}-sample
 * body of {@link PostBodies}:
 *
 * <ul>
 *   <li>{@link #post}: {@code POST /v2/meters/cpu_util} through {@link MeterApi#handle}, as a
 *       project member: body bytes in, response bytes out (parse, check, store, echo). The bodies
 *       are posted in order into a new store each iteration, and into another new store whenever
 *       they run out, so every sample is new to its store.
 *   <li>{@link #jacksonTree}: Jackson's tree model reads the same body, the baseline a JSON adapter
 *       cannot beat by much.
 *   <li>{@link #jacksonTokens}: Jackson's streaming parser walks the body's tokens, reading every
 *       value: the floor of parsing alone.
 * </ul>
 *
 * <p>samples/s = {@value PostBodies#BATCH} ÷ seconds per operation. Reference numbers: see
 * jmh/README.md.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
public class PostSamplesBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  /**
   * Posts the next body.
   *
   * @param s the bodies, the store and the cursor
   * @return the response body
   */
  @Benchmark
  public byte[] post(PostState s) {
    ApiResponse response = s.api.handle(s.request(s.next));
    if (++s.next == s.bodies.length) {
      s.renew();
    }
    return response.body();
  }

  /**
   * Reads the next body into a Jackson tree.
   *
   * @param s the bodies and the cursor
   * @return the tree
   * @throws IOException never: the bodies are valid JSON
   */
  @Benchmark
  public JsonNode jacksonTree(PostState s) throws IOException {
    JsonNode tree = MAPPER.readTree(s.bodies[s.next]);
    s.next = (s.next + 1) % s.bodies.length;
    return tree;
  }

  /**
   * Walks the tokens of the next body, reading every text and number.
   *
   * @param s the bodies and the cursor
   * @return a checksum of what was read
   * @throws IOException never: the bodies are valid JSON
   */
  @Benchmark
  public double jacksonTokens(PostState s) throws IOException {
    double sum = 0;
    try (JsonParser parser = FACTORY.createParser(s.bodies[s.next])) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING) {
          sum += parser.getText().length();
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
          sum += parser.getDoubleValue();
        }
      }
    }
    s.next = (s.next + 1) % s.bodies.length;
    return sum;
  }

  /**
   * The bodies, an API over a store that holds none of the next body's samples, and a cursor.
   *
   * <p>JMH state; one per thread.
   */
  @State(Scope.Thread)
  public static class PostState {
    /** Bodies posted before a new store is needed: 64,000 samples. */
    public static final int BODIES = 64;

    /** The member of {@link PostBodies#PROJECT} who posts. */
    static final Principal MEMBER =
        new Principal(PostBodies.USER, PostBodies.PROJECT, List.of("member"));

    /** The bodies, in posting order. */
    public byte[][] bodies;

    /** The API over this round's store. */
    public MeterApi api;

    /** The number of the next body. */
    public int next;

    /** Generates the bodies. */
    @Setup(Level.Trial)
    public void generate() {
      bodies = new byte[BODIES][];
      for (int b = 0; b < BODIES; b++) {
        bodies[b] = PostBodies.body(b);
      }
    }

    /** Starts on a new store, at the first body. */
    @Setup(Level.Iteration)
    public void renew() {
      api = MeterApi.builder(MeterStore.inMemory()).build();
      next = 0;
    }

    /** The request posting body {@code number}. */
    ApiRequest request(int number) {
      return ApiRequest.builder("POST", "/v2/meters/" + PostBodies.METER)
          .header("Content-Type", "application/json")
          .principal(MEMBER)
          .body(bodies[number])
          .build();
    }
  }
}
