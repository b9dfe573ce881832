package io.meterkit.api;

import io.meterkit.api.internal.Json;
import io.meterkit.core.ForbiddenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authenticated caller of a request: what an {@link Authenticator} proved (a token's or a
 * login's entry), or what an authenticating proxy states in the Keystone-style identity headers
 * {@value #USER_ID_HEADER}, {@value #PROJECT_ID_HEADER} and {@value #ROLES_HEADER}
 * (comma-separated; see {@link #fromHeaders} and {@link TrustedHeaders}).
 *
 * <p>A principal is an <em>admin</em> when one of its roles is {@code admin} (ignoring case); any
 * other principal is a member of its project and sees only that project's data. For the
 * usage-events family it also has {@link Role}s: {@code admin}, {@code tenant} and {@code user} map
 * to {@link Role#ADMIN}, {@link Role#TENANT} and {@link Role#USER}; its tenant is its project.
 *
 * <p>Immutable and thread-safe.
 *
 * @param userId the calling user, or null when not given
 * @param projectId the calling project (tenant), or null when not given
 * @param roles the raw roles, trimmed, in the order given; never null
 */
public record Principal(String userId, String projectId, List<String> roles) {
  /** The header naming the calling user. */
  public static final String USER_ID_HEADER = "X-User-Id";

  /** The header naming the calling project (tenant). */
  public static final String PROJECT_ID_HEADER = "X-Project-Id";

  /** The header listing the caller's roles, comma-separated. */
  public static final String ROLES_HEADER = "X-Roles";

  /**
   * Copies the roles.
   *
   * @throws NullPointerException when {@code roles} or one of them is null
   */
  public Principal {
    roles = List.copyOf(roles);
  }

  /**
   * Reads a principal from the identity headers.
   *
   * @param header returns the first value of a request header by name, or null when absent
   * @return the principal, or empty when none of the three headers is present and non-blank
   */
  public static Optional<Principal> fromHeaders(Function<String, String> header) {
    String userId = blankToNull(header.apply(USER_ID_HEADER));
    String projectId = blankToNull(header.apply(PROJECT_ID_HEADER));
    String roles = blankToNull(header.apply(ROLES_HEADER));
    if (userId == null && projectId == null && roles == null) {
      return Optional.empty();
    }
    List<String> parsed = new ArrayList<>();
    if (roles != null) {
      for (String role : roles.split(",")) {
        if (!role.isBlank()) {
          parsed.add(role.strip());
        }
      }
    }
    return Optional.of(new Principal(userId, projectId, parsed));
  }

  /**
   * Returns an admin without user or project, as the example server's {@code --dev-admin} uses for
   * requests without identity headers.
   *
   * @return the principal
   */
  public static Principal anonymousAdmin() {
    return new Principal(null, null, List.of("admin"));
  }

  /**
   * Returns whether one of the roles is {@code admin}, ignoring case.
   *
   * @return true for an admin
   */
  public boolean isAdmin() {
    return hasRole(Role.ADMIN);
  }

  /**
   * Returns the highest usage-events role among the raw roles.
   *
   * @return the role, or empty when no raw role maps to one
   */
  public Optional<Role> highestRole() {
    Role highest = null;
    for (String raw : roles) {
      Optional<Role> role = Role.of(raw);
      if (role.isPresent() && (highest == null || role.get().includes(highest))) {
        highest = role.get();
      }
    }
    return Optional.ofNullable(highest);
  }

  /**
   * Returns whether the principal holds {@code required} or a higher role.
   *
   * @param required the role a route requires
   * @return true when granted
   */
  public boolean hasRole(Role required) {
    return highestRole().map(role -> role.includes(required)).orElse(false);
  }

  /**
   * Checks that the principal holds {@code required} or a higher role.
   *
   * @param required the role a route requires
   * @throws ForbiddenException naming the required role and the roles held
   */
  public void requireRole(Role required) {
    if (!hasRole(required)) {
      throw new ForbiddenException(
          "this request requires role "
              + required.name().toLowerCase(java.util.Locale.ROOT)
              + " or higher, got roles: "
              + Json.abbreviate(roles.toString()));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
