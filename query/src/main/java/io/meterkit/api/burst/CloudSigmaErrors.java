package io.meterkit.api.burst;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ErrorRenderer;
import io.meterkit.api.internal.Json;
import io.meterkit.core.InvalidInputException;
import io.meterkit.core.MeterkitException;

/**
 * The error body of the burst-usage family, CloudSigma's: a JSON list of one {@code {"error_type",
 * "error_message", "error_point"}}. {@code error_type} is {@code validation} (400), {@code
 * notexist} (404), {@code permission} (401, 403) or {@code backend} (anything else); {@code
 * error_point} names the offending parameter, from the refusal's facts, or is null.
 *
 * <p>Thread-safe: stateless.
 */
final class CloudSigmaErrors implements ErrorRenderer {
  static final CloudSigmaErrors INSTANCE = new CloudSigmaErrors();

  private CloudSigmaErrors() {}

  @Override
  public ApiResponse render(int status, String message, MeterkitException refusal) {
    ArrayNode body = Json.array();
    body.addObject()
        .put("error_type", type(status))
        .put("error_message", message)
        .put(
            "error_point",
            refusal instanceof InvalidInputException invalid && invalid.violation() != null
                ? invalid.violation().field().label()
                : null);
    return Json.response(status, body);
  }

  private static String type(int status) {
    if (status == 400) {
      return "validation";
    }
    if (status == 404) {
      return "notexist";
    }
    return status == 401 || status == 403 ? "permission" : "backend";
  }
}
