package io.meterkit.query;

import io.meterkit.core.InvalidQueryException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.QueryField;
import io.meterkit.core.Rule;
import io.meterkit.core.Violation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The parameter P of a {@link AggregateFunction#PERCENTILE} aggregate, {@code 0 < P <= 100}, kept
 * exactly as the caller wrote it: {@code 95}, {@code 99.9} and {@code 95.0} are three parameters
 * whose results are labelled {@code percentile/95}, {@code percentile/99.9} and {@code
 * percentile/95.0} (the last two ranking like {@code 95}).
 *
 * <p>The percentile of {@code n} volumes is exact nearest-rank: the volume at 1-based rank {@code
 * ceil(P * n / 100)} in ascending order, i.e. the smallest volume {@code v} such that at least P %
 * of the volumes are {@code <= v}. Ties need no rule: equal volumes are the same answer.
 *
 * <p>Immutable and thread-safe; equal when the text is equal.
 */
public final class Percentile {
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final String FORM = "a decimal number in (0, 100], like 95 or 99.9";

  private final String text;
  private final BigDecimal value;

  private Percentile(String text, BigDecimal value) {
    this.text = text;
    this.value = value;
  }

  /**
   * Parses P.
   *
   * @param text digits with an optional fraction, e.g. {@code 50}, {@code 99.9}, {@code 100}
   * @return the parameter
   * @throws InvalidQueryException when the text is no such decimal, or not in {@code (0, 100]}
   */
  public static Percentile of(String text) {
    if (text == null || !DECIMAL.matcher(text).matches()) {
      throw refused(text);
    }
    BigDecimal value = new BigDecimal(text);
    if (value.signum() <= 0 || value.compareTo(HUNDRED) > 0) {
      throw refused(text);
    }
    return new Percentile(text, value);
  }

  private static InvalidQueryException refused(String text) {
    return new InvalidQueryException(
        Violation.of(QueryField.AGGREGATE_PARAMETER, Rule.MALFORMED, text, FORM),
        "aggregate.param of percentile must be "
            + FORM
            + ", got: "
            + (text == null ? "none" : MeterkitException.describe(text)));
  }

  /**
   * Returns P exactly as given.
   *
   * @return e.g. {@code 99.9}
   */
  public String text() {
    return text;
  }

  /**
   * Returns P as a number.
   *
   * @return the exact value, in {@code (0, 100]}
   */
  public BigDecimal value() {
    return value;
  }

  /**
   * Returns the nearest rank of P among {@code count} values.
   *
   * @param count the number of values, at least 1
   * @return {@code ceil(P * count / 100)}, computed exactly; in {@code [1, count]}
   * @throws IllegalArgumentException when {@code count < 1}
   */
  public long rank(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got: " + count);
    }
    return value
        .multiply(BigDecimal.valueOf(count))
        .divide(HUNDRED, 0, RoundingMode.CEILING)
        .longValueExact();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Percentile that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
