package io.meterkit.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterkit.api.QueryParameters;
import io.meterkit.core.InvalidQueryException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CeilometerArgsTest {
  private static final Set<String> LISTING = Set.of("q", "limit");

  private static CeilometerArgs args(String rawQuery, Set<String> signature) {
    return CeilometerArgs.of(QueryParameters.parse(rawQuery), signature);
  }

  private static String faultOf(Runnable action) {
    try {
      action.run();
    } catch (InvalidQueryException e) {
      return CeilometerWords.faultstring(e.violation());
    }
    throw new AssertionError("no refusal");
  }

  @Test
  void theNthSubKeyBelongsToTheNthTermWhereverItStandsInTheUrl() {
    List<QueryTerm> terms =
        args("q.field=a&q.value=1&q.field=b&q.op=gt&q.value=2", LISTING).terms();

    assertThat(terms)
        .containsExactly(new QueryTerm("a", "gt", "1", null), new QueryTerm("b", "eq", "2", null));
  }

  @Test
  void aMissingOrEmptyOpIsEqAndAMissingValueOrTypeIsUnset() {
    List<QueryTerm> terms = args("q.field=a&q.op=&q.type=&q.field=b", LISTING).terms();

    assertThat(terms)
        .containsExactly(new QueryTerm("a", "eq", null, ""), new QueryTerm("b", "eq", null, null));
    assertThat(terms.get(0).repr()).isEqualTo("<Query 'a' eq Unset >");
    assertThat(terms.get(1).repr()).isEqualTo("<Query 'b' eq Unset Unset>");
  }

  @Test
  void moreOfALaterSubKeyThanFieldsIsRefusedWithPythonsIndexError() {
    assertThat(faultOf(() -> args("q.field=a&q.value=1&q.value=2", LISTING).terms()))
        .isEqualTo(
            "Invalid input for field/attribute q.value. Value: '['1', '2']'. list index out of"
                + " range");
  }

  @Test
  void unknownNamesAreListedTogetherInOrderOfAppearance() {
    assertThat(faultOf(() -> args("limit=1&foo=1&q.foo=x&bar=2", LISTING)))
        .isEqualTo("Unknown argument: \"foo, q.foo, bar\"");
  }

  @ParameterizedTest
  @CsvSource({"'+5', 5", "' 5', 5", "'5 ', 5", "'-3', -3", "'1_000', 1000"})
  void integersReadAsPythonsIntReadsText(String text, long expected) {
    assertThat(CeilometerArgs.toInt("limit", text)).isEqualTo(BigInteger.valueOf(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.5", "abc", "0x10", "1__0"})
  void otherTextIsNotAnInteger(String text) {
    assertThat(faultOf(() -> args("limit=" + text, LISTING).integer("limit")))
        .isEqualTo(
            "Invalid input for field/attribute limit. Value: '"
                + text
                + "'. unable to convert to int. Error: invalid literal for int() with base 10: '"
                + text
                + "'");
  }

  @Test
  void aRepeatedIntegerIsPythonsIntOfAList() {
    assertThat(faultOf(() -> args("limit=1&limit=1", LISTING).integer("limit")))
        .isEqualTo(
            "Invalid input for field/attribute limit. Value: '['1', '1']'. unable to convert to"
                + " int. Error: int() argument must be a string, a bytes-like object or a number,"
                + " not 'list'");
  }

  @ParameterizedTest
  @CsvSource({
    "True, true",
    "1, true",
    "t, true",
    "on, true",
    "' YES ', true",
    "y, true",
    "false, false",
    "foo, false",
    "'', false",
    "0, false"
  })
  void flagsAreBoolFromStringAndNeverAnError(String text, boolean expected) {
    assertThat(args("unique=" + text.replace(" ", "%20"), Set.of("unique")).flag("unique"))
        .isEqualTo(expected);
  }

  @Test
  void aRepeatedTextParameterIsTheTextOfAListSoAFlagIsFalse() {
    CeilometerArgs repeated = args("unique=True&unique=True", Set.of("unique"));

    assertThat(repeated.text("unique")).contains("['True', 'True']");
    assertThat(repeated.flag("unique")).isFalse();
  }

  @Test
  void aggregatesPairFunctionAndParameterByPosition() {
    assertThat(
            args(
                    "aggregate.func=max&aggregate.func=cardinality&aggregate.param=resource_id",
                    Set.of("aggregate"))
                .aggregates())
        .containsExactly(
            Map.entry("max", "resource_id"),
            new java.util.AbstractMap.SimpleEntry<>("cardinality", null));
  }
}
