package io.meterkit.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells who sent a request: reads the credentials a request carries (headers, the client's address)
 * and answers the {@link Principal} they prove.
 *
 * <p>An authenticator has three answers: a principal; <em>empty</em> when the request carries no
 * credentials of its kind (so that the next authenticator of a {@link #chain} may try); or a
 * definite failure, an {@link UnauthorizedException}, when it carries such credentials but they do
 * not prove anyone. {@link MeterApi} answers a failure, and a request nobody authenticated, with
 * 401 and a {@code WWW-Authenticate} header built from {@link #challenges()}; the body of a failure
 * never says which part of the credentials was wrong.
 *
 * <p>The authenticators of this package: {@link TrustedHeaders} (identity headers set by an
 * authenticating proxy), {@link TokenAuthenticator} ({@code X-Auth-Token} or {@code Authorization:
 * Bearer}) and {@link BasicAuthenticator} ({@code Authorization: Basic}).
 *
 * <pre>{@code
 * MeterApi api =
 *     MeterApi.builder(store)
 *         .authenticator(
 *             Authenticator.chain(
 *                 TokenAuthenticator.read(Path.of("tokens.json")),
 *                 TrustedHeaders.fromLoopbackAnd(List.of("10.0.0.7"))))
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe: {@link MeterApi} calls them from any number of threads.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * Authenticates the caller of a request.
   *
   * @param request the request, with its headers and remote address
   * @return the caller, or empty when the request carries no credentials this authenticator reads
   * @throws UnauthorizedException when it carries such credentials and they are not valid
   */
  Optional<Principal> authenticate(ApiRequest request);

  /**
   * Returns the {@code WWW-Authenticate} challenges a 401 names for this authenticator, e.g. {@code
   * Basic realm="meterkit", charset="UTF-8"}.
   *
   * @return the challenges; empty by default
   */
  default List<String> challenges() {
    return List.of();
  }

  /**
   * Chains authenticators: each is asked in order, the first principal wins, and a definite failure
   * stops the chain (a wrong token never falls through to a weaker authenticator).
   *
   * @param authenticators the authenticators, in order
   * @return the chain; its challenges are those of its members, in order
   */
  static Authenticator chain(Authenticator... authenticators) {
    return new AuthenticatorChain(List.of(authenticators));
  }

  /**
   * Chains authenticators, see {@link #chain(Authenticator...)}.
   *
   * @param authenticators the authenticators, in order
   * @return the chain
   */
  static Authenticator chain(List<? extends Authenticator> authenticators) {
    return new AuthenticatorChain(List.copyOf(authenticators));
  }

  /**
   * Returns an authenticator that names the same caller for every request; at the end of a chain it
   * is the caller of requests without credentials. For development only (the example server's
   * {@code --dev-admin}, on loopback): whoever reaches the host becomes {@code caller}.
   *
   * @param caller the caller of every request
   * @return the authenticator
   */
  static Authenticator anonymous(Principal caller) {
    Objects.requireNonNull(caller, "caller");
    return request -> Optional.of(caller);
  }
}
