package io.meterkit.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON answer that is an array of objects (v2 statistics rows, v2 samples) into RFC 4180
 * CSV: a header row, then one record per object, every line ending with CRLF; a field holding a
 * comma, a double quote, CR or LF is quoted, its quotes doubled.
 *
 * <p>Columns are the objects' field names in the order they first appear. A field that holds an
 * object in some row ({@code groupby}, {@code aggregate}, {@code metadata}) becomes one column per
 * key of those objects, named {@code field.key} ({@code groupby.resource_id}, {@code
 * aggregate.percentile/95}), keys in the order they first appear; a field that is null in every row
 * stays one column. A cell is the value's text: strings as they are, numbers and booleans as the
 * JSON answer writes them, null (or a missing key) as the empty field, anything nested deeper as
 * its JSON text. An empty array has no columns to name: its CSV is empty.
 *
 * <p>Thread-safe: stateless.
 */
public final class CsvTable {
  /** The content type of a CSV answer. */
  public static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CsvTable() {}

  /**
   * Converts a JSON array of objects.
   *
   * @param json the UTF-8 JSON answer, an array of objects
   * @return the UTF-8 CSV bytes
   * @throws IllegalArgumentException when the answer is not an array of objects
   */
  public static byte[] fromJson(byte[] json) {
    JsonNode rows;
    try {
      rows = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!rows.isArray()) {
      throw new IllegalArgumentException(
          "CSV needs an array of objects, got: " + rows.getNodeType());
    }
    List<Column> columns = columns(rows);
    StringBuilder csv = new StringBuilder();
    if (!columns.isEmpty()) {
      List<String> header = new ArrayList<>(columns.size());
      for (Column column : columns) {
        header.add(column.key() == null ? column.field() : column.field() + "." + column.key());
      }
      record(csv, header);
    }
    for (JsonNode row : rows) {
      List<String> cells = new ArrayList<>(columns.size());
      for (Column column : columns) {
        JsonNode value = row.get(column.field());
        if (column.key() != null) {
          value = value == null || !value.isObject() ? null : value.get(column.key());
        }
        cells.add(text(value));
      }
      record(csv, cells);
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One column: a field, and the key within it when the field holds objects. */
  private record Column(String field, String key) {}

  private static List<Column> columns(JsonNode rows) {
    Map<String, Set<String>> fields = new LinkedHashMap<>();
    Set<String> objects = new LinkedHashSet<>();
    for (JsonNode row : rows) {
      if (!row.isObject()) {
        throw new IllegalArgumentException(
            "CSV needs an array of objects, got an item: " + row.getNodeType());
      }
      for (Map.Entry<String, JsonNode> field : row.properties()) {
        Set<String> keys = fields.computeIfAbsent(field.getKey(), k -> new LinkedHashSet<>());
        if (field.getValue().isObject()) {
          objects.add(field.getKey());
          for (Map.Entry<String, JsonNode> key : field.getValue().properties()) {
            keys.add(key.getKey());
          }
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    fields.forEach(
        (field, keys) -> {
          if (!objects.contains(field)) {
            columns.add(new Column(field, null));
          } else {
            for (String key : keys) {
              columns.add(new Column(field, key));
            }
          }
        });
    return columns;
  }

  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }

  private static void record(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      String cell = cells.get(i);
      if (cell.indexOf(',') >= 0
          || cell.indexOf('"') >= 0
          || cell.indexOf('\r') >= 0
          || cell.indexOf('\n') >= 0) {
        csv.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        csv.append(cell);
      }
    }
    csv.append("\r\n");
  }
}
