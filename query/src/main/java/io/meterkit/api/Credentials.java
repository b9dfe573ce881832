package io.meterkit.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the authenticators share: the one failure they answer, and reading a credential from {@code
 * Authorization}. Thread-safe: stateless.
 */
final class Credentials {
  /** The realm every challenge names. */
  static final String REALM = "meterkit";

  static final String AUTHORIZATION = "Authorization";

  private Credentials() {}

  /** The failure of every authenticator: it never says which part was wrong. */
  static UnauthorizedException failed() {
    return new UnauthorizedException("authentication failed");
  }

  /**
   * Returns the credential of an {@code Authorization} header of the given scheme ({@code Basic},
   * {@code Bearer}; any case), or empty when the request has no such header.
   *
   * @throws UnauthorizedException when {@code Authorization} is given more than once and one of
   *     them is of the scheme, or the credential is empty
   */
  static Optional<String> authorization(ApiRequest request, String scheme) {
    List<String> values = request.headerValues(AUTHORIZATION);
    String prefix = scheme.toLowerCase(Locale.ROOT) + " ";
    String found = null;
    for (String value : values) {
      if (value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        if (values.size() > 1) {
          throw failed();
        }
        found = value.substring(prefix.length()).strip();
      }
    }
    if (found == null) {
      return Optional.empty();
    }
    if (found.isEmpty()) {
      throw failed();
    }
    return Optional.of(found);
  }
}
