package io.meterkit.api.internal;

import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.Endpoint;
import io.meterkit.api.HttpException;
import io.meterkit.api.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Content negotiation of the Ceilometer v2 family, JSON only:
 *
 * <ul>
 *   <li>the response is JSON when {@code Accept} is absent or admits {@code application/json}
 *       explicitly or through a wildcard with a non-zero quality (the most specific range decides);
 *       otherwise 406 (e.g. {@code text/plain}, {@code text/html}, {@code application/xml}, {@code
 *       application/json;q=0});
 *   <li>a non-empty body must be JSON ({@code application/json}, {@code text/javascript} or {@code
 *       application/javascript}, parameters ignored); a form ({@code
 *       application/x-www-form-urlencoded}) is read as more query parameters; any other type, or
 *       none, is 415 {@code Unknown mimetype: TYPE}.
 * </ul>
 *
 * <p>{@link #json(Endpoint)} wraps an endpoint with both checks and answers its JSON as {@code
 * application/json}; {@link #jsonOrCsv(Endpoint)} also answers {@code text/csv} when the client
 * prefers it. Thread-safe: stateless.
 */
public final class Negotiation {
  private static final List<String> JSON_BODIES =
      List.of("application/json", "text/javascript", "application/javascript");
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String CSV = "text/csv";
  private static final List<String> CSV_OFFERS = List.of("application/json", CSV);

  private Negotiation() {}

  /**
   * Wraps an endpoint with the negotiation checks.
   *
   * @param endpoint the endpoint
   * @return the endpoint that refuses with 406 or 415 before running it
   */
  public static Endpoint json(Endpoint endpoint) {
    return call -> {
      requireJson(call.request());
      ApiCall checked = withBodyChecked(call);
      ApiResponse response = endpoint.handle(checked);
      return response.headers().containsKey("Content-Type")
          ? response.withHeader("Content-Type", CeilometerFaults.CONTENT_TYPE)
          : response;
    };
  }

  /**
   * Wraps an endpoint whose JSON answer is an array of objects: like {@link #json}, except that
   * when {@code Accept} prefers {@code text/csv} to JSON (by {@link #bestMatch}, JSON winning a
   * tie), the answer is that array as CSV ({@link CsvTable}). Errors stay JSON.
   *
   * @param endpoint the endpoint
   * @return the endpoint answering JSON or CSV
   */
  public static Endpoint jsonOrCsv(Endpoint endpoint) {
    Endpoint json = json(endpoint);
    return call -> {
      Optional<String> accept = call.request().header("Accept");
      if (accept.isEmpty() || !CSV.equals(bestMatch(accept.get(), CSV_OFFERS))) {
        return json.handle(call);
      }
      ApiResponse answer = endpoint.handle(withBodyChecked(call));
      return ApiResponse.of(
          answer.status(), CsvTable.CONTENT_TYPE, CsvTable.fromJson(answer.body()));
    };
  }

  /**
   * Wraps an endpoint with the {@code Accept} check only (a route whose body is never read).
   *
   * @param endpoint the endpoint
   * @return the endpoint that refuses with 406 before running it
   */
  public static Endpoint acceptOnly(Endpoint endpoint) {
    return call -> {
      requireJson(call.request());
      ApiResponse response = endpoint.handle(call);
      return response.withHeader("Content-Type", CeilometerFaults.CONTENT_TYPE);
    };
  }

  private static void requireJson(ApiRequest request) {
    Optional<String> accept = request.header("Accept");
    if (accept.isPresent() && !acceptsJson(accept.get())) {
      throw new HttpException(
          406, "the response can only be JSON, not any of: " + accept.get(), null);
    }
  }

  /**
   * Returns whether an {@code Accept} header admits JSON.
   *
   * @param accept the header value
   * @return true when blank, or when the most specific range matching {@code application/json} has
   *     a quality above 0
   */
  public static boolean acceptsJson(String accept) {
    if (accept.isBlank()) {
      return true;
    }
    double quality = 0;
    int specificity = -1;
    for (Range range : parse(accept)) {
      int matched = range.specificity("application/json");
      if (matched > specificity) {
        specificity = matched;
        quality = range.quality;
      }
    }
    return quality > 0;
  }

  /**
   * Returns the best of the offered types for an {@code Accept} header, as WebOb's {@code
   * best_match} chose: the highest quality wins; at equal quality a more specific range beats a
   * wildcard, and otherwise the earlier offer wins.
   *
   * @param accept the header value
   * @param offers the offered types, in preference order
   * @return the chosen type, or null when none is acceptable
   */
  static String bestMatch(String accept, List<String> offers) {
    double best = -1;
    String chosen = null;
    String matchedBy = "*/*";
    for (String offer : offers) {
      for (Range range : parse(accept)) {
        if (range.quality <= 0 || range.quality < best) {
          continue;
        }
        if (range.quality == best && count(matchedBy) <= count(range.mask)) {
          continue;
        }
        if (range.specificity(offer) >= 0) {
          best = range.quality;
          chosen = offer;
          matchedBy = range.mask;
        }
      }
    }
    return chosen;
  }

  private static int count(String mask) {
    return mask.length() - mask.replace("*", "").length();
  }

  // 415 for a body that is not JSON; a form's fields join the query parameters.
  private static ApiCall withBodyChecked(ApiCall call) {
    ApiRequest request = call.request();
    if (request.bodyLength() == 0) {
      return call;
    }
    String type = request.header("Content-Type").map(t -> t.split(";", 2)[0].strip()).orElse("");
    String lower = type.toLowerCase(Locale.ROOT);
    if (JSON_BODIES.contains(lower)) {
      return call;
    }
    if (lower.equals(FORM)) {
      QueryParameters query = call.query();
      for (Map.Entry<String, String> field : QueryParameters.parse(request.bodyText()).entries()) {
        query = query.plus(field.getKey(), field.getValue());
      }
      ApiRequest merged =
          ApiRequest.builder(request.method(), request.path())
              .query(query)
              .headers(request.headers())
              .remoteAddress(request.remoteAddress().orElse(null))
              .principal(request.principal().orElse(null))
              .scheme(request.scheme())
              .build();
      return new ApiCall(merged, call.pathParameters(), call.principal());
    }
    throw new HttpException(
        415, "the body must be JSON, got: " + type, "Unknown mimetype: " + type);
  }

  private static List<Range> parse(String accept) {
    List<Range> ranges = new ArrayList<>();
    for (String part : accept.split(",")) {
      String[] pieces = part.split(";");
      String mask = pieces[0].strip().toLowerCase(Locale.ROOT);
      if (mask.isEmpty()) {
        continue;
      }
      double quality = 1;
      for (int i = 1; i < pieces.length; i++) {
        String parameter = pieces[i].strip();
        if (parameter.startsWith("q=")) {
          try {
            quality = Double.parseDouble(parameter.substring(2).strip());
          } catch (NumberFormatException e) {
            quality = 0;
          }
        }
      }
      ranges.add(new Range(mask, quality));
    }
    return ranges;
  }

  /** One media range of an {@code Accept} header. */
  private record Range(String mask, double quality) {
    /** 2 for an exact match, 1 for {@code type/*}, 0 for {@code * / *}, -1 for no match. */
    int specificity(String type) {
      if (mask.equals("*/*") || mask.equals("*")) {
        return 0;
      }
      if (mask.endsWith("/*")) {
        return type.startsWith(mask.substring(0, mask.length() - 1)) ? 1 : -1;
      }
      return mask.equals(type) ? 2 : -1;
    }
  }
}
