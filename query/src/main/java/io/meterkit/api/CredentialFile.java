package io.meterkit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the JSON files of {@link TokenAuthenticator} and {@link BasicAuthenticator}: {@code
 * {"<list>": [{...}, ...]}}, each entry naming the caller it authenticates with {@code user},
 * {@code project} (both optional strings) and {@code roles} (an optional array of strings). Every
 * mistake is an {@link IllegalArgumentException} naming the entry and the field, e.g. {@code
 * tokens[2].roles must be an array of strings}; unknown fields are mistakes too, so that a typo is
 * not silently ignored. Thread-safe: stateless.
 */
final class CredentialFile {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> CALLER_FIELDS = Set.of("user", "project", "roles");

  private CredentialFile() {}

  /** The entries of {@code {"<list>": [...]}}, in order. */
  static List<ObjectNode> entries(String json, String list) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the file must be JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
    if (root == null || !root.isObject() || root.size() != 1 || !root.path(list).isArray()) {
      throw new IllegalArgumentException(
          "the file must be a JSON object {\"" + list + "\": [...]} and nothing else");
    }
    List<ObjectNode> entries = new ArrayList<>();
    ArrayNode items = (ArrayNode) root.get(list);
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).isObject()) {
        throw new IllegalArgumentException(list + "[" + i + "] must be an object");
      }
      entries.add((ObjectNode) items.get(i));
    }
    return entries;
  }

  /** Refuses fields other than the caller's and {@code own}. */
  static void allowOnly(ObjectNode entry, String where, Set<String> own) {
    Iterator<String> names = entry.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!own.contains(name) && !CALLER_FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            where
                + " has an unknown field '"
                + name
                + "'; accepted: "
                + own
                + " and "
                + CALLER_FIELDS);
      }
    }
  }

  /** A string field; null when absent or JSON null and not required. */
  static String text(ObjectNode entry, String where, String field, boolean required) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException(where + "." + field + " is required");
      }
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new IllegalArgumentException(where + "." + field + " must be a non-blank string");
    }
    return value.textValue();
  }

  /** The caller an entry names; {@code defaultUser} when it has no {@code user}. */
  static Principal caller(ObjectNode entry, String where, String defaultUser) {
    String user = text(entry, where, "user", false);
    String project = text(entry, where, "project", false);
    List<String> roles = new ArrayList<>();
    JsonNode list = entry.get("roles");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new IllegalArgumentException(where + ".roles must be an array of strings");
      }
      for (JsonNode role : list) {
        if (!role.isTextual() || role.textValue().isBlank()) {
          throw new IllegalArgumentException(
              where + ".roles must be an array of non-blank strings");
        }
        roles.add(role.textValue().strip());
      }
    }
    return new Principal(user == null ? defaultUser : user, project, roles);
  }

  /** The JSON text of one entry: {@code fields} first, then the caller's. */
  static String entry(ObjectNode fields, Principal caller) {
    ObjectNode entry = MAPPER.createObjectNode();
    entry.setAll(fields);
    entry.put("user", caller.userId());
    entry.put("project", caller.projectId());
    ArrayNode roles = entry.putArray("roles");
    caller.roles().forEach(roles::add);
    return entry.toString();
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
