package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.ApiFamily;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.MeterApi;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.store.MeterStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * More requests than the worker pool and its queue hold: the excess is refused at once with 503 and
 * {@code Retry-After}, never with a transport error, and every acknowledged sample is stored
 * exactly once.
 */
@Timeout(60)
class FloodTest {
  private final MeterStore store = MeterStore.inMemory();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger blocked = new AtomicInteger();
  private ExampleServer server;

  /** {@code GET /block} waits for the test; {@code GET /ping} answers at once. */
  private final ApiFamily blocking =
      routes ->
          routes
              .get(
                  "/block",
                  call -> {
                    blocked.incrementAndGet();
                    try {
                      release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    return ApiResponse.noContent();
                  })
              .get("/ping", call -> ApiResponse.noContent());

  private void start(int threads, int queue) throws IOException {
    MeterApi api =
        MeterApi.builder(store)
            .authenticator(TrustedHeaders.fromLoopback())
            .family(blocking)
            .build();
    server =
        ExampleServer.start(
            api,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            HttpLimits.defaults().withPool(threads, queue),
            line -> {});
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("X-Roles", "admin")
        .timeout(Duration.ofSeconds(20));
  }

  @Test
  void whenTheWorkersAndTheQueueAreFullTheNextRequestsGet503AtOnce() throws Exception {
    start(1, 2);
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(client.sendAsync(request("/block").build(), HttpResponse.BodyHandlers.ofString()));
    }
    while (blocked.get() == 0) {
      Thread.sleep(5);
    }
    Thread.sleep(300); // the two others reach the queue
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      HttpResponse<String> busy =
          client.send(request("/ping").build(), HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(busy.statusCode()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).contains("1");
      assertThat(busy.body())
          .isEqualTo(
              "{\"error\":{\"code\":503,\"message\":\"every worker is busy and the queue is full;"
                  + " retry after 1 second\"}}");
      assertThat(millis).as("a refusal is immediate").isLessThan(1000);
    }
    assertThat(blocked.get()).as("only one request runs at a time").isEqualTo(1);
    release.countDown();
    for (CompletableFuture<HttpResponse<String>> request : held) {
      assertThat(request.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    }
    assertThat(blocked.get()).isEqualTo(3);
    assertThat(
            client
                .send(request("/ping").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(204);
  }

  @Test
  void aFloodOfBatchesGets201Or503AndLosesNoAcknowledgedSample() throws Exception {
    start(2, 2);
    int clients = 32;
    int samplesPerBatch = 200;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    LongAdder transportErrors = new LongAdder();
    LongAdder withoutRetryAfter = new LongAdder();
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int writer = c;
      running.add(
          threads.submit(
              () -> {
                for (int batch = 0; System.nanoTime() < deadline; batch++) {
                  String resource = "vm-" + writer + "-" + batch;
                  String body = batch(resource, samplesPerBatch);
                  // Retry a refused batch (same message ids) until it is acknowledged.
                  for (int attempt = 0; System.nanoTime() < deadline + 10_000_000_000L; attempt++) {
                    HttpResponse<String> response;
                    try {
                      response =
                          client.send(
                              request("/v2/meters/flood")
                                  .header("Content-Type", "application/json")
                                  .POST(HttpRequest.BodyPublishers.ofString(body))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                      transportErrors.increment();
                      continue;
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    statuses
                        .computeIfAbsent(response.statusCode(), s -> new LongAdder())
                        .increment();
                    if (response.statusCode() == 201) {
                      acknowledged.add(resource);
                      break;
                    }
                    if (response.headers().firstValue("Retry-After").isEmpty()) {
                      withoutRetryAfter.increment();
                    }
                    sleep(20);
                  }
                }
              }));
    }
    for (Future<?> thread : running) {
      thread.get(30, TimeUnit.SECONDS);
    }
    threads.shutdown();
    Map<Integer, Long> counts = new TreeMap<>();
    statuses.forEach((status, count) -> counts.put(status, count.sum()));
    long stored = store.snapshot().sampleCount();
    System.out.printf(
        "FloodTest: %d clients, 2 workers, queue 2: statuses %s, %d transport errors;"
            + " %d batches acknowledged, %d samples stored (%d expected)%n",
        clients,
        counts,
        transportErrors.sum(),
        acknowledged.size(),
        stored,
        (long) acknowledged.size() * samplesPerBatch);
    assertThat(transportErrors.sum()).isZero();
    assertThat(counts.keySet()).containsOnly(201, 503);
    assertThat(counts.get(503)).as("refusals").isPositive();
    assertThat(withoutRetryAfter.sum()).isZero();
    assertThat(stored).isEqualTo((long) acknowledged.size() * samplesPerBatch);
    for (String resource : acknowledged) {
      assertThat(store.sample(resource + "-0").isPresent()).as(resource).isTrue();
    }
  }

  private static String batch(String resource, int samples) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < samples; i++) {
      body.append(i == 0 ? "" : ",")
          .append(
              "{\"counter_name\": \"flood\", \"counter_type\": \"delta\", \"counter_unit\": \"B\",")
          .append(" \"counter_volume\": 1, \"resource_id\": \"")
          .append(resource)
          .append("\", \"timestamp\": \"2014-10-22T00:00:00\", \"message_id\": \"")
          .append(resource)
          .append('-')
          .append(i)
          .append("\"}");
    }
    return body.append(']').toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
