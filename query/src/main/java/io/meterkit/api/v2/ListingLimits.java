package io.meterkit.api.v2;

import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.RequestField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.math.BigInteger;

/**
 * The {@code limit} and {@code offset} rules of the v2 listings: a limit at most 0 is {@code Limit
 * must be positive}, one above the route's maximum names the maximum; an offset is at least 0.
 *
 * <p>Thread-safe: stateless.
 */
final class ListingLimits {
  private ListingLimits() {}

  /** Reads {@code limit} (already decoded as an integer by WSME's rules). */
  static int limit(CeilometerArgs args, int defaultValue, int max) {
    return args.integer("limit").map(value -> check(value, max)).orElse(defaultValue);
  }

  /** Checks a limit given as a number, e.g. in a request body. */
  static int check(BigInteger value, int max) {
    if (value.signum() <= 0) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("limit"), Rule.TOO_SMALL, value.toString(), 1),
          "limit must be positive, got " + value);
    }
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("limit"), Rule.TOO_LARGE, value.toString(), max),
          "limit must be at most " + max + ", got " + value);
    }
    return value.intValue();
  }

  /** Reads {@code offset}: at least 0, default 0. */
  static long offset(CeilometerArgs args) {
    BigInteger offset = args.integer("offset").orElse(BigInteger.ZERO);
    if (offset.signum() < 0) {
      throw new InvalidQueryException(
          Violation.of(new RequestField("offset"), Rule.TOO_SMALL, offset.toString(), 0),
          "offset must be >= 0, got " + offset);
    }
    return offset.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
  }
}
