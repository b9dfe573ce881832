package io.meterkit.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles of the usage-events family, ordered {@code USER < TENANT < ADMIN}: a route that
 * requires a role accepts it or a higher one.
 *
 * <p>Thread-safe: an enum.
 */
public enum Role {
  /** Role {@code user}: may record location events. */
  USER,
  /** Role {@code tenant}: may also record application events. */
  TENANT,
  /** Role {@code admin}: may do everything, across tenants and projects. */
  ADMIN;

  /**
   * Returns whether this role grants what {@code required} grants.
   *
   * @param required the role a route requires
   * @return true when this role is {@code required} or higher
   */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /**
   * Maps a raw role name ({@code admin}, {@code tenant}, {@code user}, any case) to a role.
   *
   * @param name a raw role from {@code X-Roles}
   * @return the role, or empty for any other name (e.g. {@code Member})
   */
  public static Optional<Role> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    // strip(), not trim(): trim() also removes control characters, so "admin\u0000" would pass.
    switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "admin":
        return Optional.of(ADMIN);
      case "tenant":
        return Optional.of(TENANT);
      case "user":
        return Optional.of(USER);
      default:
        return Optional.empty();
    }
  }
}
