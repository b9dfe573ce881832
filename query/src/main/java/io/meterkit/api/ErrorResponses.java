package io.meterkit.api;

import io.meterkit.api.internal.Json;
import io.meterkit.core.ConflictException;
import io.meterkit.core.ForbiddenException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.NotFoundException;

/**
 * The one place where exceptions become HTTP statuses; the body is the matched family's {@link
 * ErrorRenderer}'s.
 *
 * <p>{@link LimitExceededException} its own status (400, 413, 414, 431, 503), {@link
 * UnauthorizedException} 401, {@link ForbiddenException} 403, {@link NotFoundException} 404, {@link
 * HttpException} its own status (a 405 with {@code Allow}), {@link ConflictException} 409, every
 * other {@link MeterkitException} (invalid query, invalid sample) 400; anything else is a bug and
 * answers 500 with a generic message, never a stack trace. Thread-safe: stateless.
 */
final class ErrorResponses {
  static final String INTERNAL_MESSAGE = "internal server error; the server log has the details";

  private ErrorResponses() {}

  static ApiResponse of(Throwable error, ErrorRenderer renderer, ApiRequest request) {
    if (error instanceof MeterkitException refusal) {
      ApiResponse response =
          renderer.render(request, statusOf(refusal), refusal.getMessage(), refusal);
      return refusal instanceof MethodNotAllowedException notAllowed
          ? response.withHeader("Allow", notAllowed.allowHeader())
          : response;
    }
    return renderer.render(request, 500, INTERNAL_MESSAGE, null);
  }

  static int statusOf(MeterkitException refusal) {
    if (refusal instanceof LimitExceededException limit) {
      return limit.status();
    }
    if (refusal instanceof UnauthorizedException) {
      return 401;
    }
    if (refusal instanceof ForbiddenException) {
      return 403;
    }
    if (refusal instanceof NotFoundException) {
      return 404;
    }
    if (refusal instanceof HttpException http) {
      return http.status();
    }
    if (refusal instanceof ConflictException) {
      return 409;
    }
    return 400;
  }

  /** {@link ErrorRenderer#STANDARD}: {@code {"error": {"code": N, "message": "..."}}}. */
  static ApiResponse standard(int status, String message, MeterkitException refusal) {
    return Json.response(
        status,
        Json.object().set("error", Json.object().put("code", status).put("message", message)));
  }
}
