package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.MeterApi;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.api.burst.BurstCalculator;
import io.meterkit.api.burst.BurstConfig;
import io.meterkit.api.burst.BurstUsageApi;
import io.meterkit.api.usage.UsageEvents;
import io.meterkit.api.usage.UsageEventsApi;
import io.meterkit.query.Dimension;
import io.meterkit.query.GroupBy;
import io.meterkit.query.QueryEngine;
import io.meterkit.query.Statistics;
import io.meterkit.query.StatisticsQuery;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example server under concurrent load on a loopback port, driven by {@link HttpClient}:
 * writers POST batches to {@code /v2/meters/load} (every batch on its own resource, unique message
 * ids, integer volumes; some retried, some deliberately invalid), readers query statistics,
 * samples, meters and resources and check that every batch they see is complete. Afterwards the
 * totals must be exact: stored samples = distinct accepted message ids, count and sum = what the
 * writers sent, nothing of a rejected batch, no duplicate from a retry.
 *
 * <p>Runs for a fixed time ({@value #LOAD_MILLIS} ms) and prints requests/s, statuses and samples
 * lost; it asserts correctness only, never speed.
 */
class ExampleServerLoadTest {
  private static final long LOAD_MILLIS = 5_000;
  private static final int WRITERS = 4;
  private static final int READERS = 4;
  private static final String METER = "load";
  private static final String PROJECT = "p-load";
  private static final long BASE_SECONDS = 1_413_936_000L; // 2014-10-22T00:00:00Z
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MeterStore store = MeterStore.inMemory();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final LongAdder logLines = new LongAdder();

  /** The milliseconds the server's access log reports (handling plus writing the answer). */
  private final LongAdder serverMillis = new LongAdder();

  private ExampleServer server;

  /** Accepted batches: resource id to its sample count and volume sum, known before posting. */
  private final Map<String, long[]> accepted = new ConcurrentHashMap<>();

  /** Resources of batches that were posted but not (yet) answered 201. */
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  /** Resources and message ids of the deliberately invalid batches. */
  private final Set<String> rejectedResources = ConcurrentHashMap.newKeySet();

  private final Set<String> rejectedIds = ConcurrentHashMap.newKeySet();
  private final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();
  private final LongAdder expectedSum = new LongAdder();
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();

  /** Per route (ids replaced by {r}): requests and nanoseconds, for the printed figures. */
  private final Map<String, LongAdder[]> latency = new ConcurrentHashMap<>();

  private final LongAdder retries = new LongAdder();
  private final LongAdder unexpected = new LongAdder();
  private final LongAdder transportErrors = new LongAdder();
  private final LongAdder invalidBatches = new LongAdder();
  private final LongAdder batchesSeenByReaders = new LongAdder();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    Clock clock = Clock.systemUTC();
    MeterApi api =
        MeterApi.builder(store)
            .clock(clock)
            .authenticator(TrustedHeaders.fromLoopback())
            .family(
                new UsageEventsApi(
                    new UsageEvents(store, UsageEvents.DEFAULT_ACTIVE_STATES, clock)))
            .family(
                new BurstUsageApi(
                    new BurstCalculator(store, new BurstConfig(Map.of(), Map.of()), clock)))
            .build();
    server =
        ExampleServer.start(
            api,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            // A queue as long as the clients are many: this test is about correctness, not 503s.
            HttpLimits.defaults().withPool(HttpLimits.DEFAULT_THREADS, WRITERS + READERS),
            line -> {
              logLines.increment();
              serverMillis.add(Long.parseLong(line.replaceAll("^(\\S+ ){4}(\\d+)ms .*$", "$2")));
            });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void concurrentWritersAndReadersLoseNothingAndSeeWholeBatchesOnly() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
    long started = System.nanoTime();
    long deadline = started + TimeUnit.MILLISECONDS.toNanos(LOAD_MILLIS);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      running.add(threads.submit(() -> write(writer, new Random(writer), deadline)));
    }
    for (int r = 0; r < READERS; r++) {
      Random random = new Random(100 + r);
      running.add(threads.submit(() -> read(random, deadline)));
    }
    for (Future<?> thread : running) {
      thread.get(LOAD_MILLIS + 30_000, TimeUnit.MILLISECONDS);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    threads.shutdown();

    long expectedCount = acceptedIds.size();
    long storedCount = store.snapshot().sampleCount();
    JsonNode total =
        JSON.readTree(send(get("/v2/meters/" + METER + "/statistics"), 200, "final statistics"));
    System.out.printf(
        "ExampleServerLoadTest: %d requests in %.1f s = %.0f requests/s; statuses %s"
            + " (%d unexpected, %d transport errors);"
            + " %d batches accepted (%d retried), %d invalid batches rejected;"
            + " samples: %d expected, %d stored, %d lost; readers checked %d batches;"
            + " %d access-log lines, %.1f ms average in the server%n",
        requests.sum(),
        seconds,
        requests.sum() / seconds,
        new TreeMap<>(statuses),
        unexpected.sum(),
        transportErrors.sum(),
        accepted.size(),
        retries.sum(),
        invalidBatches.sum(),
        expectedCount,
        storedCount,
        expectedCount - storedCount,
        batchesSeenByReaders.sum(),
        logLines.sum(),
        serverMillis.sum() / (double) Math.max(1, logLines.sum()));

    latency.forEach(
        (route, figures) ->
            System.out.printf(
                "  %-45s %6d requests, %7.1f ms average%n",
                route, figures[0].sum(), figures[1].sum() / 1e6 / figures[0].sum()));

    assertThat(violations).isEmpty();
    assertThat(pending).as("batches without a definite answer").isEmpty();
    assertThat(storedCount).isEqualTo(expectedCount);
    assertThat(total.get(0).get("count").asLong()).isEqualTo(expectedCount);
    assertThat(total.get(0).get("sum").decimalValue().longValueExact())
        .isEqualTo(expectedSum.sum());
    assertThat(acceptedIds).allMatch(id -> store.sample(id).isPresent());
    assertThat(rejectedIds).noneMatch(id -> store.sample(id).isPresent());
    Map<String, long[]> perResource = new TreeMap<>();
    for (Statistics row :
        new QueryEngine(store)
            .statistics(
                StatisticsQuery.builder(METER)
                    .groupBy(GroupBy.of(Dimension.RESOURCE_ID))
                    .build())) {
      perResource.put(row.groupBy().get("resource_id"), new long[] {row.count(), (long) row.sum()});
    }
    assertThat(perResource.keySet()).containsExactlyInAnyOrderElementsOf(accepted.keySet());
    accepted.forEach(
        (resource, expected) ->
            assertThat(perResource.get(resource)).as(resource).containsExactly(expected));
    assertThat(statuses.keySet()).containsOnly(200, 201, 400);
    assertThat(unexpected.sum() + transportErrors.sum()).isZero();
  }

  /** Posts batches until the deadline: most valid, some retried, some invalid. */
  private void write(int writer, Random random, long deadline) {
    for (int batch = 0; System.nanoTime() < deadline; batch++) {
      String resource = "w" + writer + "-b" + batch;
      int size = 1 + random.nextInt(20);
      int bad = random.nextInt(7) == 0 ? random.nextInt(size) : -1;
      List<String> ids = new ArrayList<>();
      StringBuilder body = new StringBuilder("[");
      long sum = 0;
      for (int i = 0; i < size; i++) {
        String id = resource + "-s" + i;
        long volume = 1 + random.nextInt(1000);
        ids.add(id);
        sum += volume;
        body.append(i == 0 ? "" : ",").append(sample(resource, id, volume, i, i == bad));
      }
      String text = body.append(']').toString();
      if (bad >= 0) {
        rejectedResources.add(resource);
        rejectedIds.addAll(ids);
        invalidBatches.increment();
        send(post(text), 400, "invalid batch " + resource);
        continue;
      }
      accepted.put(resource, new long[] {size, sum});
      pending.add(resource);
      List<String> answers = new ArrayList<>();
      int mode = random.nextInt(10);
      if (mode == 0) {
        // The same batch twice at once: both answer 201, the store keeps one copy.
        answers.addAll(sendTwiceAtOnce(post(text), 201, "batch " + resource + " sent twice"));
        retries.increment();
      } else {
        answers.add(send(post(text), 201, "batch " + resource));
        if (mode <= 2) {
          answers.add(send(post(text), 201, "retry of batch " + resource));
          retries.increment();
        }
      }
      for (String answer : answers) {
        if (answer != null && !answer.contains("\"" + ids.get(size - 1) + "\"")) {
          violations.add("batch " + resource + " answered without its samples: " + answer);
        }
      }
      acceptedIds.addAll(ids);
      expectedSum.add(sum);
      pending.remove(resource);
    }
  }

  /** Queries until the deadline, checking that any batch seen is complete. */
  private void read(Random random, long deadline) {
    while (System.nanoTime() < deadline) {
      String resource = someResource(random);
      try {
        // Mostly one batch at a time; rarely every batch at once (a big answer to parse).
        int kind = random.nextInt(16);
        switch (kind < 14 ? kind % 6 : kind - 8) {
          case 0:
            checkBatch(
                resource,
                rows(
                    "/v2/meters/"
                        + METER
                        + "/statistics?groupby=resource_id&q.field=resource_id&q.value="
                        + resource));
            break;
          case 1:
            {
              JsonNode samples =
                  rows(
                      "/v2/meters/"
                          + METER
                          + "?limit=1440&q.field=resource_id&q.value="
                          + resource);
              long sum = 0;
              for (JsonNode sample : samples) {
                sum += sample.get("counter_volume").asLong();
              }
              checkCount(resource, samples.size(), sum);
              break;
            }
          case 2:
            {
              JsonNode volume =
                  rows("/v1/resources/" + resource + "/meters/" + METER + "/volume/sum")
                      .get("volume");
              if (!volume.isNull()) {
                // Seen at all: the whole batch's sum.
                checkSumOnly(resource, volume.decimalValue().longValueExact());
              }
              break;
            }
          case 3:
            rows("/v2/meters?limit=100&q.field=project_id&q.value=" + PROJECT);
            break;
          case 4:
            rows("/v2/samples?limit=50&q.field=meter&q.value=" + METER);
            break;
          case 5:
            for (JsonNode meter : rows("/v1/resources/" + resource + "/meters").get("meters")) {
              checkSeen(meter.get("resource_id").asText());
            }
            break;
          case 6:
            for (JsonNode listed :
                rows("/v1/projects/" + PROJECT + "/resources").get("resources")) {
              checkSeen(listed.get("resource_id").asText());
            }
            break;
          default:
            {
              // Every batch at once, now and then.
              for (JsonNode row : rows("/v2/meters/" + METER + "/statistics?groupby=resource_id")) {
                String seen = row.get("groupby").get("resource_id").asText();
                checkCount(seen, row.get("count").asLong(), row.get("sum").asLong());
              }
            }
        }
      } catch (IOException e) {
        violations.add("unreadable answer: " + e);
      }
    }
  }

  private JsonNode rows(String pathAndQuery) throws IOException {
    String body = send(get(pathAndQuery), 200, pathAndQuery);
    if (body == null) {
      throw new IOException("no 200 answer to " + pathAndQuery); // already a violation
    }
    return JSON.readTree(body);
  }

  private void checkBatch(String resource, JsonNode rows) {
    if (rows.size() > 1) {
      violations.add("statistics of " + resource + " has " + rows.size() + " rows");
    } else if (rows.size() == 1) {
      checkCount(resource, rows.get(0).get("count").asLong(), rows.get(0).get("sum").asLong());
    }
  }

  private void checkCount(String resource, long count, long sum) {
    if (count == 0) {
      return;
    }
    batchesSeenByReaders.increment();
    long[] expected = accepted.get(resource);
    if (rejectedResources.contains(resource) || expected == null) {
      violations.add("a reader saw " + count + " samples of rejected or unknown batch " + resource);
    } else if (count != expected[0] || sum != expected[1]) {
      violations.add(
          "a reader saw part of batch "
              + resource
              + ": count "
              + count
              + " sum "
              + sum
              + ", the batch has "
              + expected[0]
              + " and "
              + expected[1]);
    }
  }

  private void checkSeen(String resource) {
    if (rejectedResources.contains(resource) || !accepted.containsKey(resource)) {
      violations.add("a reader saw resource " + resource + " of a rejected or unknown batch");
    }
  }

  private void checkSumOnly(String resource, long sum) {
    long[] expected = accepted.get(resource);
    batchesSeenByReaders.increment();
    if (rejectedResources.contains(resource) || expected == null || sum != expected[1]) {
      violations.add("a reader saw volume sum " + sum + " of batch " + resource);
    }
  }

  /** A resource a writer has posted (valid or not), or one nobody posted. */
  private String someResource(Random random) {
    return "w" + random.nextInt(WRITERS) + "-b" + random.nextInt(1 + (int) (requests.sum() / 8));
  }

  private static String sample(String resource, String id, long volume, int index, boolean bad) {
    String counterVolume = String.valueOf(volume);
    String unit = "u";
    String timestamp = "2014-10-22T00:00:00Z";
    String name = METER;
    if (bad) {
      switch (index % 4) {
        case 0:
          counterVolume = "\"NaN\"";
          break;
        case 1:
          unit = "other";
          break;
        case 2:
          timestamp = "2014-13-01T00:00:00Z";
          break;
        default:
          name = "elsewhere";
      }
    } else {
      timestamp = Instant.ofEpochSecond(BASE_SECONDS + volume * 60 + index).toString();
    }
    return "{\"counter_name\":\""
        + name
        + "\",\"counter_type\":\"gauge\",\"counter_unit\":\""
        + unit
        + "\",\"counter_volume\":"
        + counterVolume
        + ",\"resource_id\":\""
        + resource
        + "\",\"project_id\":\""
        + PROJECT
        + "\",\"user_id\":\"loader\",\"timestamp\":\""
        + timestamp
        + "\",\"message_id\":\""
        + id
        + "\"}";
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .header("X-Roles", "admin")
        .header("X-Project-Id", PROJECT)
        .header("X-User-Id", "loader");
  }

  private HttpRequest get(String pathAndQuery) {
    return request(pathAndQuery).GET().build();
  }

  private HttpRequest post(String body) {
    return request("/v2/meters/" + METER)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /**
   * Sends a request, retrying a transport failure (the writes are idempotent), and records its
   * status; returns the body, or null (and a violation) when the status is not {@code expected}.
   */
  private String send(HttpRequest request, int expected, String what) {
    for (int attempt = 1; ; attempt++) {
      try {
        long sent = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return answered(response, sent, expected, what);
      } catch (IOException e) {
        transportErrors.increment();
        if (attempt == 3) {
          violations.add(what + ": no answer after 3 attempts: " + e);
          return null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        violations.add(what + ": interrupted");
        return null;
      }
    }
  }

  /** Sends a request twice without waiting for the first answer; returns both bodies. */
  private List<String> sendTwiceAtOnce(HttpRequest request, int expected, String what) {
    long sent = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> both =
        List.of(
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()),
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    List<String> bodies = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : both) {
      try {
        bodies.add(answered(answer.get(30, TimeUnit.SECONDS), sent, expected, what));
      } catch (ExecutionException | TimeoutException e) {
        transportErrors.increment();
        violations.add(what + ": no answer: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        violations.add(what + ": interrupted");
      }
    }
    return bodies;
  }

  /** Records an answer; returns its body, or null (and a violation) for another status. */
  private String answered(
      HttpResponse<String> response, long sentNanos, int expected, String what) {
    HttpRequest request = response.request();
    LongAdder[] route =
        latency.computeIfAbsent(
            request.method() + " " + request.uri().getPath().replaceAll("w\\d+-b\\d+", "{r}"),
            key -> new LongAdder[] {new LongAdder(), new LongAdder()});
    route[0].increment();
    route[1].add(System.nanoTime() - sentNanos);
    requests.increment();
    statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
    if (response.statusCode() != expected) {
      unexpected.increment();
      violations.add(
          what
              + ": expected "
              + expected
              + ", got "
              + response.statusCode()
              + " "
              + response.body());
      return null;
    }
    return response.body();
  }
}
