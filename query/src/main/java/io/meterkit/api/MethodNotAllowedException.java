package io.meterkit.api;

import io.meterkit.core.MeterkitException;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Thrown when a path exists but not for the request's method; {@link MeterApi} answers 405 with an
 * {@code Allow} header.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class MethodNotAllowedException extends HttpException {
  private static final long serialVersionUID = 1L;

  /** The methods the path supports, sorted. */
  private final TreeSet<String> allowed;

  /** The renderer of the family whose routes know the path. */
  private final transient ErrorRenderer renderer;

  /**
   * Creates the exception.
   *
   * @param method the request's method
   * @param path the request's path
   * @param allowed the methods the path supports
   * @param renderer the renderer of the family whose routes know the path
   */
  MethodNotAllowedException(
      String method, String path, Set<String> allowed, ErrorRenderer renderer) {
    super(
        405,
        "method "
            + MeterkitException.describe(method)
            + " is not allowed on path "
            + MeterkitException.describe(path)
            + ", allowed: "
            + String.join(", ", new TreeSet<>(allowed)),
        null);
    this.allowed = new TreeSet<>(allowed);
    this.renderer = renderer;
  }

  /** Returns the renderer of the family whose routes know the path. */
  ErrorRenderer renderer() {
    return renderer == null ? ErrorRenderer.STANDARD : renderer;
  }

  @Override
  public SortedSet<String> allowed() {
    return Collections.unmodifiableSortedSet(allowed);
  }

  /**
   * Returns the value of the {@code Allow} header.
   *
   * @return the allowed methods, comma-separated, e.g. {@code GET, POST}
   */
  String allowHeader() {
    return String.join(", ", allowed);
  }
}
