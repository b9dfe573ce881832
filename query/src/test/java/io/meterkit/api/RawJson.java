package io.meterkit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON body kept as ordered members whose values are raw JSON text, so that a test can write any
 * token, including invalid ones ({@code NaN}, {@code 1e2147483648}, duplicate keys, unpaired
 * surrogate escapes). Immutable.
 *
 * @param array whether the body is an array of the objects, or the single first object
 * @param objects the objects, each an ordered list of (key, raw value) members
 */
record RawJson(boolean array, List<List<Map.Entry<String, String>>> objects) {
  RawJson {
    List<List<Map.Entry<String, String>>> copy = new ArrayList<>();
    for (List<Map.Entry<String, String>> object : objects) {
      copy.add(List.copyOf(object));
    }
    objects = List.copyOf(copy);
  }

  /** Returns a single object from alternating keys and raw values. */
  static RawJson object(String... keysAndRawValues) {
    return new RawJson(false, List.of(members(keysAndRawValues)));
  }

  /** Returns an array of objects. */
  static RawJson array(List<List<Map.Entry<String, String>>> objects) {
    return new RawJson(true, objects);
  }

  static List<Map.Entry<String, String>> members(String... keysAndRawValues) {
    List<Map.Entry<String, String>> members = new ArrayList<>();
    for (int i = 0; i < keysAndRawValues.length; i += 2) {
      members.add(Map.entry(keysAndRawValues[i], keysAndRawValues[i + 1]));
    }
    return members;
  }

  /** Returns the keys of object {@code index}. */
  List<String> keys(int index) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, String> member : objects.get(index)) {
      keys.add(member.getKey());
    }
    return keys;
  }

  /** Sets {@code key} of object {@code index} to a raw value, replacing it or adding it last. */
  RawJson with(int index, String key, String rawValue) {
    List<Map.Entry<String, String>> object = new ArrayList<>(objects.get(index));
    boolean replaced = false;
    for (int i = 0; i < object.size(); i++) {
      if (object.get(i).getKey().equals(key)) {
        object.set(i, Map.entry(key, rawValue));
        replaced = true;
      }
    }
    if (!replaced) {
      object.add(Map.entry(key, rawValue));
    }
    return replace(index, object);
  }

  /** Removes {@code key} from object {@code index}. */
  RawJson without(int index, String key) {
    List<Map.Entry<String, String>> object = new ArrayList<>(objects.get(index));
    object.removeIf(member -> member.getKey().equals(key));
    return replace(index, object);
  }

  /** Repeats member {@code key} of object {@code index} right after itself. */
  RawJson duplicated(int index, String key, String rawValue) {
    List<Map.Entry<String, String>> object = new ArrayList<>(objects.get(index));
    for (int i = 0; i < object.size(); i++) {
      if (object.get(i).getKey().equals(key)) {
        object.add(i + 1, Map.entry(key, rawValue));
        return replace(index, object);
      }
    }
    throw new IllegalArgumentException("no member " + key);
  }

  /** Returns the raw value of {@code key} in object {@code index}, or null. */
  String value(int index, String key) {
    for (Map.Entry<String, String> member : objects.get(index)) {
      if (member.getKey().equals(key)) {
        return member.getValue();
      }
    }
    return null;
  }

  /** Renders the body as text. */
  String render() {
    if (!array) {
      return renderObject(objects.get(0));
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < objects.size(); i++) {
      out.append(i == 0 ? "" : ",").append(renderObject(objects.get(i)));
    }
    return out.append(']').toString();
  }

  /**
   * Quotes a Java string as a JSON string; characters other than quote, backslash and controls
   * stay.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private RawJson replace(int index, List<Map.Entry<String, String>> object) {
    List<List<Map.Entry<String, String>>> copy = new ArrayList<>(objects);
    copy.set(index, object);
    return new RawJson(array, copy);
  }

  private static String renderObject(List<Map.Entry<String, String>> object) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < object.size(); i++) {
      Map.Entry<String, String> member = object.get(i);
      out.append(i == 0 ? "" : ",").append(quote(member.getKey())).append(':');
      out.append(member.getValue());
    }
    return out.append('}').toString();
  }
}
