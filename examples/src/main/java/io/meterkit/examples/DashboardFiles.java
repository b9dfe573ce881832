package io.meterkit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the usage dashboard: the static files of the class-path folder {@code /ui/} under {@link
 * #PATH}{@code /}.
 *
 * <p>{@code /ui/} answers {@code index.html} and {@code /ui} redirects there. A file name is one
 * path segment of letters, digits, {@code -} and {@code _} with an extension of {@link
 * #CONTENT_TYPES}; anything else (another folder, {@code ..}, percent-escapes, a missing file)
 * answers 404, so nothing outside the folder can be reached. Methods other than GET and HEAD answer
 * 405. Every file is sent with {@code Cache-Control: no-cache} (browsers revalidate, so a new build
 * shows at once), {@code X-Content-Type-Options: nosniff} and a content security policy that allows
 * only this origin's scripts, styles and API.
 *
 * <p>Thread-safe: the cache of loaded files is a concurrent map (only files found are kept, so
 * requests for random names cannot grow it).
 */
final class DashboardFiles implements HttpHandler {
  /** The context path, without the trailing slash. */
  static final String PATH = "/ui";

  /**
   * Where browsers look for a site's icon whatever the page links: answered with the dashboard's.
   */
  static final String FAVICON_PATH = "/favicon.ico";

  /** The content type of each extension served. */
  static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png");

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+\\.([a-z]+)");
  private static final String FOLDER = "/ui/";

  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", text("method not allowed: " + method));
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      if (path.equals(PATH)) {
        exchange.getResponseHeaders().set("Location", PATH + "/");
        send(exchange, 301, "text/plain; charset=utf-8", text("moved to " + PATH + "/"));
        return;
      }
      String name =
          path.equals(FAVICON_PATH)
              ? "favicon.svg"
              : path.equals(PATH + "/") ? "index.html" : path.substring(PATH.length() + 1);
      Optional<byte[]> body =
          path.startsWith(PATH + "/") || path.equals(FAVICON_PATH)
              ? file(name)
              : Optional.<byte[]>empty();
      if (body.isEmpty()) {
        send(exchange, 404, "text/plain; charset=utf-8", text("no dashboard file: " + path));
        return;
      }
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      send(exchange, 200, CONTENT_TYPES.get(extension(name)), body.get());
    }
  }

  // The file's bytes, loaded once; empty for a name outside the rules or a missing file.
  private Optional<byte[]> file(String name) {
    var matcher = FILE_NAME.matcher(name);
    if (!matcher.matches() || !CONTENT_TYPES.containsKey(matcher.group(1))) {
      return Optional.empty();
    }
    byte[] cached = files.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<byte[]> loaded = load(name);
    loaded.ifPresent(bytes -> files.putIfAbsent(name, bytes));
    return loaded;
  }

  private static Optional<byte[]> load(String name) {
    try (InputStream in = DashboardFiles.class.getResourceAsStream(FOLDER + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard file " + name, e);
    }
  }

  private static String extension(String name) {
    return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  private static byte[] text(String message) {
    return (message + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head) {
      exchange.getResponseBody().write(body);
    }
  }
}
