package io.meterkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared fixtures of the API tests: principals, requests, a known data set, JSON assertions. */
public final class ApiTestSupport {
  /** When the fixture store stamps {@code recorded_at}. */
  public static final Instant RECORDED_AT = Instant.parse("2014-10-23T00:00:00Z");

  /** An admin. */
  public static final Principal ADMIN =
      new Principal("admin-user", "admin-project", List.of("admin"));

  /** A member of project p-1. */
  public static final Principal MEMBER_P1 = new Principal("u-1", "p-1", List.of("Member"));

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ApiTestSupport() {}

  /** Returns a clock fixed at {@code instant}. */
  public static Clock clockAt(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  /** Returns an empty store whose {@code recorded_at} is {@link #RECORDED_AT}. */
  public static MeterStore emptyStore() {
    return MeterStore.create(
        StoreConfig.builder().clock(Clock.fixed(RECORDED_AT, ZoneOffset.UTC)).build());
  }

  /**
   * Returns the known data set, all on 2014-10-22 (UTC).
   *
   * <pre>
   * cpu_util (gauge, %)           vm-1 p-1 u-1 openstack {flavor=m1.small, disk_gb=20}: 00:10 10, 00:20 20, 01:10 30
   *                               vm-2 p-1 u-2 openstack {flavor=m1.large}: 00:30 40, 02:00 50
   *                               vm-3 p-2 u-3 other     {flavor=m1.small}: 00:15 5
   * network.incoming.bytes (delta, B) vm-1 p-1 u-1 openstack: 00:10 100, 00:40 300
   *                               vm-3 p-2 u-3 other: 00:20 1000
   * </pre>
   */
  public static MeterStore knownStore() {
    MeterStore store = emptyStore();
    List<Sample> samples = new ArrayList<>();
    Map<String, String> small = Map.of("flavor", "m1.small", "disk_gb", "20");
    samples.add(cpu("vm-1", "p-1", "u-1", "openstack", small, "00:10", 10, "cpu-1a"));
    samples.add(cpu("vm-1", "p-1", "u-1", "openstack", small, "00:20", 20, "cpu-1b"));
    samples.add(cpu("vm-1", "p-1", "u-1", "openstack", small, "01:10", 30, "cpu-1c"));
    Map<String, String> large = Map.of("flavor", "m1.large");
    samples.add(cpu("vm-2", "p-1", "u-2", "openstack", large, "00:30", 40, "cpu-2a"));
    samples.add(cpu("vm-2", "p-1", "u-2", "openstack", large, "02:00", 50, "cpu-2b"));
    samples.add(
        cpu("vm-3", "p-2", "u-3", "other", Map.of("flavor", "m1.small"), "00:15", 5, "cpu-3a"));
    samples.add(net("vm-1", "p-1", "u-1", "openstack", "00:10", 100, "net-1a"));
    samples.add(net("vm-1", "p-1", "u-1", "openstack", "00:40", 300, "net-1b"));
    samples.add(net("vm-3", "p-2", "u-3", "other", "00:20", 1000, "net-3a"));
    store.recordAll(samples);
    return store;
  }

  private static Sample cpu(
      String resource,
      String project,
      String user,
      String source,
      Map<String, String> metadata,
      String time,
      double volume,
      String id) {
    return Sample.builder("cpu_util", MeterType.GAUGE, "%")
        .volume(volume)
        .timestamp(Instant.parse("2014-10-22T" + time + ":00Z"))
        .resourceId(resource)
        .projectId(project)
        .userId(user)
        .source(source)
        .metadata(metadata)
        .messageId(id)
        .build();
  }

  private static Sample net(
      String resource,
      String project,
      String user,
      String source,
      String time,
      double volume,
      String id) {
    return Sample.builder("network.incoming.bytes", MeterType.DELTA, "B")
        .volume(volume)
        .timestamp(Instant.parse("2014-10-22T" + time + ":00Z"))
        .resourceId(resource)
        .projectId(project)
        .userId(user)
        .source(source)
        .messageId(id)
        .build();
  }

  /** Returns a GET request by {@code caller}. */
  public static ApiRequest get(String pathAndQuery, Principal caller) {
    return ApiRequest.builder("GET", pathAndQuery).principal(caller).build();
  }

  /** Returns a GET request by {@link #ADMIN}. */
  public static ApiRequest get(String pathAndQuery) {
    return get(pathAndQuery, ADMIN);
  }

  /** Returns a POST request with a JSON body by {@code caller}. */
  public static ApiRequest post(String path, String body, Principal caller) {
    return ApiRequest.builder("POST", path)
        .header("Content-Type", "application/json")
        .body(body)
        .principal(caller)
        .build();
  }

  /** Parses a response body. */
  public static JsonNode json(ApiResponse response) {
    return parse(response.bodyText());
  }

  /** Parses JSON text (single quotes allowed for readable test literals). */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code src/test/resources/golden/NAME}. */
  public static JsonNode golden(String name) {
    try (InputStream in = ApiTestSupport.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts a 200 response whose body equals {@code expected} (numbers compared as doubles). */
  public static void assertOk(ApiResponse response, JsonNode expected) {
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    assertJson(json(response), expected);
  }

  /** Asserts JSON equality, formatting aside; numbers compare as doubles (so 12 equals 12.0). */
  public static void assertJson(JsonNode actual, JsonNode expected) {
    assertThat(actual.equals(ApiTestSupport::compareNodes, expected))
        .as("expected %s%nbut was  %s", expected.toPrettyString(), actual.toPrettyString())
        .isTrue();
  }

  /** Asserts an error response with its exact status and message. */
  public static void assertError(ApiResponse response, int status, String message) {
    assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
    assertThat(response.headers()).containsEntry("Content-Type", ApiResponse.JSON_CONTENT_TYPE);
    JsonNode body = json(response);
    assertThat(body.path("error").path("code").asInt()).isEqualTo(status);
    assertThat(body.path("error").path("message").asText()).isEqualTo(message);
    assertThat(body.size()).isEqualTo(1);
  }

  /**
   * Asserts a Ceilometer fault: {@code {"error_message": {"faultcode", "faultstring", "debuginfo":
   * null}}} with {@code Content-Type: application/json}.
   */
  public static void assertFault(ApiResponse response, int status, String faultstring) {
    assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json");
    JsonNode body = json(response);
    assertThat(body.size()).as(response.bodyText()).isEqualTo(1);
    JsonNode fault = body.path("error_message");
    assertThat(fault.path("faultcode").asText()).isEqualTo(status < 500 ? "Client" : "Server");
    assertThat(fault.path("faultstring").asText()).isEqualTo(faultstring);
    assertThat(fault.has("debuginfo") && fault.get("debuginfo").isNull()).isTrue();
    assertThat(fault.size()).isEqualTo(3);
  }

  /** Returns the faultstring of a Ceilometer fault, or the message of a standard error. */
  public static String faultstring(ApiResponse response) {
    JsonNode body = json(response);
    return body.has("error_message")
        ? body.path("error_message").path("faultstring").asText()
        : body.path("error").path("message").asText();
  }

  private static int compareNodes(JsonNode left, JsonNode right) {
    if (left.isNumber() && right.isNumber()) {
      return Double.compare(left.doubleValue(), right.doubleValue());
    }
    return left.equals(right) ? 0 : 1;
  }
}
