package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.Authenticator;
import io.meterkit.api.MeterApi;
import io.meterkit.api.Principal;
import io.meterkit.api.TrustedHeaders;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import io.meterkit.testing.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every {@code curl} of the "Billing aggregates" section of {@code README.md} against the
 * example server loaded with {@code examples/billing-demo.jsonl}, as the section describes (the
 * file loaded at 2026-04-01T00:00:00Z, the POST twelve hours later), and checks that each response
 * equals the JSON block shown right after its command.
 */
class ReadmeBillingTest {
  private static final Path README = Path.of("../README.md");
  private static final Path DATA = Path.of("billing-demo.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BLOCK =
      Pattern.compile("```(bash|json)\n(.*?)```\n", Pattern.DOTALL);

  /** The commands of the section in order, each with the output shown after it, or null. */
  private record Example(String command, String output) {}

  @Test
  @Timeout(60)
  void everyCurlOfTheSectionAnswersWhatTheReadmeShows() throws Exception {
    List<Example> examples = examples();
    assertThat(examples).as("the section's curl commands").hasSizeGreaterThanOrEqualTo(6);
    ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
    MeterStore store = MeterStore.create(StoreConfig.builder().clock(clock).build());
    assertThat(JsonLinesLoader.load(DATA, store, clock.millis())).isEqualTo(31);
    // As the section's server: --dev-admin after the default proxy authenticator.
    MeterApi api =
        MeterApi.builder(store)
            .clock(clock)
            .authenticator(
                Authenticator.chain(
                    List.of(
                        TrustedHeaders.fromLoopback(),
                        Authenticator.anonymous(Principal.anonymousAdmin()))))
            .build();
    ExampleServer server =
        ExampleServer.start(
            api,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            HttpLimits.defaults().withPool(2, 8),
            line -> {});
    try {
      HttpClient client = HttpClient.newHttpClient();
      for (Example example : examples) {
        if (example.command().contains("-X POST")) {
          clock.advance(
              Duration.ofHours(12)); // the late sample arrives twelve hours after the load
        }
        HttpResponse<String> response =
            client.send(
                request(example.command(), server.port()), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
            .as(example.command() + "\n" + response.body())
            .isBetween(200, 201);
        if (example.output() != null) {
          assertThat(JSON.readTree(response.body()))
              .as(
                  "%s%nanswers%n%s",
                  example.command(), JSON.readTree(response.body()).toPrettyString())
              .isEqualTo(JSON.readTree(example.output()));
        }
      }
    } finally {
      server.close();
    }
  }

  private static List<Example> examples() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## Billing aggregates\n");
    assertThat(start).as("the README has the section").isPositive();
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    List<Example> examples = new ArrayList<>();
    Matcher block = BLOCK.matcher(section);
    String pending = null;
    while (block.find()) {
      if (block.group(1).equals("json")) {
        assertThat(pending).as("a JSON block follows a curl command").isNotNull();
        examples.add(new Example(pending, block.group(2)));
        pending = null;
      } else if (block.group(2).startsWith("curl")) {
        if (pending != null) {
          examples.add(new Example(pending, null));
        }
        pending = block.group(2).replace("\\\n", " ");
      }
    }
    if (pending != null) {
      examples.add(new Example(pending, null));
    }
    return examples;
  }

  // Reads the curl options the section uses: -X METHOD, -H 'name: value', -d 'body' and the URL.
  private static HttpRequest request(String command, int port) {
    List<String> words = words(command);
    HttpRequest.Builder request = HttpRequest.newBuilder();
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("-H")) {
        String header = words.get(++i);
        int colon = header.indexOf(':');
        request.header(header.substring(0, colon), header.substring(colon + 1).trim());
      } else if (word.equals("-d")) {
        request.POST(HttpRequest.BodyPublishers.ofString(words.get(++i)));
      } else if (word.equals("-X")) {
        i++; // POST, set with the body
      } else {
        request.uri(URI.create(word.replace("http://localhost:8080", "http://127.0.0.1:" + port)));
      }
    }
    return request.build();
  }

  // Splits a command into words as a shell does for the quoting used here: single quotes only.
  private static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : command.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
