package io.meterkit.api.v2;

import static io.meterkit.api.ApiTestSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ApiTestSupport;
import io.meterkit.api.MeterApi;
import io.meterkit.core.MeterType;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random data with awkward text (commas, quotes, line breaks, accents) and random queries:
 * the CSV answer, read back by a strict RFC 4180 reader, holds exactly the values of the JSON
 * answer to the same request, one record per item, every non-null leaf in its column.
 */
@Timeout(60)
class CsvRoundTripPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALPHABET = "ab,\"é Z9.-";

  private static String text(Random random, boolean lineBreaks) {
    StringBuilder s = new StringBuilder("x");
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      s.append(
          lineBreaks && random.nextInt(8) == 0
              ? "\r\n"
              : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private static MeterApi randomApi(Random random) {
    MeterStore store = ApiTestSupport.emptyStore();
    List<Sample> samples = new ArrayList<>();
    int count = 1 + random.nextInt(40);
    String[] units = {text(random, false), text(random, false)};
    for (int i = 0; i < count; i++) {
      int meter = random.nextInt(2);
      samples.add(
          Sample.builder("m" + (meter + 1), MeterType.GAUGE, units[meter])
              .volume(random.nextInt(2000) / 8.0 - 50)
              .timestamp(Instant.parse("2014-10-22T00:00:00Z").plusSeconds(random.nextInt(7200)))
              .resourceId(text(random, false))
              .projectId(random.nextBoolean() ? "p-1" : text(random, false))
              .userId(random.nextBoolean() ? null : text(random, false))
              .source("s")
              .metadata(
                  random.nextBoolean()
                      ? Map.of()
                      : Map.of(text(random, false), text(random, true), "k", text(random, true)))
              .build());
    }
    store.recordAll(samples);
    return MeterApi.builder(store)
        .windowPolicy(WindowPolicy.NONE)
        .clock(ApiTestSupport.clockAt("2014-10-22T03:00:00Z"))
        .build();
  }

  private static String randomQuery(Random random) {
    switch (random.nextInt(3)) {
      case 0:
        return "/v2/samples?limit=" + (1 + random.nextInt(50));
      case 1:
        return "/v2/meters/m1?limit=" + (1 + random.nextInt(50));
      default:
        StringBuilder q =
            new StringBuilder("/v2/meters/m2/statistics?period=" + random.nextInt(4000));
        for (String field :
            List.of("resource_id", "project_id", "user_id", "resource_metadata.k")) {
          if (random.nextBoolean()) {
            q.append("&groupby=").append(field);
          }
        }
        if (random.nextBoolean()) {
          q.append("&aggregate.func=cardinality&aggregate.param=resource_id");
        }
        for (String function : List.of("avg", "sum", "stddev", "count")) {
          if (random.nextBoolean()) {
            q.append("&aggregate.func=").append(function);
          }
        }
        return q.toString();
    }
  }

  private static ApiResponse get(MeterApi api, String query, String accept) {
    return api.handle(
        ApiRequest.builder("GET", query).header("Accept", accept).principal(ADMIN).build());
  }

  @Test
  void csvHoldsTheSameValuesAsJson() throws Exception {
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      MeterApi api = randomApi(random);
      for (int q = 0; q < 5; q++) {
        String query = randomQuery(random);
        ApiResponse json = get(api, query, "application/json");
        ApiResponse csv = get(api, query, "text/csv");
        assertThat(json.status()).as(query + " " + json.bodyText()).isEqualTo(200);
        assertThat(csv.status()).as(query).isEqualTo(200);
        JsonNode rows = JSON.readTree(json.body());
        List<List<String>> records = Rfc4180Reader.read(csv.bodyText());
        String what = "seed " + seed + " " + query;
        if (rows.isEmpty()) {
          assertThat(records).as(what).isEmpty();
          continue;
        }
        List<String> header = records.get(0);
        assertThat(new HashSet<>(header)).as(what).hasSameSizeAs(header);
        assertThat(records).as(what).hasSize(rows.size() + 1);
        for (int r = 0; r < rows.size(); r++) {
          JsonNode row = rows.get(r);
          List<String> record = records.get(r + 1);
          assertThat(record).as(what).hasSameSizeAs(header);
          Set<String> leaves = new HashSet<>();
          row.properties()
              .forEach(
                  field -> {
                    if (field.getValue().isObject()) {
                      field
                          .getValue()
                          .properties()
                          .forEach(key -> leaves.add(field.getKey() + "." + key.getKey()));
                    } else if (!field.getValue().isNull()) {
                      leaves.add(field.getKey());
                    }
                  });
          assertThat(header).as(what + " every non-null value has a column").containsAll(leaves);
          for (int c = 0; c < header.size(); c++) {
            String column = header.get(c);
            JsonNode value = row.get(column);
            if (value == null) {
              int dot = column.indexOf('.');
              JsonNode parent = dot < 0 ? null : row.get(column.substring(0, dot));
              value = parent == null ? null : parent.get(column.substring(dot + 1));
            }
            String expected =
                value == null || value.isNull()
                    ? ""
                    : value.isTextual() ? value.textValue() : value.toString();
            assertThat(record.get(c))
                .as(what + " row " + r + " column " + column)
                .isEqualTo(expected);
          }
        }
      }
    }
  }
}
