package io.meterkit.api;

import io.meterkit.core.MeterkitException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed path template: literal segments and {@code {name}} parameters. Immutable and
 * thread-safe.
 */
final class PathTemplate {
  private final String text;
  private final List<String> segments;
  private final boolean[] parameter;
  private final int literalCount;

  private PathTemplate(String text, List<String> segments) {
    this.text = text;
    this.segments = List.copyOf(segments);
    this.parameter = new boolean[segments.size()];
    int literals = 0;
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      parameter[i] = segment.startsWith("{") && segment.endsWith("}");
      literals += parameter[i] ? 0 : 1;
    }
    this.literalCount = literals;
  }

  static PathTemplate parse(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException(
          "template must start with /, got: " + MeterkitException.describe(template));
    }
    List<String> segments = Router.split(template);
    for (String segment : segments) {
      boolean open = segment.startsWith("{");
      if (segment.isEmpty()
          || open != segment.endsWith("}")
          || (open && segment.length() < 3)
          || segment.indexOf('{', 1) >= 0) {
        throw new IllegalArgumentException(
            "template segments must be literals or {name}, got: "
                + MeterkitException.describe(template));
      }
    }
    return new PathTemplate(template, segments);
  }

  /** Returns the captured parameters when {@code path} matches, else null. */
  Map<String, String> match(List<String> path) {
    if (path.size() != segments.size()) {
      return null;
    }
    Map<String, String> captured = new HashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (parameter[i]) {
        if (path.get(i).isEmpty()) {
          return null;
        }
        captured.put(segment.substring(1, segment.length() - 1), path.get(i));
      } else if (!segment.equals(path.get(i))) {
        return null;
      }
    }
    return captured;
  }

  int literalCount() {
    return literalCount;
  }

  /** Whether both templates match exactly the same paths. */
  boolean sameShape(PathTemplate other) {
    if (segments.size() != other.segments.size()) {
      return false;
    }
    List<String> mine = new ArrayList<>();
    List<String> theirs = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      mine.add(parameter[i] ? "{}" : segments.get(i));
      theirs.add(other.parameter[i] ? "{}" : other.segments.get(i));
    }
    return mine.equals(theirs);
  }

  @Override
  public String toString() {
    return text;
  }
}
