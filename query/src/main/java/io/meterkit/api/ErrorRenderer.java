package io.meterkit.api;

import io.meterkit.core.InvalidInputException;
import io.meterkit.core.MeterkitException;

/**
 * Renders a refused or failed request as the error response of one endpoint family, in that
 * family's dialect. {@link MeterApi} decides the status (400 invalid input, 401, 403, 404, 405,
 * 409, 500) in one place and asks the renderer of the family whose route matched for the body;
 * requests that match no route are rendered by {@link #STANDARD}.
 *
 * <p>A renderer words the refusal from its facts: an {@link InvalidInputException} carries a {@link
 * io.meterkit.core.Violation} (field, batch index, rule, offending value), so a family can answer
 * in its own field names and phrasing without reading the English message.
 *
 * <p>Implementations must be thread-safe. {@link MeterApi} adds the {@code Allow} header of a 405
 * itself. Refusals of the HTTP layer ({@link HttpException}: no route, wrong method, unacceptable
 * type, gone) may be rendered apart from validation errors.
 */
@FunctionalInterface
public interface ErrorRenderer {
  /**
   * The envelope every built-in family answers with: {@code {"error": {"code": N, "message":
   * "..."}}}, the message being the refusal's English message.
   */
  ErrorRenderer STANDARD = ErrorResponses::standard;

  /**
   * Renders one error response.
   *
   * @param status the HTTP status chosen for the refusal, 400..599
   * @param message the refusal's English message, or a generic one for an unexpected failure
   * @param refusal the refusal, or null when the request failed unexpectedly (status 500)
   * @return the response, with {@code status} as its status
   */
  ApiResponse render(int status, String message, MeterkitException refusal);

  /**
   * Renders one error response for a request; a dialect whose words depend on the request (its
   * {@code Accept} header, its method) overrides this, the others get the three-argument form.
   *
   * @param request the refused request (its body may be left out)
   * @param status the HTTP status chosen for the refusal, 400..599
   * @param message the refusal's English message, or a generic one for an unexpected failure
   * @param refusal the refusal, or null when the request failed unexpectedly (status 500)
   * @return the response, with {@code status} as its status
   */
  default ApiResponse render(
      ApiRequest request, int status, String message, MeterkitException refusal) {
    return render(status, message, refusal);
  }
}
