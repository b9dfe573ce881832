package io.meterkit.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Authenticates API tokens: {@code X-Auth-Token: T} (as OpenStack clients send it) or {@code
 * Authorization: Bearer T}, each token mapped to the caller it stands for.
 *
 * <p>Only SHA-256 hashes of the tokens are kept, so the tokens file reveals no token: {@code
 * {"tokens": [{"sha256": "<64 hex digits>", "user": "alice", "project": "acme", "roles":
 * ["member"]}]}} ({@code user}, {@code project} and {@code roles} optional). A presented token is
 * hashed and compared with every entry in constant time ({@link MessageDigest#isEqual}), without
 * stopping at a match, so the time taken says nothing about how close a guess came.
 *
 * <p>A request with neither header is not this authenticator's business (empty); an unknown, empty
 * or ambiguous token (both headers, or one of them twice) is a failure. Challenge: {@code Bearer
 * realm="meterkit"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {
  /** The header OpenStack clients send a token in. */
  public static final String AUTH_TOKEN_HEADER = "X-Auth-Token";

  private static final Set<String> FIELDS = Set.of("sha256");

  /** One token: its hash and its caller (a class, not a record: it holds an array). */
  static final class Entry {
    private final byte[] sha256;
    private final Principal caller;

    Entry(byte[] sha256, Principal caller) {
      this.sha256 = sha256.clone();
      this.caller = Objects.requireNonNull(caller, "caller");
    }

    Principal caller() {
      return caller;
    }
  }

  private final List<Entry> entries;
  private final BiPredicate<byte[], byte[]> equality;

  TokenAuthenticator(List<Entry> entries, BiPredicate<byte[], byte[]> equality) {
    this.entries = List.copyOf(entries);
    this.equality = Objects.requireNonNull(equality, "equality");
  }

  /**
   * Reads a tokens file.
   *
   * @param file the JSON file
   * @return the authenticator
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file, the entry and the field of a mistake
   */
  public static TokenAuthenticator read(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the JSON text of a tokens file.
   *
   * @param json {@code {"tokens": [...]}}
   * @return the authenticator
   * @throws IllegalArgumentException naming the entry and the field of a mistake, or a hash given
   *     twice
   */
  public static TokenAuthenticator parse(String json) {
    return new TokenAuthenticator(entries(json), MessageDigest::isEqual);
  }

  /** The entries of a tokens file; package-private for tests that count comparisons. */
  static List<Entry> entries(String json) {
    List<Entry> entries = new ArrayList<>();
    List<ObjectNode> items = CredentialFile.entries(json, "tokens");
    for (int i = 0; i < items.size(); i++) {
      String where = "tokens[" + i + "]";
      ObjectNode item = items.get(i);
      CredentialFile.allowOnly(item, where, FIELDS);
      String hex = CredentialFile.text(item, where, "sha256", true);
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            where + ".sha256 must be the SHA-256 of the token as 64 hex digits");
      }
      byte[] hash = HexFormat.of().parseHex(hex);
      for (Entry earlier : entries) {
        if (MessageDigest.isEqual(earlier.sha256, hash)) {
          throw new IllegalArgumentException(where + ".sha256 is given twice");
        }
      }
      entries.add(new Entry(hash, CredentialFile.caller(item, where, null)));
    }
    return entries;
  }

  /**
   * Returns the hex SHA-256 of a token, as the tokens file stores it.
   *
   * @param token the token
   * @return 64 lower-case hex digits
   */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  /**
   * Returns the tokens-file entry of a token, e.g. {@code {"sha256":"...","user":"alice",
   * "project":"acme","roles":["member"]}}.
   *
   * @param token the token (only its hash is written)
   * @param caller whom the token stands for
   * @return the JSON text of the entry
   */
  public static String entry(String token, Principal caller) {
    return CredentialFile.entry(CredentialFile.object().put("sha256", sha256Hex(token)), caller);
  }

  @Override
  public Optional<Principal> authenticate(ApiRequest request) {
    Optional<String> bearer = Credentials.authorization(request, "Bearer");
    List<String> header = request.headerValues(AUTH_TOKEN_HEADER);
    if (bearer.isEmpty() && header.isEmpty()) {
      return Optional.empty();
    }
    if (header.size() > 1 || (bearer.isPresent() && !header.isEmpty())) {
      throw Credentials.failed();
    }
    String token = bearer.orElseGet(() -> header.get(0).strip());
    if (token.isEmpty()) {
      throw Credentials.failed();
    }
    byte[] presented = sha256(token);
    Principal found = null;
    for (Entry entry : entries) {
      // Every entry is compared, whatever matched before: no early exit.
      if (equality.test(entry.sha256, presented) && found == null) {
        found = entry.caller();
      }
    }
    if (found == null) {
      throw Credentials.failed();
    }
    return Optional.of(found);
  }

  @Override
  public List<String> challenges() {
    return List.of("Bearer realm=\"" + Credentials.REALM + "\"");
  }

  /**
   * Returns how many tokens this authenticator knows.
   *
   * @return the number of entries
   */
  public int size() {
    return entries.size();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "TokenAuthenticator[" + entries.size() + " tokens]";
  }
}
