package io.meterkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedHeadersTest {

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static ApiRequest request(String from, String... headers) {
    ApiRequest.Builder builder = ApiRequest.builder("GET", "/v2/meters");
    if (from != null) {
      builder.remoteAddress(address(from));
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  private static final String[] ADMIN_HEADERS = {
    "X-User-Id", "ops", "X-Project-Id", "p-1", "X-Roles", "admin, Member"
  };

  @Test
  void headersFromLoopbackNameTheCaller() {
    Principal expected = new Principal("ops", "p-1", List.of("admin", "Member"));
    assertThat(TrustedHeaders.fromLoopback().authenticate(request("127.0.0.1", ADMIN_HEADERS)))
        .contains(expected);
    assertThat(TrustedHeaders.fromLoopback().authenticate(request("::1", ADMIN_HEADERS)))
        .contains(expected);
    assertThat(
            TrustedHeaders.fromLoopback()
                .authenticate(request("127.0.0.1", "x-roles", "Member", "x-project-id", "p-2")))
        .as("header names ignore case")
        .contains(new Principal(null, "p-2", List.of("Member")));
  }

  @Test
  void headersFromAnyOtherAddressAreIgnored() {
    assertThat(TrustedHeaders.fromLoopback().authenticate(request("10.0.0.7", ADMIN_HEADERS)))
        .isEmpty();
    assertThat(TrustedHeaders.fromLoopback().authenticate(request(null, ADMIN_HEADERS)))
        .as("a request without a remote address is not trusted")
        .isEmpty();
  }

  @Test
  void configuredProxiesAndBlocksAreTrustedAndNothingElse() {
    TrustedHeaders headers =
        TrustedHeaders.fromLoopbackAnd(List.of("10.0.0.7", "192.168.8.0/22", "fd00::/8"));
    for (String trusted :
        List.of("10.0.0.7", "192.168.8.1", "192.168.11.254", "fd12::1", "127.0.0.2")) {
      assertThat(headers.trusts(address(trusted))).as(trusted).isTrue();
      assertThat(headers.authenticate(request(trusted, ADMIN_HEADERS))).as(trusted).isPresent();
    }
    for (String other : List.of("10.0.0.8", "192.168.12.1", "192.168.7.255", "fe80::1", "::2")) {
      assertThat(headers.trusts(address(other))).as(other).isFalse();
      assertThat(headers.authenticate(request(other, ADMIN_HEADERS))).as(other).isEmpty();
    }
  }

  @Test
  void fromAnyAddressTrustsEveryone() {
    assertThat(TrustedHeaders.fromAnyAddress().authenticate(request("203.0.113.9", ADMIN_HEADERS)))
        .isPresent();
    assertThat(TrustedHeaders.fromAnyAddress().authenticate(request(null, ADMIN_HEADERS)))
        .isPresent();
  }

  @Test
  void aRequestWithoutIdentityHeadersCarriesNoCredentials() {
    assertThat(TrustedHeaders.fromLoopback().authenticate(request("127.0.0.1"))).isEmpty();
    assertThat(TrustedHeaders.fromLoopback().authenticate(request("127.0.0.1", "X-Roles", " ")))
        .isEmpty();
  }

  @Test
  void anIdentityHeaderGivenTwiceFails() {
    for (String header : List.of("X-User-Id", "X-Project-Id", "X-Roles")) {
      ApiRequest twice = request("127.0.0.1", header, "a", header.toLowerCase(), "b");
      assertThatExceptionOfType(UnauthorizedException.class)
          .as(header)
          .isThrownBy(() -> TrustedHeaders.fromLoopback().authenticate(twice))
          .withMessage("authentication failed");
    }
  }

  @Test
  void proxiesAreLiteralsNeverHostNames() {
    for (String bad :
        List.of(
            "proxy.example.com",
            "localhost",
            "10.0.0",
            "10.0.0.256",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.1/",
            "01.2.3.4",
            "fe80::1%eth0",
            "")) {
      assertThatIllegalArgumentException()
          .as(bad)
          .isThrownBy(() -> TrustedHeaders.fromLoopbackAnd(List.of(bad)))
          .withMessage(
              "a trusted proxy must be an IP address or a block like 10.0.0.0/8, got: '"
                  + bad
                  + "'");
    }
  }

  @Test
  void aChainTakesTheFirstCallerAndStopsAtAFailure() {
    Principal fixed = new Principal("dev", null, List.of("admin"));
    Authenticator chain =
        Authenticator.chain(TrustedHeaders.fromLoopback(), Authenticator.anonymous(fixed));
    assertThat(chain.authenticate(request("127.0.0.1", ADMIN_HEADERS)))
        .contains(new Principal("ops", "p-1", List.of("admin", "Member")));
    assertThat(chain.authenticate(request("10.0.0.7", ADMIN_HEADERS))).contains(fixed);
    Authenticator failing =
        request -> {
          throw new UnauthorizedException("authentication failed");
        };
    assertThatExceptionOfType(UnauthorizedException.class)
        .isThrownBy(
            () ->
                Authenticator.chain(failing, Authenticator.anonymous(fixed))
                    .authenticate(request("127.0.0.1")));
    assertThat(Authenticator.chain().authenticate(request("127.0.0.1")))
        .isEqualTo(Optional.empty());
  }
}
