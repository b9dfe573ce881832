package io.meterkit.core;

import java.util.Objects;

/**
 * A parameter or body member of a request, named exactly as the request names it ({@code limit},
 * {@code start_timestamp}, {@code q.field}, {@code date__gt}, {@code entityId}): the field of a
 * {@link Violation} that an adapter found before anything reached the engine.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the parameter or member name, in the wire words of the request's API family
 */
public record RequestField(String name) implements Field {
  /**
   * Checks the name.
   *
   * @throws NullPointerException when {@code name} is null
   */
  public RequestField {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String label() {
    return name;
  }
}
