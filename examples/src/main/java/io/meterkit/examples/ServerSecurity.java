package io.meterkit.examples;

import io.meterkit.api.Authenticator;
import io.meterkit.api.BasicAuthenticator;
import io.meterkit.api.Principal;
import io.meterkit.api.TokenAuthenticator;
import io.meterkit.api.TrustedHeaders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the example server trusts, from its flags: the bind address ({@code --dev-admin} only on
 * loopback), the start-up warnings of a server other hosts can reach, and the authenticator chain
 * of {@code --auth} (then {@code --dev-admin}'s anonymous admin at its end). Thread-safe:
 * stateless.
 */
final class ServerSecurity {
  private ServerSecurity() {}

  // The bind address; --dev-admin only on loopback.
  static InetAddress host(ServerOptions options) {
    InetAddress host;
    try {
      host = InetAddress.getByName(options.host());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "--host must be an address or a known name, got: " + options.host());
    }
    if (options.devAdmin() && !host.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "--dev-admin makes every caller without credentials an admin, so it is refused unless"
              + " the server listens on loopback (--host 127.0.0.1 or ::1), got --host "
              + options.host());
    }
    return host;
  }

  static List<String> warnings(ServerOptions options, InetAddress host) {
    List<String> warnings = new ArrayList<>();
    if (host.isLoopbackAddress()) {
      return warnings;
    }
    ServerOptions.Security security = options.security();
    if (!security.hasCredentials()) {
      warnings.add(
          "listening on "
              + options.host()
              + " with identity headers only (--auth proxy): they count from loopback and"
              + " --trusted-proxy addresses only, so nobody else can authenticate; add --auth"
              + " tokens:FILE or basic:FILE for callers that reach the server directly");
    } else if (security.tlsKeystore() == null) {
      warnings.add(
          "listening on "
              + options.host()
              + " without TLS: tokens and passwords cross the network in clear text; add"
              + " --tls-keystore FILE.p12 --tls-keystore-password-file FILE");
    }
    return warnings;
  }

  // The --auth chain, then --dev-admin's anonymous admin at its end.
  static Authenticator authenticator(ServerOptions options) throws IOException {
    List<Authenticator> chain = new ArrayList<>();
    for (ServerOptions.Auth auth : options.security().auth()) {
      switch (auth.kind()) {
        case PROXY:
          chain.add(TrustedHeaders.fromLoopbackAnd(options.security().trustedProxies()));
          break;
        case TOKENS:
          chain.add(TokenAuthenticator.read(auth.file()));
          break;
        default:
          chain.add(BasicAuthenticator.read(auth.file()));
      }
    }
    if (options.devAdmin()) {
      chain.add(Authenticator.anonymous(Principal.anonymousAdmin()));
    }
    return Authenticator.chain(chain);
  }

  static String describe(ServerOptions options) {
    List<String> parts = new ArrayList<>();
    for (ServerOptions.Auth auth : options.security().auth()) {
      parts.add(
          auth.kind() == ServerOptions.AuthKind.PROXY
              ? "proxy"
              : auth.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + auth.file());
    }
    return String.join(",", parts);
  }
}
