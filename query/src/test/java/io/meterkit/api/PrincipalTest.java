package io.meterkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meterkit.core.ForbiddenException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalTest {

  @Test
  void isReadFromTheIdentityHeaders() {
    Map<String, String> headers =
        Map.of("X-User-Id", "u-1", "X-Project-Id", "p-1", "X-Roles", " Member , reader,");
    Principal principal = Principal.fromHeaders(headers::get).orElseThrow();
    assertThat(principal).isEqualTo(new Principal("u-1", "p-1", List.of("Member", "reader")));
    assertThat(principal.isAdmin()).isFalse();
    assertThat(principal.highestRole()).isEmpty();
  }

  @Test
  void isAbsentWithoutAnyIdentityHeader() {
    assertThat(Principal.fromHeaders(Map.of("X-Roles", " ")::get)).isEmpty();
  }

  @Test
  void isAnAdminWhenARoleIsAdminIgnoringCase() {
    Principal principal =
        Principal.fromHeaders(Map.of("X-Roles", "member,ADMIN")::get).orElseThrow();
    assertThat(principal.isAdmin()).isTrue();
    assertThat(principal.highestRole()).contains(Role.ADMIN);
  }

  @Test
  void usageRolesAreOrderedAdminOverTenantOverUser() {
    Principal tenant = new Principal("t", "acme", List.of("user", "Tenant"));
    assertThat(tenant.highestRole()).contains(Role.TENANT);
    assertThat(tenant.hasRole(Role.USER)).isTrue();
    assertThat(tenant.hasRole(Role.TENANT)).isTrue();
    assertThat(tenant.hasRole(Role.ADMIN)).isFalse();
    assertThat(Principal.anonymousAdmin().hasRole(Role.TENANT)).isTrue();
  }

  @Test
  void requireRoleNamesTheRoleAndTheRolesHeld() {
    assertThatExceptionOfType(ForbiddenException.class)
        .isThrownBy(() -> new Principal("u", "p", List.of("user")).requireRole(Role.TENANT))
        .withMessage("this request requires role tenant or higher, got roles: [user]");
    assertThatExceptionOfType(ForbiddenException.class)
        .isThrownBy(
            () -> new Principal("u", "p", List.of("r".repeat(100_000))).requireRole(Role.USER))
        .withMessage(
            "this request requires role user or higher, got roles: ["
                + "r".repeat(63)
                + "... (100002 characters)");
  }
}
