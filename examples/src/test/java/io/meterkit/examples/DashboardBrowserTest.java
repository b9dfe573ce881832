package io.meterkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.Authenticator;
import io.meterkit.api.BasicAuthenticator;
import io.meterkit.api.Principal;
import io.meterkit.api.TokenAuthenticator;
import io.meterkit.api.TrustedHeaders;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The usage dashboard at {@code /ui/} in a real browser (headless Chromium through Selenium), on
 * example servers over one store with the demo data. Skipped where Chromium is not installed;
 * {@code .ci/run} installs it and fails when this test was skipped.
 *
 * <p>Saves {@code target/ui-dashboard.png} (1280 x 800), {@code target/ui-dashboard-phone.png} (390
 * px wide) and {@code target/ui-sign-in.png}; {@code docs/dashboard.png} is a copy of the first.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "demo-token-7f3a";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("carol:s3cret".getBytes(StandardCharsets.UTF_8));

  @TempDir static Path profile;

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<AutoCloseable> servers = new ArrayList<>();
  private HeadlessChromium chromium;
  private String adminAlice;
  private String devAdmin;
  private String noIdentity;
  private String tokens;

  @BeforeAll
  void start() throws Exception {
    if (!HeadlessChromium.installed()) {
      return; // every test is skipped, naming the packages to install
    }
    Principal carol = new Principal("carol", "globex", List.of("member"));
    adminAlice =
        exampleServer(Authenticator.anonymous(new Principal("alice", null, List.of("admin"))));
    devAdmin = exampleServer(Authenticator.anonymous(Principal.anonymousAdmin()));
    noIdentity = exampleServer(TrustedHeaders.fromLoopback());
    tokens =
        exampleServer(
            Authenticator.chain(
                TokenAuthenticator.parse(
                    "{\"tokens\": [" + TokenAuthenticator.entry(TOKEN, carol) + "]}"),
                BasicAuthenticator.parse(
                    "{\"users\": ["
                        + BasicAuthenticator.entry("carol", "s3cret", 1_000, carol)
                        + "]}")));
    chromium = new HeadlessChromium(profile);
  }

  @AfterAll
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  @BeforeEach
  void forgetTheLastPage() {
    assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
    chromium.driver.get("about:blank");
    chromium.emulatePhone(false);
    chromium.takeLog();
  }

  @Test
  void theChartHasOnePointPerBucketAndRedrawsWhenThePeriodChanges() throws Exception {
    open(adminAlice);
    List<String> listed =
        chromium.driver.findElements(By.cssSelector("#meter-list .meter .name")).stream()
            .map(WebElement::getText)
            .toList();
    List<String> names = new ArrayList<>();
    api(adminAlice, "/v2/meters?unique=True", "X-Roles", "admin")
        .forEach(m -> names.add(m.path("name").asText()));
    assertThat(listed).containsExactlyElementsOf(names.stream().sorted().toList()).hasSize(11);

    chromium.driver.findElement(By.cssSelector(".meter[data-meter='cpu_util']")).click();
    new Select(chromium.driver.findElement(By.id("groupby"))).selectByValue("project_id");
    WebElement chart = awaitChart("3600", "project_id");
    int hourly = bucketsOfTheApi(chart);
    // Three projects, 23 or 24 hourly buckets each (the last hour may have no sample yet).
    assertThat(hourly).isIn(69, 72);
    assertThat(chart.findElements(By.cssSelector("circle.point"))).hasSize(hourly);
    assertThat(chart.findElements(By.cssSelector("g.series")))
        .extracting(series -> series.getAttribute("data-label"))
        .containsExactly("acme", "globex", "initech");
    assertThat(chromium.driver.findElements(By.cssSelector("#legend .label")))
        .extracting(WebElement::getText)
        .containsExactly("acme", "globex", "initech");
    List<String> types = new ArrayList<>();
    api(adminAlice, "/burstusage/", "Accept", "application/json")
        .path("objects")
        .forEach(o -> types.add(o.path("resource_type").asText()));
    assertThat(types).containsExactly("cpu", "dssd", "ip", "mem");
    assertThat(chromium.driver.findElements(By.cssSelector("#burst-table tbody tr")))
        .extracting(row -> row.getAttribute("data-type"))
        .containsExactlyElementsOf(types);
    assertThat(chromium.driver.findElements(By.cssSelector("#locations-table tbody tr")))
        .extracting(row -> row.getAttribute("data-tenant"))
        .containsExactly("acme", "globex", "initech");
    chromium.screenshot(Path.of("target/ui-dashboard.png"));

    new Select(chromium.driver.findElement(By.id("period"))).selectByValue("21600");
    chart = awaitChart("21600", "project_id");
    int sixHourly = bucketsOfTheApi(chart);
    assertThat(sixHourly).isIn(12, 15); // four six-hour buckets per project, five when unaligned
    assertThat(chart.findElements(By.cssSelector("circle.point"))).hasSize(sixHourly);
    assertOnlyRefusalsLogged();
  }

  @Test
  void onAPhoneTheDashboardIsOneColumnWithoutSidewaysScrolling() throws Exception {
    chromium.emulatePhone(true);
    open(adminAlice);
    chromium.driver.findElement(By.cssSelector(".meter[data-meter='memory.usage']")).click();
    new Select(chromium.driver.findElement(By.id("groupby"))).selectByValue("user_id");
    WebElement chart = awaitChart("3600", "user_id");
    assertThat(chart.findElements(By.cssSelector("circle.point"))).hasSize(bucketsOfTheApi(chart));

    Number pageWidth =
        (Number) chromium.driver.executeScript("return document.documentElement.scrollWidth");
    assertThat(pageWidth.intValue()).isEqualTo(390);
    int chartLeft = chart.getRect().getX();
    int chartTop = chart.getRect().getY();
    WebElement burst = chromium.driver.findElement(By.id("burst-table"));
    assertThat(burst.getRect().getX()).isEqualTo(chartLeft);
    assertThat(burst.getRect().getY()).isGreaterThan(chartTop);
    chromium.screenshot(Path.of("target/ui-dashboard-phone.png"));
    assertOnlyRefusalsLogged();
  }

  @Test
  void anUnauthenticatedVisitorSeesTheSignInPrompt() throws Exception {
    open(noIdentity, "#meter-list[data-state='error']");
    WebElement dialog = chromium.await(d -> d.findElement(By.id("login")));
    chromium.await(d -> dialog.isDisplayed());
    String refusal = errorMessage(noIdentity, "/v2/meters?unique=True");
    assertThat(dialog.findElement(By.id("login-reason")).getText())
        .isEqualTo("The server needs to know who you are.");
    assertThat(dialog.findElement(By.id("login-detail")).getText()).isEqualTo("Server: " + refusal);
    assertThat(chromium.driver.findElement(By.id("identity")).getText()).isEqualTo("Not signed in");
    chromium.screenshot(Path.of("target/ui-sign-in.png"));
    assertOnlyRefusalsLogged(401);
  }

  @Test
  void aVisitorWhoSignsInWithATokenSeesTheirProjectAndStaysSignedIn() throws Exception {
    open(tokens, "#login[open]");
    chromium.driver.findElement(By.id("login-token")).sendKeys(TOKEN);
    chromium.driver.findElement(By.id("token-submit")).click();
    chromium.await(d -> d.findElement(By.cssSelector("#meter-list[data-state='ready']")));
    assertThat(chromium.driver.findElement(By.id("login")).isDisplayed()).isFalse();
    assertThat(chromium.driver.findElement(By.id("identity")).getText())
        .isEqualTo("Signed in with a token");
    List<String> visible = new ArrayList<>();
    api(tokens, "/v2/meters?unique=True", "X-Auth-Token", TOKEN)
        .forEach(m -> visible.add(m.path("name").asText()));
    // A member of globex sees the meters of globex's machines and of its location events only.
    assertThat(visible)
        .containsExactlyInAnyOrder(
            "cpu_util",
            "disk.read.bytes",
            "instance",
            "memory.usage",
            "network.incoming.bytes",
            "usage.location");
    assertThat(chromium.driver.findElements(By.cssSelector("#meter-list .meter .name")))
        .extracting(WebElement::getText)
        .containsExactlyElementsOf(visible.stream().sorted().toList());
    chromium.await(d -> d.findElement(By.cssSelector("#locations-table[data-state='ready']")));
    assertThat(chromium.driver.findElement(By.cssSelector("#locations-table tbody")).getText())
        .contains("No tenants are visible to you");

    chromium.driver.navigate().refresh();
    chromium.await(d -> d.findElement(By.cssSelector("#meter-list[data-state='ready']")));
    assertThat(chromium.driver.findElement(By.id("login")).isDisplayed()).isFalse();

    chromium.driver.findElement(By.id("sign-out")).click();
    chromium.await(d -> d.findElement(By.cssSelector("#login[open]")));
    assertThat(chromium.driver.executeScript("return sessionStorage.length")).isEqualTo(0L);
    assertOnlyRefusalsLogged(401);
  }

  @Test
  void aVisitorMaySignInWithUserAndPasswordAndIsToldWhenTheyAreWrong() throws Exception {
    open(tokens, "#login[open]");
    chromium.driver.findElement(By.cssSelector("#login [data-scheme='basic']")).click();
    chromium.driver.findElement(By.id("login-user")).sendKeys("carol");
    chromium.driver.findElement(By.id("login-password")).sendKeys("wrong");
    chromium.driver.findElement(By.id("basic-submit")).click();
    chromium.await(
        d ->
            d.findElement(By.id("login-reason"))
                .getText()
                .equals("The server did not accept these credentials."));

    chromium.driver.findElement(By.id("login-user")).sendKeys("carol");
    chromium.driver.findElement(By.id("login-password")).sendKeys("s3cret");
    chromium.driver.findElement(By.id("basic-submit")).click();
    chromium.await(d -> d.findElement(By.cssSelector("#meter-list[data-state='ready']")));
    assertThat(chromium.driver.findElement(By.id("identity")).getText())
        .isEqualTo("Signed in as carol");
    chromium.driver.findElement(By.id("sign-out")).click();
    chromium.await(d -> d.findElement(By.cssSelector("#login[open]")));
    assertOnlyRefusalsLogged(401);
  }

  @Test
  void errorsOfTheApiAreShownInThePanelThatAsked() throws Exception {
    // As --dev-admin: an admin without a user, so burst usage (reported per user) is refused.
    open(devAdmin, "#burst-table[data-state='error']");
    assertThat(chromium.driver.findElement(By.id("burst-error")).getText())
        .contains("HTTP 403")
        .contains(errorMessage(devAdmin, "/burstusage/"));

    chromium.driver.findElement(By.cssSelector(".meter[data-meter='cpu_util']")).click();
    new Select(chromium.driver.findElement(By.id("window"))).selectByValue("1209600");
    new Select(chromium.driver.findElement(By.id("period"))).selectByValue("300");
    WebElement chart =
        chromium.await(d -> d.findElement(By.cssSelector("#chart[data-state='error']")));
    String tooLong = errorMessage(devAdmin, statisticsPath(chart));
    assertThat(tooLong).isNotBlank();
    assertThat(chromium.driver.findElement(By.id("chart-error")).getText())
        .contains("HTTP 400")
        .contains(tooLong);
    assertThat(chart.findElements(By.cssSelector("circle.point"))).isEmpty();
    assertOnlyRefusalsLogged(400, 403);
  }

  // ---- helpers

  private void open(String base) {
    open(base, "#chart[data-state='ready']");
  }

  // Opens the dashboard in a tab without credentials (session storage is per origin).
  private void open(String base, String readyWhen) {
    chromium.driver.get(base + "/ui/favicon.svg");
    chromium.driver.executeScript("sessionStorage.clear()");
    chromium.takeLog(); // the browser's own request for /favicon.ico, not the dashboard's
    chromium.driver.get(base + "/ui/");
    chromium.await(d -> d.findElement(By.cssSelector(readyWhen)));
  }

  private WebElement awaitChart(String period, String groupby) {
    return chromium.await(
        d ->
            d.findElement(
                By.cssSelector(
                    "#chart[data-state='ready'][data-period='"
                        + period
                        + "'][data-groupby='"
                        + groupby
                        + "']")));
  }

  // The statistics request the chart made, asked directly: the number of buckets (rows).
  private int bucketsOfTheApi(WebElement chart) throws Exception {
    JsonNode rows = api(adminAlice, statisticsPath(chart), "X-Roles", "admin");
    assertThat(chart.getAttribute("data-buckets")).isEqualTo(String.valueOf(rows.size()));
    return rows.size();
  }

  private static String statisticsPath(WebElement chart) {
    String groupby = chart.getAttribute("data-groupby");
    return "/v2/meters/"
        + chart.getAttribute("data-meter")
        + "/statistics?q.field=timestamp&q.op=ge&q.value="
        + encode(chart.getAttribute("data-start"))
        + "&q.field=timestamp&q.op=lt&q.value="
        + encode(chart.getAttribute("data-end"))
        + "&period="
        + chart.getAttribute("data-period")
        + (groupby.isEmpty() ? "" : "&groupby=" + groupby);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private JsonNode api(String base, String pathAndQuery, String header, String value)
      throws Exception {
    HttpResponse<String> response = get(base, pathAndQuery, header, value);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  // The message of the error the API answers to a request without credentials.
  private String errorMessage(String base, String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(base, pathAndQuery, "Accept", "application/json");
    assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    // Each family's envelope: Ceilometer's fault, CloudSigma's list, the standard error.
    com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(response.body());
    if (body.isArray()) {
      return body.path(0).path("error_message").asText();
    }
    return body.has("error_message")
        ? body.path("error_message").path("faultstring").asText()
        : body.path("error").path("message").asText();
  }

  private HttpResponse<String> get(String base, String pathAndQuery, String header, String value)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header(header, value).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  // No warning or error in the console, but for the expected refusals of the API: Chromium logs
  // each answer >= 400 as "Failed to load resource".
  private void assertOnlyRefusalsLogged(int... statuses) {
    for (LogEntry entry : chromium.takeLog()) {
      boolean refusal = entry.getLevel().intValue() < Level.WARNING.intValue();
      for (int status : statuses) {
        refusal |=
            entry
                .getMessage()
                .contains(
                    "Failed to load resource: the server responded with a status of " + status);
      }
      assertThat(refusal).as(entry.toString()).isTrue();
    }
  }

  private String exampleServer(Authenticator authenticator) throws Exception {
    ExampleServer server =
        ExampleServer.start(
            DemoApi.create(Clock.systemUTC(), authenticator),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            HttpLimits.defaults().withPool(2, 8),
            line -> {});
    servers.add(server);
    return "http://127.0.0.1:" + server.port();
  }
}
