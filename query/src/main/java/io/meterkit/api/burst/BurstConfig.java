package io.meterkit.api.burst;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Burst prices and subscriptions read from a JSON document: {@code {"prices": {"cpu": "0.0001",
 * ...}, "subscriptions": {"owner": {"cpu": 2000, ...}}}}. Prices and levels may be JSON numbers or
 * strings; either way they are read as exact decimals.
 *
 * <p>Immutable and thread-safe.
 *
 * @param prices resource type to price per unit-hour
 * @param subscriptions owner to (resource type to subscribed level)
 */
public record BurstConfig(
    Map<String, BigDecimal> prices, Map<String, Map<String, BigDecimal>> subscriptions)
    implements BurstPricing {
  /** The configuration document, as the facts of a refusal name it. */
  private static final RequestField CONFIG = new RequestField("burst config");

  /** Copies the maps. */
  public BurstConfig {
    prices = Map.copyOf(prices);
    Map<String, Map<String, BigDecimal>> copy = new LinkedHashMap<>();
    subscriptions.forEach((owner, levels) -> copy.put(owner, Map.copyOf(levels)));
    subscriptions = Map.copyOf(copy);
  }

  /**
   * Reads a configuration file.
   *
   * @param file the JSON file
   * @return the configuration
   * @throws IOException when the file cannot be read
   * @throws InvalidQueryException when the document is malformed
   */
  public static BurstConfig read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /**
   * Parses a configuration document.
   *
   * @param json the JSON text
   * @return the configuration
   * @throws InvalidQueryException when the document is malformed, naming the bad entry
   */
  public static BurstConfig parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidQueryException(
          Violation.of(CONFIG, Rule.MALFORMED, json, "valid JSON"),
          "burst config is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidQueryException(
          Violation.of(CONFIG, Rule.WRONG_TYPE, json, "object"),
          "burst config must be a JSON object");
    }
    Map<String, BigDecimal> prices = decimals(root.path("prices"), "prices");
    Map<String, Map<String, BigDecimal>> subscriptions = new LinkedHashMap<>();
    JsonNode owners = root.path("subscriptions");
    if (!owners.isMissingNode() && !owners.isObject()) {
      throw new InvalidQueryException(
          Violation.of(
              new RequestField("subscriptions"), Rule.WRONG_TYPE, owners.toString(), "object"),
          "burst config subscriptions must be an object");
    }
    for (Map.Entry<String, JsonNode> owner : owners.properties()) {
      subscriptions.put(
          owner.getKey(), decimals(owner.getValue(), "subscriptions." + owner.getKey()));
    }
    return new BurstConfig(prices, subscriptions);
  }

  @Override
  public BigDecimal subscription(String owner, String resourceType) {
    return subscriptions.getOrDefault(owner, Map.of()).getOrDefault(resourceType, BigDecimal.ZERO);
  }

  private static Map<String, BigDecimal> decimals(JsonNode node, String where) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    if (node.isMissingNode()) {
      return values;
    }
    if (!node.isObject()) {
      throw new InvalidQueryException(
          Violation.of(new RequestField(where), Rule.WRONG_TYPE, node.toString(), "object"),
          "burst config " + where + " must be an object");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode value = entry.getValue();
      try {
        BigDecimal decimal = new BigDecimal(value.isNumber() ? value.asText() : value.textValue());
        if (decimal.signum() < 0) {
          throw new NumberFormatException("negative");
        }
        values.put(entry.getKey(), decimal);
      } catch (NumberFormatException | NullPointerException e) {
        throw new InvalidQueryException(
            Violation.of(
                new RequestField(where + "." + entry.getKey()),
                Rule.MALFORMED,
                value.toString(),
                "a non-negative decimal"),
            "burst config "
                + where
                + "."
                + entry.getKey()
                + " must be a non-negative decimal, got: "
                + value);
      }
    }
    return values;
  }
}
