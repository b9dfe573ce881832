package io.meterkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hashes come from Python's {@code hashlib.pbkdf2_hmac} and RFC 7914, never from this code. */
class BasicAuthenticatorTest {
  // alice / "open sesame": salt "0123456789abcdef", 1000 iterations (hashlib.pbkdf2_hmac).
  private static final String ALICE_HASH =
      "pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg==$Mqp8wAsrOsjVEIymTD0kATxTpTf4f+0ZMgQPDlukk/w=";
  // RFC 7914 section 11: P = "Password", S = "NaCl", c = 80000, the first 32 bytes.
  private static final String RFC_HASH =
      "pbkdf2-sha256$80000$TmFDbA==$TdzY9guYviGDDO5e8icB+WQaRBjQTAQUrv8Ih2s0q1Y=";
  // "pässwörd€" as UTF-8, salt "NaCl", 1000 iterations (hashlib.pbkdf2_hmac).
  private static final String UTF8_HASH =
      "pbkdf2-sha256$1000$TmFDbA==$UkSVhOaeKWW3FBuzmjqU/ZjnstQmRV4dqUI4D70OokQ=";

  private static final String FILE =
      "{\"users\": ["
          + "{\"name\": \"alice\", \"password\": \""
          + ALICE_HASH
          + "\", \"project\": \"acme\", \"roles\": [\"member\"]},"
          + "{\"name\": \"rfc\", \"password\": \""
          + RFC_HASH
          + "\", \"user\": \"u-rfc\", \"project\": \"p-rfc\", \"roles\": [\"admin\"]},"
          + "{\"name\": \"jörg\", \"password\": \""
          + UTF8_HASH
          + "\"}]}";

  private static final Principal ALICE = new Principal("alice", "acme", List.of("member"));

  private static ApiRequest basic(String nameAndPassword) {
    return request(
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString(nameAndPassword.getBytes(StandardCharsets.UTF_8)));
  }

  private static ApiRequest request(String... headers) {
    ApiRequest.Builder builder = ApiRequest.builder("GET", "/burstusage/");
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  private static void assertFails(BasicAuthenticator users, ApiRequest request) {
    assertThatExceptionOfType(UnauthorizedException.class)
        .as(request.headers().toString())
        .isThrownBy(() -> users.authenticate(request))
        .withMessage("authentication failed");
  }

  @Test
  void theRightPasswordNamesTheCaller() {
    BasicAuthenticator users = BasicAuthenticator.parse(FILE);
    assertThat(users.authenticate(basic("alice:open sesame"))).contains(ALICE);
    assertThat(users.authenticate(request("authorization", "basic YWxpY2U6b3BlbiBzZXNhbWU=")))
        .contains(ALICE);
    assertThat(users.authenticate(basic("rfc:Password")))
        .contains(new Principal("u-rfc", "p-rfc", List.of("admin")));
    assertThat(users.authenticate(request("Authorization", "Basic asO2cmc6cMOkc3N3w7ZyZOKCrA==")))
        .as("UTF-8 name and password")
        .contains(new Principal("jörg", null, List.of()));
    assertThat(users.size()).isEqualTo(3);
  }

  @Test
  void wrongPasswordsUnknownNamesAndMalformedHeadersFailAlike() {
    BasicAuthenticator users = BasicAuthenticator.parse(FILE);
    assertFails(users, basic("alice:open sesame "));
    assertFails(users, basic("alice:"));
    assertFails(users, basic("Alice:open sesame"));
    assertFails(users, basic("mallory:open sesame"));
    assertFails(users, basic("alice"));
    assertFails(users, basic(":open sesame"));
    assertFails(users, request("Authorization", "Basic not*base64"));
    assertFails(users, request("Authorization", "Basic "));
    assertFails(
        users,
        request(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'})));
    assertFails(
        users,
        request("Authorization", "Basic YWxpY2U6b3BlbiBzZXNhbWU=", "Authorization", "Bearer abc"));
  }

  @Test
  void aRequestWithoutBasicCredentialsIsNotItsBusiness() {
    BasicAuthenticator users = BasicAuthenticator.parse(FILE);
    assertThat(users.authenticate(request())).isEmpty();
    assertThat(users.authenticate(request("Authorization", "Bearer abc"))).isEmpty();
    assertThat(users.authenticate(request("X-Auth-Token", "abc"))).isEmpty();
  }

  /** Records every key derivation: its iterations. */
  private static final class CountingDerivation implements BasicAuthenticator.Derivation {
    final List<Integer> iterations = new ArrayList<>();

    @Override
    public byte[] derive(String password, byte[] salt, int count) {
      iterations.add(count);
      return PasswordHash.derive(password, salt, count);
    }
  }

  @Test
  void anUnknownNameCostsTheSameDerivationAsAKnownOne() {
    String sameIterations =
        "{\"users\": [{\"name\": \"alice\", \"password\": \""
            + ALICE_HASH
            + "\"}, {\"name\": \"bob\", \"password\": \""
            + ALICE_HASH
            + "\"}]}";
    CountingDerivation counting = new CountingDerivation();
    BasicAuthenticator users = BasicAuthenticator.parse(sameIterations, counting);
    for (String attempt : List.of("alice:wrong", "mallory:wrong", "malformed", "bob:open sesame")) {
      counting.iterations.clear();
      try {
        users.authenticate(basic(attempt));
      } catch (UnauthorizedException expected) {
        assertThat(attempt).doesNotStartWith("bob");
      }
      assertThat(counting.iterations).as(attempt).containsExactly(1000);
    }
  }

  @Test
  void theDummyOfUnknownNamesTakesTheHighestIterationsOfTheFile() {
    CountingDerivation counting = new CountingDerivation();
    BasicAuthenticator users = BasicAuthenticator.parse(FILE, counting);
    counting.iterations.clear();
    assertFails(users, basic("mallory:x"));
    assertThat(counting.iterations).containsExactly(80000);
  }

  @Test
  void verifiedCredentialsAreRememberedWrongOnesNever() {
    CountingDerivation counting = new CountingDerivation();
    BasicAuthenticator users = BasicAuthenticator.parse(FILE, counting);
    counting.iterations.clear();
    assertThat(users.authenticate(basic("alice:open sesame"))).contains(ALICE);
    assertThat(users.authenticate(basic("alice:open sesame"))).contains(ALICE);
    assertThat(counting.iterations).containsExactly(1000);
    assertFails(users, basic("alice:wrong"));
    assertFails(users, basic("alice:wrong"));
    assertThat(counting.iterations).containsExactly(1000, 1000, 1000);
  }

  @Test
  void passwordChecksBeyondTheConcurrencyLimitAre503AtOnceButVerifiedLoginsPass() throws Exception {
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    BasicAuthenticator.Derivation slow =
        (password, salt, iterations) -> {
          if (password.equals("wait")) {
            inside.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return PasswordHash.derive(password, salt, iterations);
        };
    BasicAuthenticator users = BasicAuthenticator.parse(FILE, slow, 1);
    assertThat(users.authenticate(basic("alice:open sesame"))).contains(ALICE);
    java.util.concurrent.CompletableFuture<Void> guesser =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> assertFails(users, basic("alice:wait")));
    inside.await();
    assertThatExceptionOfType(LimitExceededException.class)
        .isThrownBy(() -> users.authenticate(basic("rfc:Password")))
        .satisfies(e -> assertThat(e.status()).isEqualTo(503))
        .withMessage("too many password checks at once; retry after 1 second");
    assertThat(users.authenticate(basic("alice:open sesame")))
        .as("remembered, so no derivation")
        .contains(ALICE);
    release.countDown();
    guesser.join(); // rethrows a failed assertion of the guesser
    assertThat(users.authenticate(basic("rfc:Password"))).isPresent();
  }

  @Test
  void hashPasswordWritesAFreshSaltEveryTime() {
    String first = BasicAuthenticator.hashPassword("hunter2", 1000);
    String second = BasicAuthenticator.hashPassword("hunter2", 1000);
    assertThat(first).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=");
    assertThat(first).isNotEqualTo(second);
    for (String hash : List.of(first, second)) {
      BasicAuthenticator users =
          BasicAuthenticator.parse(
              "{\"users\": [{\"name\": \"x\", \"password\": \"" + hash + "\"}]}");
      assertThat(users.authenticate(basic("x:hunter2"))).isPresent();
      assertFails(users, basic("x:hunter3"));
    }
    assertThat(BasicAuthenticator.DEFAULT_ITERATIONS).isEqualTo(600_000);
  }

  @Test
  void anEntryWritesTheHashOnlyAndReadsBack() {
    Principal carol = new Principal("carol", "globex", List.of("member"));
    String entry = BasicAuthenticator.entry("carol", "correct horse", 1000, carol);
    assertThat(entry)
        .matches(
            "\\{\"name\":\"carol\",\"password\":\"pbkdf2-sha256\\$1000\\$[^\"]+\","
                + "\"user\":\"carol\",\"project\":\"globex\",\"roles\":\\[\"member\"\\]\\}")
        .doesNotContain("correct horse");
    BasicAuthenticator users = BasicAuthenticator.parse("{\"users\": [" + entry + "]}");
    assertThat(users.authenticate(basic("carol:correct horse"))).contains(carol);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BasicAuthenticator.entry("a:b", "pw", 1000, carol))
        .withMessage("a login name must be non-blank and without ':'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BasicAuthenticator.entry("a", "pw", 999, carol))
        .withMessage("iterations must be in 1000..100000000, got 999");
  }

  @Test
  void mistakesInTheFileAreNamed() {
    String alice = "\"name\": \"alice\", \"password\": \"" + ALICE_HASH + "\"";
    assertBadFile(
        "{\"users\": [{\"password\": \"" + ALICE_HASH + "\"}]}", "users[0].name is required");
    assertBadFile("{\"users\": [{\"name\": \"alice\"}]}", "users[0].password is required");
    assertBadFile(
        "{\"users\": [{" + alice + "}, {" + alice + "}]}", "users[1].name 'alice' is given twice");
    assertBadFile(
        "{\"users\": [{\"name\": \"a:b\", \"password\": \"" + ALICE_HASH + "\"}]}",
        "users[0].name must not contain ':'");
    for (String hash :
        List.of(
            "plain-text",
            "pbkdf2-sha1$1000$TmFDbA==$" + ALICE_HASH.substring(ALICE_HASH.lastIndexOf('$') + 1),
            "pbkdf2-sha256$1000$TmFDbA==",
            "pbkdf2-sha256$abc$TmFDbA==$TmFDbA==")) {
      assertBadFile(
          "{\"users\": [{\"name\": \"a\", \"password\": \"" + hash + "\"}]}",
          "users[0].password must be pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>");
    }
    assertBadFile(
        "{\"users\": [{\"name\": \"a\", \"password\": \"pbkdf2-sha256$999$TmFDbA==$TmFDbA==\"}]}",
        "users[0].password iterations must be in 1000..100000000, got 999");
    assertBadFile(
        "{\"users\": [{\"name\": \"a\", \"password\": \"pbkdf2-sha256$1000$TmFDbA==$TmFDbA==\"}]}",
        "users[0].password the salt must not be empty and the hash must be 32 bytes");
    assertBadFile(
        "{\"users\": [{\"name\": \"a\", \"password\": \"pbkdf2-sha256$1000$%%%$TmFDbA==\"}]}",
        "users[0].password salt and hash must be standard base64 with padding");
    assertBadFile(
        "{\"users\": [{" + alice + ", \"sha256\": \"x\"}]}",
        "users[0] has an unknown field 'sha256'");
  }

  private static void assertBadFile(String json, String messageStart) {
    assertThatIllegalArgumentException()
        .as(json)
        .isThrownBy(() -> BasicAuthenticator.parse(json))
        .withMessageStartingWith(messageStart);
  }

  @Test
  void itChallengesForBasicCredentialsInUtf8() {
    assertThat(BasicAuthenticator.parse("{\"users\": []}").challenges())
        .containsExactly("Basic realm=\"meterkit\", charset=\"UTF-8\"");
  }
}
