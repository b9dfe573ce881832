package io.meterkit.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates HTTP Basic credentials ({@code Authorization: Basic base64(name:password)}), the
 * way CloudSigma's clients authenticate, against a users file of salted password hashes.
 *
 * <p>The file: {@code {"users": [{"name": "alice", "password": "pbkdf2-sha256$<iterations>$<salt,
 * base64>$<32-byte hash, base64>", "user": "alice", "project": "acme", "roles": ["member"]}]}}:
 * {@code name} is the login, {@code password} a PBKDF2-HMAC-SHA256 hash of the UTF-8 password with
 * its own random salt ({@link #hashPassword}), and {@code user} (default: the name), {@code
 * project} and {@code roles} the caller it authenticates.
 *
 * <p>Guessing is slow by design: every attempt derives a key ({@value #DEFAULT_ITERATIONS}
 * iterations by default). An unknown name costs the same derivation, against a dummy entry, and
 * hashes are compared in constant time, so the time taken says neither whether the name exists nor
 * how close a guess came (give every entry the same iteration count, as {@link #hashPassword}
 * does). Verified credentials are remembered (an HMAC of the header under a key random to this
 * instance, never the password) so that a client sending the same header again is not charged the
 * derivation each time; at most {@value #CACHE_ENTRIES} are remembered. At most half the processors
 * (at least one) derive keys at once; a check beyond that is refused at once with a 503 ({@link
 * LimitExceededException}), so that a flood of guesses costs the host a bounded share of its CPU
 * and never the workers of callers who authenticate otherwise or were verified before.
 *
 * <p>A request without {@code Authorization: Basic} is not this authenticator's business (empty); a
 * malformed header, an unknown name or a wrong password is a failure. Challenge: {@code Basic
 * realm="meterkit", charset="UTF-8"}.
 *
 * <p>Thread-safe.
 */
public final class BasicAuthenticator implements Authenticator {
  /** The PBKDF2 iterations of {@link #hashPassword(String)}: OWASP's advice for HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** How many verified credentials are remembered at most. */
  static final int CACHE_ENTRIES = 4096;

  private static final Set<String> FIELDS = Set.of("name", "password");

  /** Derives a key; {@link PasswordHash#derive} outside tests. */
  @FunctionalInterface
  interface Derivation {
    byte[] derive(String password, byte[] salt, int iterations);
  }

  private final Map<String, PasswordHash> hashes;
  private final Map<String, Principal> callers;
  private final PasswordHash dummy;
  private final Derivation derivation;
  private final byte[] cacheKey = new byte[32];
  private final Map<String, Principal> verified = new ConcurrentHashMap<>();
  private final Semaphore derivations;

  BasicAuthenticator(
      Map<String, PasswordHash> hashes,
      Map<String, Principal> callers,
      Derivation derivation,
      int concurrentDerivations) {
    this.derivations = new Semaphore(concurrentDerivations);
    this.hashes = Map.copyOf(hashes);
    this.callers = Map.copyOf(callers);
    this.derivation = Objects.requireNonNull(derivation, "derivation");
    int iterations = DEFAULT_ITERATIONS;
    if (!hashes.isEmpty()) {
      iterations = hashes.values().stream().mapToInt(PasswordHash::iterations).max().getAsInt();
    }
    this.dummy = PasswordHash.create("", iterations, derivation);
    new SecureRandom().nextBytes(cacheKey);
  }

  /**
   * Reads a users file.
   *
   * @param file the JSON file
   * @return the authenticator
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file, the entry and the field of a mistake
   */
  public static BasicAuthenticator read(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the JSON text of a users file.
   *
   * @param json {@code {"users": [...]}}
   * @return the authenticator
   * @throws IllegalArgumentException naming the entry and the field of a mistake, or a name given
   *     twice
   */
  public static BasicAuthenticator parse(String json) {
    return parse(json, PasswordHash::derive);
  }

  static BasicAuthenticator parse(String json, Derivation derivation) {
    return parse(json, derivation, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  static BasicAuthenticator parse(String json, Derivation derivation, int concurrentDerivations) {
    Map<String, PasswordHash> hashes = new HashMap<>();
    Map<String, Principal> callers = new HashMap<>();
    List<ObjectNode> items = CredentialFile.entries(json, "users");
    for (int i = 0; i < items.size(); i++) {
      String where = "users[" + i + "]";
      ObjectNode item = items.get(i);
      CredentialFile.allowOnly(item, where, FIELDS);
      String name = CredentialFile.text(item, where, "name", true);
      if (name.indexOf(':') >= 0) {
        throw new IllegalArgumentException(where + ".name must not contain ':'");
      }
      if (hashes.containsKey(name)) {
        throw new IllegalArgumentException(where + ".name '" + name + "' is given twice");
      }
      String password = CredentialFile.text(item, where, "password", true);
      PasswordHash hash;
      try {
        hash = PasswordHash.parse(password);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".password " + e.getMessage(), e);
      }
      hashes.put(name, hash);
      callers.put(name, CredentialFile.caller(item, where, name));
    }
    return new BasicAuthenticator(hashes, callers, derivation, concurrentDerivations);
  }

  /**
   * Hashes a password for the users file with a fresh random salt and {@value #DEFAULT_ITERATIONS}
   * iterations.
   *
   * @param password the password
   * @return {@code pbkdf2-sha256$600000$<salt>$<hash>}
   */
  public static String hashPassword(String password) {
    return hashPassword(password, DEFAULT_ITERATIONS);
  }

  /**
   * Hashes a password for the users file with a fresh random salt.
   *
   * @param password the password
   * @param iterations the PBKDF2 iterations, 1,000..100,000,000
   * @return {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
   * @throws IllegalArgumentException when the iterations are out of range
   */
  public static String hashPassword(String password, int iterations) {
    return PasswordHash.create(password, iterations, PasswordHash::derive).toString();
  }

  /**
   * Returns the users-file entry of a login, e.g. {@code {"name":"alice","password":
   * "pbkdf2-sha256$...","user":"alice","project":"acme","roles":["member"]}}.
   *
   * @param name the login, without {@code :}
   * @param password the password (only its hash is written)
   * @param iterations the PBKDF2 iterations
   * @param caller whom the login authenticates
   * @return the JSON text of the entry
   * @throws IllegalArgumentException when the name is blank or holds {@code :}, or the iterations
   *     are out of range
   */
  public static String entry(String name, String password, int iterations, Principal caller) {
    if (name.isBlank() || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a login name must be non-blank and without ':'");
    }
    ObjectNode fields =
        CredentialFile.object()
            .put("name", name)
            .put("password", hashPassword(password, iterations));
    return CredentialFile.entry(fields, caller);
  }

  @Override
  public Optional<Principal> authenticate(ApiRequest request) {
    Optional<String> credential = Credentials.authorization(request, "Basic");
    if (credential.isEmpty()) {
      return Optional.empty();
    }
    String key = cacheKey(credential.get());
    Principal remembered = verified.get(key);
    if (remembered != null) {
      return Optional.of(remembered);
    }
    String pair = decode(credential.get());
    int colon = pair == null ? -1 : pair.indexOf(':');
    String name = colon < 0 ? "" : pair.substring(0, colon);
    String password = colon < 0 ? "" : pair.substring(colon + 1);
    PasswordHash hash = hashes.get(name);
    if (!derivations.tryAcquire()) {
      throw new LimitExceededException(
          503, "too many password checks at once; retry after 1 second");
    }
    boolean matches;
    try {
      // An unknown name (or a malformed header) costs the same derivation as a known one.
      matches = (hash == null ? dummy : hash).matches(password, derivation);
    } finally {
      derivations.release();
    }
    if (hash == null || colon < 0 || !matches) {
      throw Credentials.failed();
    }
    Principal caller = callers.get(name);
    if (verified.size() >= CACHE_ENTRIES) {
      verified.clear();
    }
    verified.put(key, caller);
    return Optional.of(caller);
  }

  @Override
  public List<String> challenges() {
    return List.of("Basic realm=\"" + Credentials.REALM + "\", charset=\"UTF-8\"");
  }

  /**
   * Returns how many logins this authenticator knows.
   *
   * @return the number of entries
   */
  public int size() {
    return hashes.size();
  }

  // base64(name:password) as strict UTF-8, or null when it is not.
  private static String decode(String credential) {
    try {
      byte[] bytes = Base64.getDecoder().decode(credential);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null;
    }
  }

  private String cacheKey(String credential) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(credential.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "BasicAuthenticator[" + hashes.size() + " users]";
  }
}
