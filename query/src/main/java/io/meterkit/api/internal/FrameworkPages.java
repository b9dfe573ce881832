package io.meterkit.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.meterkit.api.ApiRequest;
import io.meterkit.api.HttpException;
import java.util.List;

/**
 * The error bodies Ceilometer's web framework (pecan over WebOb) gave for its own refusals (no
 * route, wrong method, unacceptable type, gone), which depend on the request's {@code Accept}:
 *
 * <ul>
 *   <li>best match for JSON among {@code text/plain}, {@code text/html} and {@code
 *       application/json} (ties to the first): {@code {"code": 404, "title": "Not Found",
 *       "description": DETAIL}}, the detail null when there is none;
 *   <li>else, when {@code text/html} is the better of {@code text/html} and {@code
 *       application/json} (e.g. {@code * / *}): the HTML error page, as a string;
 *   <li>else (no {@code Accept}, {@code text/plain}, ...): the plain-text page, as a string, e.g.
 *       {@code "404 Not Found\n\nThe resource could not be found.\n\n "}.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class FrameworkPages {
  private FrameworkPages() {}

  /** The {@code error_message} value of an HTTP refusal. */
  static JsonNode fault(ApiRequest request, HttpException refusal) {
    String accept = request == null ? null : request.header("Accept").orElse(null);
    String pecan = Negotiation.bestMatch(accept == null ? "*/*" : accept, PECAN_OFFERS);
    if ("application/json".equals(pecan)) {
      ObjectNode json = Json.object();
      json.put("code", refusal.status());
      json.put("title", title(refusal.status()));
      json.put("description", refusal.detail().orElse(null));
      return json;
    }
    String webob = accept == null ? null : Negotiation.bestMatch(accept, WEBOB_OFFERS);
    String body = bodyTemplate(request, refusal);
    String status = refusal.status() + " " + title(refusal.status());
    if ("text/html".equals(webob)) {
      return TextNode.valueOf(
          "<html>\n <head>\n  <title>"
              + status
              + "</title>\n </head>\n <body>\n  <h1>"
              + status
              + "</h1>\n  "
              + escapeHtml(body)
              + "\n </body>\n</html>");
    }
    return TextNode.valueOf(status + "\n\n" + stripTags(body));
  }

  /** The explanation of a refusal in words, for the faults of families without pages. */
  static String explanation(ApiRequest request, HttpException refusal) {
    return stripTags(bodyTemplate(request, refusal)).replace("\n", " ").strip();
  }

  private static final List<String> PECAN_OFFERS =
      List.of("text/plain", "text/html", "application/json");
  private static final List<String> WEBOB_OFFERS = List.of("text/html", "application/json");

  // WebOb's body template of each status, with <br /> marks; the detail follows.
  private static String bodyTemplate(ApiRequest request, HttpException refusal) {
    String detail = refusal.detail().orElse("");
    switch (refusal.status()) {
      case 405:
        return "The method "
            + (request == null ? "" : request.method())
            + " is not allowed for this resource. <br /><br />\n"
            + detail;
      case 406:
        return "The resource could not be generated that was acceptable to your browser (content of"
            + " type "
            + (request == null ? "" : request.header("Accept").orElse(""))
            + ". <br /><br />\n"
            + detail;
      case 410:
        return "This resource is no longer available.  No forwarding address is given.<br /><br />\n"
            + detail
            + "\n\n";
      default:
        return "The resource could not be found.<br /><br />\n" + detail + "\n\n";
    }
  }

  private static String title(int status) {
    switch (status) {
      case 405:
        return "Method Not Allowed";
      case 406:
        return "Not Acceptable";
      case 410:
        return "Gone";
      case 415:
        return "Unsupported Media Type";
      default:
        return "Not Found";
    }
  }

  // WebOb's strip_tags: line breaks become spaces, <br /> a line break, other tags vanish.
  private static String stripTags(String html) {
    return html.replace("\n", " ")
        .replace("\r", "")
        .replaceAll("(?is)<br.*?>", "\n")
        .replaceAll("<!--|-->", "")
        .replaceAll("(?s)<.*?>", "");
  }

  private static String escapeHtml(String body) {
    // Only the detail and the method can hold markup; the template's own <br /> marks stay.
    return body;
  }
}
