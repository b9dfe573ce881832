package io.meterkit.api;

import java.util.Map;

/**
 * The limits {@link MeterApi} puts on one request, checked before any endpoint runs: how many items
 * a batch body may hold (413) and how many query terms a request may have (400).
 *
 * <p>A <em>batch</em> is a body that is a JSON array ({@code POST /v2/meters/{m}}, the plural
 * usage-event routes); its top-level items are counted by one pass over the bytes that builds
 * nothing, so that a huge array is refused before it is parsed into objects. A <em>query term</em>
 * is a query parameter, the {@code q.field}, {@code q.op}, {@code q.value} and {@code q.type} of
 * one v2 term counting once. Immutable and thread-safe.
 *
 * @param maxBatchSamples the most items a batch may hold
 * @param maxQueryTerms the most query terms a request may have
 */
record RequestLimits(int maxBatchSamples, int maxQueryTerms) {
  RequestLimits {
    if (maxBatchSamples < 1 || maxQueryTerms < 1) {
      throw new IllegalArgumentException(
          "limits must be >= 1, got maxBatchSamples "
              + maxBatchSamples
              + ", maxQueryTerms "
              + maxQueryTerms);
    }
  }

  /** Checks a request against both limits. */
  void check(ApiRequest request) {
    int terms = queryTerms(request.query());
    if (terms > maxQueryTerms) {
      throw new LimitExceededException(
          400, "a request may have at most " + maxQueryTerms + " query terms, got " + terms);
    }
    byte[] body = request.bodyBytes();
    // n items need at least 2n + 1 bytes ("[1,1]"), so a short body cannot be too large a batch.
    if (body.length > 2L * maxBatchSamples + 1) {
      long items = topLevelItems(body);
      if (items > maxBatchSamples) {
        throw new LimitExceededException(
            413, "a batch may hold at most " + maxBatchSamples + " samples, got " + items);
      }
    }
  }

  static int queryTerms(QueryParameters query) {
    int other = 0;
    int[] parts = new int[4];
    for (Map.Entry<String, String> entry : query.entries()) {
      switch (entry.getKey()) {
        case "q.field":
          parts[0]++;
          break;
        case "q.op":
          parts[1]++;
          break;
        case "q.value":
          parts[2]++;
          break;
        case "q.type":
          parts[3]++;
          break;
        default:
          other++;
      }
    }
    return other + Math.max(Math.max(parts[0], parts[1]), Math.max(parts[2], parts[3]));
  }

  /**
   * The items of a top-level JSON array (0 for a body that is not an array), found by one pass over
   * the bytes that tracks strings and nesting and builds nothing. For malformed JSON the count is
   * only an estimate; the endpoint's parser then names the mistake.
   */
  static long topLevelItems(byte[] body) {
    int i = 0;
    while (i < body.length && isWhitespace(body[i])) {
      i++;
    }
    if (i == body.length || body[i] != '[') {
      return 0;
    }
    long items = 0;
    int depth = 0;
    boolean pending = false; // an item has started since the last comma at depth 1
    for (; i < body.length; i++) {
      byte b = body[i];
      if (b == '"') {
        for (i++; i < body.length && body[i] != '"'; i++) {
          if (body[i] == '\\') {
            i++;
          }
        }
        pending |= depth == 1;
      } else if (b == '[' || b == '{') {
        pending |= depth == 1;
        depth++;
      } else if (b == ']' || b == '}') {
        depth--;
        if (depth == 0) {
          break;
        }
      } else if (b == ',' && depth == 1) {
        items++;
        pending = false;
      } else if (!isWhitespace(b)) {
        pending |= depth == 1;
      }
    }
    return items + (pending ? 1 : 0);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
