package io.meterkit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS context of {@code --tls-keystore FILE.p12 --tls-keystore-password-file FILE}: a PKCS12
 * keystore holding the server's private key and certificate chain, opened (store and key) with the
 * password in the first line of the password file, so that the password is never on the command
 * line. Thread-safe: stateless.
 */
final class Tls {
  private Tls() {}

  /**
   * Opens a keystore.
   *
   * @throws IOException when a file cannot be read, the password is wrong or the keystore holds no
   *     private key
   */
  static SSLContext context(Path keystore, Path passwordFile) throws IOException {
    char[] password = password(passwordFile);
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      boolean hasKey = false;
      for (String alias : Collections.list(store.aliases())) {
        hasKey |= store.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new IOException("it holds no private key");
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(keystore + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IOException(keystore + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] password(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).replaceFirst("\r$", "");
    if (line.isEmpty()) {
      throw new IOException(file + ": the first line must hold the keystore password");
    }
    return line.toCharArray();
  }
}
