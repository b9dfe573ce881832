package io.meterkit.examples;

import io.meterkit.api.BasicAuthenticator;
import io.meterkit.api.Principal;
import io.meterkit.api.TokenAuthenticator;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The subcommands that print an entry of a credentials file: {@code hash-token --user U [--project
 * P] [--roles R,...]} (for {@code --auth tokens:FILE}) and {@code hash-password --name N [--user U]
 * [--project P] [--roles R,...] [--iterations N]} (for {@code --auth basic:FILE}). The secret is
 * read from standard input, never from the command line (where other users of the machine and the
 * shell history would see it): from a terminal without echo, else the first line of the input.
 *
 * <p>Not meant to be called concurrently.
 */
final class HashCommand {
  /** The shortest token accepted: 16 characters (e.g. {@code openssl rand -hex 32} gives 64). */
  static final int MIN_TOKEN_LENGTH = 16;

  private HashCommand() {}

  /** Whether the first argument names a subcommand. */
  static boolean handles(String[] args) {
    return args.length > 0 && (args[0].equals("hash-token") || args[0].equals("hash-password"));
  }

  /**
   * Runs a subcommand.
   *
   * @param console the terminal to read the secret from without echo, or null to read {@code in}
   * @return 0 when the entry was printed, 2 for bad arguments or an unacceptable secret
   */
  static int run(String[] args, InputStream in, Console console, PrintStream out, PrintStream err) {
    boolean token = args[0].equals("hash-token");
    String name = null;
    String user = null;
    String project = null;
    List<String> roles = new ArrayList<>();
    int iterations = BasicAuthenticator.DEFAULT_ITERATIONS;
    try {
      for (int i = 1; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--name":
            name = value;
            break;
          case "--user":
            user = value;
            break;
          case "--project":
            project = value;
            break;
          case "--roles":
            for (String role : value.split(",")) {
              if (!role.isBlank()) {
                roles.add(role.strip());
              }
            }
            break;
          case "--iterations":
            if (!value.matches("[0-9]{1,9}")) {
              throw new IllegalArgumentException("--iterations must be an integer, got: " + value);
            }
            iterations = Integer.parseInt(value);
            break;
          default:
            throw new IllegalArgumentException("unknown flag of " + args[0] + ": " + flag);
        }
      }
      if (token ? user == null : name == null) {
        throw new IllegalArgumentException(args[0] + " needs " + (token ? "--user" : "--name"));
      }
      String secret = read(in, console, token ? "token: " : "password: ");
      if (token && secret.length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "a token must be at least "
                + MIN_TOKEN_LENGTH
                + " characters, e.g. openssl rand -hex 32");
      }
      if (!token && secret.isEmpty()) {
        throw new IllegalArgumentException("the password must not be empty");
      }
      Principal caller = new Principal(user == null ? name : user, project, roles);
      out.println(
          token
              ? TokenAuthenticator.entry(secret, caller)
              : BasicAuthenticator.entry(name, secret, iterations, caller));
      err.println(
          "add this entry to the \""
              + (token ? "tokens" : "users")
              + "\" list of the file given to --auth "
              + (token ? "tokens:FILE" : "basic:FILE"));
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      err.println("error: " + e.getMessage());
      err.println(ServerOptions.USAGE);
      return 2;
    }
  }

  // The secret without its line break; from a terminal without echo.
  private static String read(InputStream in, Console console, String prompt) throws IOException {
    if (console != null) {
      char[] typed = console.readPassword("%s", prompt);
      if (typed == null) {
        throw new IOException("no secret on standard input");
      }
      String secret = new String(typed);
      Arrays.fill(typed, '\0');
      return secret;
    }
    byte[] bytes = in.readNBytes(1 << 16);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).replaceFirst("\r$", "");
  }
}
