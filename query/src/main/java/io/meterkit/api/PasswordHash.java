package io.meterkit.api;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2-HMAC-SHA256 password hash in the text form {@code pbkdf2-sha256$<iterations>$<salt,
 * base64>$<32-byte hash, base64>} (standard base64 with padding). The password is encoded as UTF-8,
 * so the hashes match other PBKDF2 implementations (Python's {@code hashlib.pbkdf2_hmac}, for one).
 * Immutable and thread-safe.
 */
final class PasswordHash {
  static final String SCHEME = "pbkdf2-sha256";
  static final int MIN_ITERATIONS = 1_000;
  static final int MAX_ITERATIONS = 100_000_000;
  static final int HASH_BYTES = 32;
  static final int SALT_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException when it is not {@code pbkdf2-sha256$N$salt$hash} with N in
   *     {@value #MIN_ITERATIONS}..{@value #MAX_ITERATIONS}, a non-empty salt and a 32-byte hash
   */
  static PasswordHash parse(String text) {
    String[] parts = text.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(
          "must be " + SCHEME + "$<iterations>$<salt, base64>$<hash, base64>");
    }
    int iterations = Integer.parseInt(parts[1]);
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "iterations must be in "
              + MIN_ITERATIONS
              + ".."
              + MAX_ITERATIONS
              + ", got "
              + iterations);
    }
    byte[] salt;
    byte[] hash;
    try {
      salt = Base64.getDecoder().decode(parts[2]);
      hash = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("salt and hash must be standard base64 with padding");
    }
    if (salt.length == 0 || hash.length != HASH_BYTES) {
      throw new IllegalArgumentException(
          "the salt must not be empty and the hash must be " + HASH_BYTES + " bytes");
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /** Hashes a password with a fresh random salt. */
  static PasswordHash create(
      String password, int iterations, BasicAuthenticator.Derivation derivation) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "iterations must be in "
              + MIN_ITERATIONS
              + ".."
              + MAX_ITERATIONS
              + ", got "
              + iterations);
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(iterations, salt, derivation.derive(password, salt, iterations));
  }

  int iterations() {
    return iterations;
  }

  /** Whether {@code password} hashes to this hash; the comparison takes constant time. */
  boolean matches(String password, BasicAuthenticator.Derivation derivation) {
    return MessageDigest.isEqual(hash, derivation.derive(password, salt, iterations));
  }

  /** PBKDF2-HMAC-SHA256 of the UTF-8 bytes of {@code password}, {@value #HASH_BYTES} bytes. */
  static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public String toString() {
    Base64.Encoder base64 = Base64.getEncoder();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash);
  }
}
