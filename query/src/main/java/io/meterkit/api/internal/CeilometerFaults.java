package io.meterkit.api.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.ErrorRenderer;
import io.meterkit.api.HttpException;
import io.meterkit.core.ForbiddenException;
import io.meterkit.core.InvalidInputException;
import io.meterkit.core.MeterkitException;
import java.util.Set;

/**
 * The error envelope of the Ceilometer families: {@code {"error_message": FAULT}} with {@code
 * Content-Type: application/json} (no charset).
 *
 * <ul>
 *   <li>Refusals of an endpoint are WSME faults: {@code {"faultcode": "Client" (4xx) or "Server",
 *       "faultstring": TEXT, "debuginfo": null}}, the text worded from the facts by {@link
 *       CeilometerWords}.
 *   <li>Under {@link #V2}, refusals of the HTTP layer (no route 404, 405, 406, 410) take the form
 *       of Ceilometer's web framework, which depends on {@code Accept} ({@link FrameworkPages}):
 *       the object {@code {"code", "title", "description"}} when it best matches JSON, else the
 *       plain-text or HTML page as a string. Under {@link #V1} they are faults too.
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
public final class CeilometerFaults implements ErrorRenderer {
  /** The v2 renderer: framework refusals in the framework's form. */
  public static final CeilometerFaults V2 = new CeilometerFaults(true);

  /** The v1 renderer: every refusal is a fault. */
  public static final CeilometerFaults V1 = new CeilometerFaults(false);

  /** The content type of every Ceilometer JSON body. */
  public static final String CONTENT_TYPE = "application/json";

  private static final Set<Integer> FRAMEWORK = Set.of(404, 405, 406, 410);

  private final boolean frameworkPages;

  private CeilometerFaults(boolean frameworkPages) {
    this.frameworkPages = frameworkPages;
  }

  @Override
  public ApiResponse render(int status, String message, MeterkitException refusal) {
    return render(null, status, message, refusal);
  }

  @Override
  public ApiResponse render(
      ApiRequest request, int status, String message, MeterkitException refusal) {
    ObjectNode body = Json.object();
    if (frameworkPages && refusal instanceof HttpException http && FRAMEWORK.contains(status)) {
      body.set("error_message", FrameworkPages.fault(request, http));
    } else {
      ObjectNode fault = body.putObject("error_message");
      fault.put("faultcode", status < 500 ? "Client" : "Server");
      fault.put("faultstring", faultstring(request, status, message, refusal));
      fault.putNull("debuginfo");
    }
    return Json.response(status, body).withHeader("Content-Type", CONTENT_TYPE);
  }

  private static String faultstring(
      ApiRequest request, int status, String message, MeterkitException refusal) {
    if (refusal instanceof InvalidInputException invalid && invalid.violation() != null) {
      return CeilometerWords.faultstring(invalid.violation());
    }
    if (refusal instanceof HttpException http) {
      return http.detail().orElse(FrameworkPages.explanation(request, http));
    }
    if (refusal instanceof ForbiddenException) {
      return "RBAC Authorization Failed";
    }
    return message;
  }
}
