package io.meterkit.api.v2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.SampleReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the body of {@code POST /v2/meters/{meter}} in one pass of Jackson's streaming parser,
 * for the bodies collectors send: an array of objects whose attributes each appear once, text
 * attributes as strings, {@code counter_volume} a finite number, timestamps in {@link
 * PostedTime#parse}'s forms, {@code resource_metadata} an object of strings, JSON null for an
 * optional attribute. Every other body (and every mistake) is left to the tree reader, {@link
 * PostedSamples#decodeTree}, which defines the result: for a body this decodes, it decodes the
 * same.
 *
 * <p>A timestamp text repeated from the previous sample of the body is parsed once. Thread-safe:
 * stateless.
 */
final class StreamedSamples {
  private static final Map<String, Integer> ATTRIBUTE_BITS = new HashMap<>();
  private static final int MANDATORY_BITS;

  static {
    int mandatory = 0;
    for (int i = 0; i < PostedSamples.ATTRIBUTES.size(); i++) {
      String name = PostedSamples.ATTRIBUTES.get(i);
      ATTRIBUTE_BITS.put(name, 1 << i);
      mandatory |= PostedSamples.MANDATORY.contains(name) ? 1 << i : 0;
    }
    MANDATORY_BITS = mandatory;
  }

  private static final int VOLUME = bit("counter_volume");
  private static final int TIMESTAMP = bit("timestamp");
  private static final int RECORDED_AT = bit("recorded_at");
  private static final int METADATA = bit("resource_metadata");

  private StreamedSamples() {}

  /**
   * Decodes a body.
   *
   * @param body the body
   * @return the decoded samples in body order, or null when the tree reader must decide
   */
  static List<PostedSamples.Decoded> decode(InputStream body) {
    try (JsonParser json = Json.parser(body)) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      List<PostedSamples.Decoded> decoded = new ArrayList<>();
      Times times = new Times();
      for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; ) {
        if (token != JsonToken.START_OBJECT) {
          return null;
        }
        PostedSamples.Decoded sample = sample(json, times);
        if (sample == null) {
          return null;
        }
        decoded.add(sample);
        token = json.nextToken();
      }
      return decoded.isEmpty() || json.nextToken() != null ? null : decoded;
    } catch (IOException | RuntimeException e) {
      // Malformed JSON, a number out of range...: the tree reader words the refusal.
      return null;
    }
  }

  private static PostedSamples.Decoded sample(JsonParser json, Times times) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    int seen = 0;
    int present = 0;
    double volume = 0;
    PostedTime timestamp = null;
    PostedTime recordedAt = null;
    Map<String, String> metadata = Collections.emptyMap();
    List<String> metadataEcho = List.of();
    for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; ) {
      String name = json.currentName();
      Integer bit = ATTRIBUTE_BITS.get(name);
      if (bit == null || (seen & bit) != 0) {
        return null;
      }
      seen |= bit;
      token = json.nextToken();
      present |= token == JsonToken.VALUE_NULL ? 0 : bit; // the tree reader takes null as absent
      if (token == JsonToken.VALUE_NULL) {
        // absent
      } else if (bit == VOLUME) {
        if (!token.isNumeric()) {
          return null;
        }
        volume = json.getDoubleValue();
        if (!Double.isFinite(volume)) {
          return null;
        }
      } else if (bit == METADATA) {
        if (token != JsonToken.START_OBJECT) {
          return null;
        }
        List<String> pairs = new ArrayList<>(8);
        metadata = new TreeMap<>();
        for (token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
          String key = json.currentName();
          if (json.nextToken() != JsonToken.VALUE_STRING || repeated(pairs, key)) {
            return null;
          }
          String value = json.getText();
          pairs.add(key);
          pairs.add(value);
          metadata.put(SampleReader.flatKey(key), value);
        }
        metadataEcho = pairs;
      } else if (token != JsonToken.VALUE_STRING) {
        return null;
      } else if (bit == TIMESTAMP || bit == RECORDED_AT) {
        PostedTime time = times.parse(json.getText());
        if (time == null) {
          return null;
        }
        if (bit == TIMESTAMP) {
          timestamp = time;
        } else {
          recordedAt = time;
        }
      } else {
        texts.put(name, json.getText());
      }
      token = json.nextToken();
    }
    if ((present & MANDATORY_BITS) != MANDATORY_BITS) {
      return null;
    }
    return new PostedSamples.Decoded(texts, volume, timestamp, recordedAt, metadata, metadataEcho);
  }

  private static boolean repeated(List<String> pairs, String key) {
    for (int i = 0; i < pairs.size(); i += 2) {
      if (pairs.get(i).equals(key)) {
        return true;
      }
    }
    return false;
  }

  private static int bit(String name) {
    return ATTRIBUTE_BITS.get(name);
  }

  /** Parses timestamps, reusing the previous answer for the same text. Not thread-safe. */
  private static final class Times {
    private String text;
    private PostedTime time;

    PostedTime parse(String next) {
      if (!next.equals(text)) {
        text = next;
        time = PostedTime.parse(next);
      }
      return time;
    }
  }
}
