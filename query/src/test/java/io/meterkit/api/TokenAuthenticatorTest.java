package io.meterkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthenticatorTest {
  // SHA-256 of the ASCII text "abc" (FIPS 180-2, appendix B.1) and of "s3cr3t-token-of-bob".
  private static final String ABC_SHA256 =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  private static final String FILE =
      "{\"tokens\": ["
          + "{\"sha256\": \""
          + ABC_SHA256
          + "\", \"user\": \"alice\", \"project\": \"acme\", \"roles\": [\"member\"]},"
          + "{\"sha256\": \""
          + TokenAuthenticator.sha256Hex("s3cr3t-token-of-bob").toUpperCase()
          + "\", \"user\": \"bob\", \"roles\": [\"admin\"]},"
          + "{\"sha256\": \""
          + TokenAuthenticator.sha256Hex("nobody")
          + "\"}]}";

  private static final Principal ALICE = new Principal("alice", "acme", List.of("member"));

  private final TokenAuthenticator tokens = TokenAuthenticator.parse(FILE);

  private static ApiRequest request(String... headers) {
    ApiRequest.Builder builder = ApiRequest.builder("GET", "/v2/meters");
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  private void assertFails(ApiRequest request) {
    assertThatExceptionOfType(UnauthorizedException.class)
        .as(request.headers().toString())
        .isThrownBy(() -> tokens.authenticate(request))
        .withMessage("authentication failed");
  }

  @Test
  void theHashIsTheHexSha256OfTheToken() {
    assertThat(TokenAuthenticator.sha256Hex("abc")).isEqualTo(ABC_SHA256);
  }

  @Test
  void aKnownTokenInEitherHeaderNamesItsCaller() {
    assertThat(tokens.authenticate(request("X-Auth-Token", "abc"))).contains(ALICE);
    assertThat(tokens.authenticate(request("x-auth-token", " abc "))).contains(ALICE);
    assertThat(tokens.authenticate(request("Authorization", "Bearer abc"))).contains(ALICE);
    assertThat(tokens.authenticate(request("authorization", "bearer abc"))).contains(ALICE);
    assertThat(tokens.authenticate(request("X-Auth-Token", "s3cr3t-token-of-bob")))
        .as("upper-case hex in the file")
        .contains(new Principal("bob", null, List.of("admin")));
    assertThat(tokens.authenticate(request("X-Auth-Token", "nobody")))
        .contains(new Principal(null, null, List.of()));
    assertThat(tokens.size()).isEqualTo(3);
  }

  @Test
  void aRequestWithoutATokenIsNotItsBusiness() {
    assertThat(tokens.authenticate(request())).isEmpty();
    assertThat(tokens.authenticate(request("Authorization", "Basic YWxpY2U6cHc="))).isEmpty();
    assertThat(tokens.authenticate(request("X-Roles", "admin"))).isEmpty();
  }

  @Test
  void unknownEmptyAndAmbiguousTokensFailAlike() {
    assertFails(request("X-Auth-Token", "abd"));
    assertFails(request("X-Auth-Token", "ABC"));
    assertFails(request("Authorization", "Bearer " + ABC_SHA256));
    assertFails(request("X-Auth-Token", ""));
    assertFails(request("X-Auth-Token", "   "));
    assertFails(request("Authorization", "Bearer    "));
    assertFails(request("X-Auth-Token", "abc", "X-Auth-Token", "abc"));
    assertFails(request("X-Auth-Token", "abc", "Authorization", "Bearer abc"));
    assertFails(request("Authorization", "Bearer abc", "Authorization", "Basic eDp5"));
  }

  @Test
  void everyEntryIsComparedInConstantTimeWhereverTheMatchIs() {
    List<Integer> lengths = new ArrayList<>();
    BiPredicate<byte[], byte[]> spy =
        (stored, presented) -> {
          lengths.add(stored.length);
          lengths.add(presented.length);
          return java.security.MessageDigest.isEqual(stored, presented);
        };
    TokenAuthenticator counted = new TokenAuthenticator(TokenAuthenticator.entries(FILE), spy);
    for (String token : List.of("abc", "s3cr3t-token-of-bob", "nobody", "wrong")) {
      lengths.clear();
      try {
        counted.authenticate(request("X-Auth-Token", token));
      } catch (UnauthorizedException expected) {
        assertThat(token).isEqualTo("wrong");
      }
      assertThat(lengths).as(token).hasSize(6).containsOnly(32);
    }
  }

  @Test
  void anEntryWritesTheHashOnlyAndReadsBack() {
    Principal carol = new Principal("carol", "globex", List.of("member", "reader"));
    String entry = TokenAuthenticator.entry("carols-token", carol);
    assertThat(entry)
        .isEqualTo(
            "{\"sha256\":\""
                + TokenAuthenticator.sha256Hex("carols-token")
                + "\",\"user\":\"carol\",\"project\":\"globex\",\"roles\":[\"member\",\"reader\"]}")
        .doesNotContain("carols-token");
    TokenAuthenticator read = TokenAuthenticator.parse("{\"tokens\": [" + entry + "]}");
    assertThat(read.authenticate(request("X-Auth-Token", "carols-token"))).contains(carol);
  }

  @Test
  void aFileIsReadFromDisk(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("tokens.json"), FILE);
    assertThat(TokenAuthenticator.read(file).authenticate(request("X-Auth-Token", "abc")))
        .contains(ALICE);
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"tokens\": [{}]}");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TokenAuthenticator.read(bad))
        .withMessage(bad + ": tokens[0].sha256 is required");
  }

  @Test
  void mistakesInTheFileAreNamed() {
    String hash = "\"sha256\": \"" + ABC_SHA256 + "\"";
    assertBadFile("[]", "the file must be a JSON object {\"tokens\": [...]} and nothing else");
    assertBadFile(
        "{\"tokens\": [], \"users\": []}",
        "the file must be a JSON object {\"tokens\": [...]} and nothing else");
    assertBadFile("{\"tokens\": [1]}", "tokens[0] must be an object");
    assertBadFile(
        "{\"tokens\": [{\"sha256\": \"abc\"}]}",
        "tokens[0].sha256 must be the SHA-256 of the token as 64 hex digits");
    assertBadFile(
        "{\"tokens\": [{" + hash + "}, {" + hash.toUpperCase().replace("SHA256", "sha256") + "}]}",
        "tokens[1].sha256 is given twice");
    assertBadFile(
        "{\"tokens\": [{" + hash + ", \"role\": [\"admin\"]}]}",
        "tokens[0] has an unknown field 'role'; accepted: [sha256] and ");
    assertBadFile(
        "{\"tokens\": [{" + hash + ", \"roles\": \"admin\"}]}",
        "tokens[0].roles must be an array of strings");
    assertBadFile(
        "{\"tokens\": [{" + hash + ", \"user\": 7}]}", "tokens[0].user must be a non-blank string");
    assertBadFile("{\"tokens\": [{" + hash + ", " + hash + "}]}", "the file must be JSON: ");
  }

  private static void assertBadFile(String json, String messageStart) {
    assertThatIllegalArgumentException()
        .as(json)
        .isThrownBy(() -> TokenAuthenticator.parse(json))
        .withMessageStartingWith(messageStart);
  }

  @Test
  void itChallengesForABearerToken() {
    assertThat(tokens.challenges()).containsExactly("Bearer realm=\"meterkit\"");
  }
}
