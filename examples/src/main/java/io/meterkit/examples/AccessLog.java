package io.meterkit.examples;

import com.sun.net.httpserver.HttpExchange;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.Principal;
import java.net.InetSocketAddress;

/**
 * Formats the example server's access log line of one request: client address, method, raw path,
 * status, milliseconds, the authenticated caller, and for a request the binding refused the reason,
 * e.g. {@code 127.0.0.1 GET /v2/meters 200 3ms user=alice project=acme roles=member} or {@code
 * 10.0.0.9 POST /v2/meters/cpu 413 0ms user=- project=- roles=- refused: the body may be at most
 * 16777216 bytes}. Control characters and spaces inside values are escaped, so one request is one
 * line with space-separated fields.
 *
 * <p>Thread-safe: stateless.
 */
final class AccessLog {
  private AccessLog() {}

  static String line(HttpExchange exchange, ApiResponse response, String refusal, long nanos) {
    InetSocketAddress remote = exchange.getRemoteAddress();
    Principal caller = response == null ? null : response.caller().orElse(null);
    StringBuilder line =
        new StringBuilder()
            .append(remote == null ? "-" : remote.getAddress().getHostAddress())
            .append(' ')
            .append(exchange.getRequestMethod())
            .append(' ')
            .append(exchange.getRequestURI().getRawPath())
            .append(' ')
            .append(response == null ? exchange.getResponseCode() : response.status())
            .append(' ')
            .append(nanos / 1_000_000)
            .append("ms user=")
            .append(printable(caller == null ? null : caller.userId()))
            .append(" project=")
            .append(printable(caller == null ? null : caller.projectId()))
            .append(" roles=")
            .append(
                printable(
                    caller == null || caller.roles().isEmpty()
                        ? null
                        : String.join(",", caller.roles())));
    if (refusal != null) {
      line.append(" refused: ").append(refusal);
    }
    return line.toString();
  }

  // Values come from clients: escape what could break the line or its fields; cut long ones.
  private static String printable(String value) {
    if (value == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(value.length(), 64); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return value.length() > 64 ? out.append("...").toString() : out.toString();
  }
}
