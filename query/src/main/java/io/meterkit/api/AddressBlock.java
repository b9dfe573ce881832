package io.meterkit.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One IP address ({@code 10.0.0.7}, {@code ::1}) or block ({@code 10.0.0.0/8}, {@code fd00::/8}),
 * parsed from a literal without any name lookup. Immutable and thread-safe.
 */
final class AddressBlock {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final byte[] network;
  private final int prefixBits;

  private AddressBlock(byte[] network, int prefixBits) {
    this.network = network;
    this.prefixBits = prefixBits;
  }

  /**
   * Parses an address or a block.
   *
   * @throws IllegalArgumentException when the text is not an IPv4 or IPv6 literal with an optional
   *     {@code /prefix}
   */
  static AddressBlock parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String literal = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] address = literal(literal, text);
    int bits = address.length * 8;
    if (slash >= 0) {
      String prefix = trimmed.substring(slash + 1);
      if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
        throw bad(text);
      }
      bits = Integer.parseInt(prefix);
    }
    return new AddressBlock(address, bits);
  }

  /** Whether {@code address} lies in this block. */
  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int whole = prefixBits / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[whole] & mask) == (network[whole] & mask);
  }

  private static byte[] literal(String literal, String text) {
    if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
      throw bad(text);
    }
    try {
      // A literal of one of the two shapes above is parsed, never looked up.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw bad(text);
    }
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "a trusted proxy must be an IP address or a block like 10.0.0.0/8, got: '" + text + "'");
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
    } catch (UnknownHostException e) {
      return Arrays.toString(network) + "/" + prefixBits;
    }
  }
}
