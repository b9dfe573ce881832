package io.meterkit.api;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads the caller from the Keystone-style identity headers an authenticating proxy sets in front
 * of the host ({@value Principal#USER_ID_HEADER}, {@value Principal#PROJECT_ID_HEADER}, {@value
 * Principal#ROLES_HEADER}; see {@link Principal#fromHeaders}), as OpenStack's keystonemiddleware
 * does after validating a token.
 *
 * <p>The headers prove nothing by themselves: anyone can send {@code X-Roles: admin}. So they are
 * honoured only from addresses the host trusts to have set them, loopback and the proxies given to
 * {@link #fromLoopbackAnd}; from any other address they are ignored (the request then counts as
 * carrying no credentials of this kind). The proxy must remove identity headers its clients send. A
 * request without a remote address is not trusted, except by {@link #fromAnyAddress()}.
 *
 * <p>Any identity header given twice is a failure (401): a proxy that appends its headers to a
 * client's would otherwise let the client choose which one counts.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustedHeaders implements Authenticator {
  private static final List<String> IDENTITY_HEADERS =
      List.of(Principal.USER_ID_HEADER, Principal.PROJECT_ID_HEADER, Principal.ROLES_HEADER);

  private final List<AddressBlock> proxies;
  private final boolean anyAddress;

  private TrustedHeaders(List<AddressBlock> proxies, boolean anyAddress) {
    this.proxies = List.copyOf(proxies);
    this.anyAddress = anyAddress;
  }

  /**
   * Trusts identity headers from loopback clients only (a proxy on the same machine).
   *
   * @return the authenticator
   */
  public static TrustedHeaders fromLoopback() {
    return new TrustedHeaders(List.of(), false);
  }

  /**
   * Trusts identity headers from loopback clients and from the given proxies.
   *
   * @param proxies IP addresses ({@code 10.0.0.7}, {@code fd00::7}) or blocks ({@code 10.0.0.0/8});
   *     literals only, never host names
   * @return the authenticator
   * @throws IllegalArgumentException naming an entry that is not an address or block
   */
  public static TrustedHeaders fromLoopbackAnd(Collection<String> proxies) {
    List<AddressBlock> blocks = new ArrayList<>();
    for (String proxy : proxies) {
      blocks.add(AddressBlock.parse(proxy));
    }
    return new TrustedHeaders(blocks, false);
  }

  /**
   * Trusts identity headers from every client. Only for a host that nobody but the authenticating
   * proxy can reach, e.g. one whose network the proxy alone can enter.
   *
   * @return the authenticator
   */
  public static TrustedHeaders fromAnyAddress() {
    return new TrustedHeaders(List.of(), true);
  }

  /**
   * Returns whether identity headers from an address are honoured.
   *
   * @param address the client's address
   * @return true for loopback, a configured proxy, or any address with {@link #fromAnyAddress()}
   */
  public boolean trusts(InetAddress address) {
    if (anyAddress || address.isLoopbackAddress()) {
      return true;
    }
    for (AddressBlock proxy : proxies) {
      if (proxy.contains(address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Optional<Principal> authenticate(ApiRequest request) {
    boolean trusted = request.remoteAddress().map(this::trusts).orElse(anyAddress);
    if (!trusted) {
      return Optional.empty();
    }
    for (String header : IDENTITY_HEADERS) {
      if (request.headerValues(header).size() > 1) {
        throw Credentials.failed();
      }
    }
    return Principal.fromHeaders(name -> request.header(name).orElse(null));
  }

  @Override
  public String toString() {
    return anyAddress ? "TrustedHeaders[any address]" : "TrustedHeaders[loopback, " + proxies + "]";
  }
}
