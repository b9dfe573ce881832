package io.meterkit.api.v2;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for the CSV tests, written from the RFC and not from the writer: records
 * end with CRLF, a quoted field may hold commas, CR, LF and doubled quotes, an unquoted one none of
 * them. Anything else is an error, so that a sloppy writer fails the tests.
 */
final class Rfc4180Reader {
  private Rfc4180Reader() {}

  static List<List<String>> read(String csv) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    boolean fieldStarted = false;
    while (i < csv.length()) {
      char c = csv.charAt(i);
      if (c == '"' && field.length() == 0 && !fieldStarted) {
        fieldStarted = true;
        i++;
        while (true) {
          if (i >= csv.length()) {
            throw new IllegalArgumentException("unterminated quoted field at " + i);
          }
          char q = csv.charAt(i);
          if (q == '"') {
            if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          field.append(q);
          i++;
        }
        if (i < csv.length() && csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
          throw new IllegalArgumentException("text after a closing quote at " + i);
        }
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        i++;
      } else if (c == '\r') {
        if (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') {
          throw new IllegalArgumentException("CR without LF at " + i);
        }
        record.add(field.toString());
        records.add(record);
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        i += 2;
      } else if (c == '\n' || c == '"') {
        throw new IllegalArgumentException("bare " + (c == '"' ? "quote" : "LF") + " at " + i);
      } else {
        field.append(c);
        fieldStarted = true;
        i++;
      }
    }
    if (fieldStarted || !record.isEmpty()) {
      throw new IllegalArgumentException("the last record does not end with CRLF");
    }
    return records;
  }
}
