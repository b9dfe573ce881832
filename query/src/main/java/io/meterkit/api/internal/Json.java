package io.meterkit.api.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.IsoTime;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON for every endpoint family: one configured Jackson mapper, tree builders, and the wire form
 * of timestamps ({@link IsoTime#format}).
 *
 * <p>Reading keeps decimal numbers exact ({@link java.math.BigDecimal}), so a metadata value keeps
 * its JSON text, and rejects duplicate keys and trailing content. Thread-safe: the mapper is
 * configured once and never changed.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          // Exact decimals (billing amounts, hours) are written as 0.01000000000000000000, never
          // as 1.000000000000000000E-2.
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  /** The number in Jackson's message {@code Value "1e2147483648" can not be deserialized ...}. */
  private static final Pattern QUOTED_VALUE = Pattern.compile("Value \"([^\"]*)\"");

  private static final List<Map.Entry<Pattern, String>> PARSER_NOISE =
      List.of(
          Map.entry(
              Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]"),
              "line $1, column $2"),
          Map.entry(Pattern.compile(": enable `[^`]*` to allow"), ""),
          Map.entry(Pattern.compile(", from `[^`]*`"), ""),
          Map.entry(Pattern.compile(" \\(bound as `[^`]*`\\)"), ""),
          Map.entry(Pattern.compile(": not allowed as per `[^`]*`"), ""),
          Map.entry(
              Pattern.compile(
                  " \\(not recognized as one since Feature '[^']*' not enabled for parser\\)"),
              ""));

  /** The request body, as the facts of a refusal name it. */
  public static final RequestField BODY = new RequestField("body");

  private Json() {}

  /**
   * Returns a new, empty JSON object.
   *
   * @return the object node
   */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Returns a new, empty JSON array.
   *
   * @return the array node
   */
  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * Returns the wire form of an instant, or JSON null.
   *
   * @param epochMillis epoch milliseconds UTC, or null
   * @return {@code yyyy-MM-ddTHH:mm:ss} (plus a fraction when not zero), or null
   */
  public static JsonNode timestamp(Long epochMillis) {
    return epochMillis == null
        ? NullNode.getInstance()
        : TextNode.valueOf(IsoTime.format(epochMillis));
  }

  /**
   * Returns the wire form of an instant shown in a zone, or JSON null.
   *
   * @param epochMillis epoch milliseconds UTC, or null
   * @param zone the zone, or null for the offset-less UTC form of {@link #timestamp(Long)}
   * @return {@code yyyy-MM-ddTHH:mm:ss+hh:mm} (plus a fraction when not zero), or null
   */
  public static JsonNode timestamp(Long epochMillis, ZoneId zone) {
    return epochMillis == null || zone == null
        ? timestamp(epochMillis)
        : TextNode.valueOf(IsoTime.format(epochMillis, zone));
  }

  /**
   * Returns a 200 response with a JSON body.
   *
   * @param body the body
   * @return the response
   */
  public static ApiResponse ok(JsonNode body) {
    return response(200, body);
  }

  /**
   * Returns a response with a JSON body.
   *
   * @param status the HTTP status
   * @param body the body
   * @return the response
   */
  public static ApiResponse response(int status, JsonNode body) {
    return ApiResponse.json(status, write(body));
  }

  /**
   * Serialises a tree.
   *
   * @param body the tree
   * @return UTF-8 JSON bytes
   */
  public static byte[] write(JsonNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes JSON through a generator of the configured mapper, without building a tree.
   *
   * @param sizeHint the expected number of bytes
   * @param writing writes one JSON value
   * @return UTF-8 JSON bytes, the same a tree of that value would give {@link #write(JsonNode)}
   */
  public static byte[] write(int sizeHint, Writing writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, sizeHint));
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
      writing.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes a tree through a generator of {@link #write(int, Writing)}.
   *
   * @param json the generator
   * @param tree the tree
   * @throws IOException when the generator cannot write
   */
  public static void writeTree(JsonGenerator json, JsonNode tree) throws IOException {
    MAPPER.writeTree(json, tree);
  }

  /**
   * Returns a streaming parser over JSON bytes with the mapper's settings, except that duplicate
   * keys are left to the caller to detect.
   *
   * @param json the UTF-8 bytes
   * @return the parser; close it
   * @throws IOException when the parser cannot be created
   */
  public static JsonParser parser(InputStream json) throws IOException {
    JsonParser parser = MAPPER.getFactory().createParser(json);
    parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return parser;
  }

  /** Writes one JSON value; see {@link #write(int, Writing)}. */
  @FunctionalInterface
  public interface Writing {
    /**
     * Writes the value.
     *
     * @param json the generator
     * @throws IOException when the generator cannot write
     */
    void writeTo(JsonGenerator json) throws IOException;
  }

  /**
   * Parses a request body.
   *
   * @param request the request
   * @return the parsed tree
   * @throws InvalidQueryException when the body is empty or not JSON
   */
  public static JsonNode readBody(ApiRequest request) {
    String text = request.bodyText();
    if (text.isBlank()) {
      throw new InvalidQueryException(
          Violation.of(BODY, Rule.REQUIRED, text), "body must be JSON, got an empty body");
    }
    return read(text, "body");
  }

  /**
   * Parses JSON text.
   *
   * @param text the JSON text
   * @param what what the text is, for the error message, e.g. {@code body} or {@code line 3}
   * @return the parsed tree
   * @throws InvalidQueryException naming {@code what} and the parser's complaint
   */
  public static JsonNode read(String text, String what) {
    try {
      return MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new InvalidQueryException(
          Violation.of(new RequestField(what), Rule.MALFORMED, text, "valid JSON"),
          what
              + " must be valid JSON: "
              + withoutParserInternals(e.getOriginalMessage())
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
    } catch (NumberFormatException e) {
      // Decimals are read as BigDecimal, whose scale is an int: 1e2147483648 does not fit.
      Matcher value = QUOTED_VALUE.matcher(String.valueOf(e.getMessage()));
      throw new InvalidQueryException(
          Violation.of(new RequestField(what), Rule.MALFORMED, text, "valid JSON"),
          what
              + " must be valid JSON: "
              + (value.find()
                  ? "number " + MeterkitException.describe(value.group(1)) + " is out of range"
                  : "a number is out of range"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Drops what only a Jackson user could act on from a parser message: configuration hints such as
   * {@code : enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow}, the source of limits
   * ({@code , from `StreamReadConstraints.getMaxNestingDepth()`}), class names and redacted
   * sources.
   */
  private static String withoutParserInternals(String message) {
    String clean = message;
    for (Map.Entry<Pattern, String> noise : PARSER_NOISE) {
      clean = noise.getKey().matcher(clean).replaceAll(noise.getValue());
    }
    return clean;
  }

  /**
   * Renders a JSON value for an error message: its JSON text, cut after 64 characters as {@link
   * MeterkitException#describe} cuts strings, so that a huge input does not make a huge message.
   *
   * @param node any node
   * @return e.g. {@code {"a":1}}, or {@code [1,2,3,...... (100000 characters)}
   */
  public static String describe(JsonNode node) {
    return abbreviate(node.toString());
  }

  /**
   * Cuts text after 64 characters, saying how long it was; shorter text is returned as is.
   *
   * @param text any text
   * @return the text, or its first 64 characters followed by {@code ... (N characters)}
   */
  public static String abbreviate(String text) {
    return text.length() <= 64
        ? text
        : text.substring(0, 64) + "... (" + text.length() + " characters)";
  }

  /**
   * Names the JSON type of a node for error messages.
   *
   * @param node any node
   * @return e.g. {@code object}, {@code array}, {@code string}, {@code number}
   */
  public static String typeName(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        return "object";
      case ARRAY:
        return "array";
      case STRING:
        return "string";
      case NUMBER:
        return "number";
      case BOOLEAN:
        return "boolean";
      case NULL:
        return "null";
      default:
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
