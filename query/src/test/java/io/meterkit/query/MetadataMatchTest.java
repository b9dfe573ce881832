package io.meterkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.meterkit.core.InvalidQueryException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Typed metadata matching (DESIGN §2 "Metadata", Ceilometer's {@code q.type}): integers and floats
 * compare as numbers, booleans ignoring case, strings exactly except that stored JSON booleans
 * ({@code true}/{@code false}) compare ignoring case.
 */
class MetadataMatchTest {

  @ParameterizedTest(name = "{0} {1} against stored ''{2}'': {3}")
  @CsvSource({
    // integer: the same integer value, whatever the spelling of the stored number
    "INTEGER, 0, 0, true",
    "INTEGER, 0, 0.0, true",
    "INTEGER, 0, 0.00, true",
    "INTEGER, 0, -0, true",
    "INTEGER, 10, 010, true",
    "INTEGER, 10, 1e1, true",
    "INTEGER, -2, -2, true",
    "INTEGER, +5, 5, true",
    "INTEGER, 0, 1, false",
    "INTEGER, 1, 1.5, false",
    "INTEGER, 0, abc, false",
    "INTEGER, 0, false, false",
    // beyond 2^53 doubles cannot tell these integers apart; the integer values still differ
    "INTEGER, 9007199254740993, 9007199254740993, true",
    "INTEGER, 9007199254740993, 9007199254740993.0, true",
    "INTEGER, 9007199254740993, 9007199254740992, false",
    "INTEGER, 123456789012345678, 123456789012345679, false",
    // float: the same double value
    "FLOAT, 0.75, 0.75, true",
    "FLOAT, 0.75, 0.750, true",
    "FLOAT, 0.75, .75, true",
    "FLOAT, 1.5, 1.50, true",
    "FLOAT, 1.0, 1, true",
    "FLOAT, 0.1, 0.1000000000000000001, true",
    "FLOAT, 0.75, 0.7501, false",
    "FLOAT, 0.75, abc, false",
    // boolean: true or false, ignoring case on both sides
    "BOOLEAN, true, true, true",
    "BOOLEAN, TRUE, true, true",
    "BOOLEAN, False, false, true",
    "BOOLEAN, true, True, true",
    "BOOLEAN, false, true, false",
    "BOOLEAN, true, yes, false",
    "BOOLEAN, true, 1, false",
    // string: exact, but stored JSON booleans (true/false) compare ignoring case
    "STRING, m1.small, m1.small, true",
    "STRING, M1.SMALL, m1.small, false",
    "STRING, TRUE, true, true",
    "STRING, False, false, true",
    "STRING, true, True, false",
    "STRING, 0, 0.0, false",
    "STRING, 0.0, 0.0, true"
  })
  void aStoredValueMatchesByItsType(ValueType type, String wanted, String stored, boolean matches) {
    assertThat(new MetadataMatch("key", wanted, type).matches(stored)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"STRING", "INTEGER", "FLOAT", "BOOLEAN"})
  void anAbsentKeyMatchesNothing(ValueType type) {
    String wanted = type == ValueType.BOOLEAN ? "true" : "0";
    assertThat(new MetadataMatch("key", wanted, type).matches(null)).isFalse();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "0, INTEGER",
    "-12, INTEGER",
    "+5, INTEGER",
    "0.75, FLOAT",
    ".5, FLOAT",
    "1e3, FLOAT",
    "-2.5E-3, FLOAT",
    "True, BOOLEAN",
    "FALSE, BOOLEAN",
    "abc, STRING",
    "1.2.3, STRING",
    "NaN, STRING",
    "Infinity, STRING",
    "0x10, STRING"
  })
  void theTypeOfAValueWithoutQTypeIsInferred(String value, ValueType type) {
    assertThat(ValueType.infer(value)).isEqualTo(type);
    assertThat(MetadataMatch.inferred("key", value).type()).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "string, STRING",
    "String, STRING",
    "integer, INTEGER",
    "int, INTEGER",
    "float, FLOAT",
    "DOUBLE, FLOAT",
    "boolean, BOOLEAN",
    "bool, BOOLEAN"
  })
  void qTypeNamesAreParsedIgnoringCase(String text, ValueType type) {
    assertThat(ValueType.parse(text)).isEqualTo(type);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"text", "", "datetime"})
  void anUnknownQTypeIsRefusedWithItsValue(String text) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> ValueType.parse(text))
        .withMessage(
            "q.type must be one of string, integer, float, boolean, got: "
                + (text == null ? "null" : "'" + text + "'"));
  }

  @ParameterizedTest(name = "{1} ''{2}''")
  @CsvSource({
    "size, INTEGER, 1.5, integer",
    "size, INTEGER, abc, integer",
    "size, INTEGER, 1234567890123456789, integer",
    "ratio, FLOAT, abc, float",
    "ratio, FLOAT, NaN, float",
    "enabled, BOOLEAN, yes, boolean",
    "enabled, BOOLEAN, 1, boolean"
  })
  void aValueThatIsNotOfItsTypeIsRefusedWithKeyTypeAndValue(
      String key, ValueType type, String value, String typeName) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> new MetadataMatch(key, value, type))
        .withMessage(
            "value of metadata." + key + " must be " + typeName + ", got: '" + value + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void aBlankKeyIsRefused(String key) {
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> MetadataMatch.string(key, "x"))
        .withMessage("metadata key must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"key", "value", "type"})
  void aMissingComponentIsRefusedByName(String component) {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new MetadataMatch(
                    component.equals("key") ? null : "k",
                    component.equals("value") ? null : "v",
                    component.equals("type") ? null : ValueType.STRING))
        .withMessage(component);
  }
}
