package io.meterkit.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * One (meter name, resource) pair with its type, unit and owner, as listed by {@code /v2/meters}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the meter name
 * @param type gauge, delta or cumulative
 * @param unit the unit of the volumes
 * @param resourceId the resource
 * @param projectId the owning project of the latest sample, or null
 * @param userId the owning user of the latest sample, or null
 * @param source the source of the latest sample, or null
 */
public record Meter(
    String name,
    MeterType type,
    String unit,
    String resourceId,
    String projectId,
    String userId,
    String source) {

  /**
   * Checks the required components.
   *
   * @throws NullPointerException when name, type, unit or resourceId is null
   */
  public Meter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(resourceId, "resourceId");
  }

  /**
   * Returns the meter id: standard Base64 of the UTF-8 bytes of {@code resourceId + "+" + name},
   * without a trailing newline.
   *
   * @return the id, e.g. {@code ZGVtb19yZXNvdXJjZTAwMyt0ZXN0bWV0ZXIwMDU=} for {@code
   *     demo_resource003+testmeter005}
   */
  public String meterId() {
    return Base64.getEncoder()
        .encodeToString((resourceId + "+" + name).getBytes(StandardCharsets.UTF_8));
  }
}
